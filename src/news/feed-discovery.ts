import { Parser } from "htmlparser2";

const FEED_TYPES = new Set([
  "application/rss+xml",
  "application/atom+xml",
  "application/feed+json",
  "application/rdf+xml",
  "application/json",
]);

/** Feeds are announced near the top (some CMSs put the links early in <body>); the rest of a huge page only costs time. */
const MAX_SCAN_CHARS = 512 * 1024;

/**
 * The feeds an HTML page announces with `<link rel="alternate" type="application/rss+xml" href>`
 * (and Atom, JSON Feed, RDF), resolved against the page URL, in page order, http(s) only.
 * `application/json` counts only with a feed-like title, as pages use it for other data too.
 */
export function discoverFeedLinks(html: string, pageUrl: string): string[] {
  const found: string[] = [];
  let base = pageUrl;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "base" && attrs.href && base === pageUrl) base = resolve(attrs.href, pageUrl) ?? pageUrl;
        if (name !== "link" || !attrs.href) return;
        const rel = (attrs.rel ?? "").toLowerCase().split(/\s+/);
        const type = (attrs.type ?? "").toLowerCase().split(";")[0]?.trim() ?? "";
        if (!rel.includes("alternate") || !FEED_TYPES.has(type)) return;
        if (type === "application/json" && !/feed/i.test(attrs.title ?? "")) return;
        const url = resolve(attrs.href, base);
        if (url && !found.includes(url)) found.push(url);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html.slice(0, MAX_SCAN_CHARS));
  return found;
}

function resolve(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Whether decoded text is an HTML page rather than a feed (a cheap look at its start). */
export function looksLikeHtml(text: string, contentType?: string): boolean {
  if (/^\s*text\/html\b/i.test(contentType ?? "")) return true;
  const head = text.slice(0, 2048).replace(/^\uFEFF/, "").trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || /^(<!--[\s\S]*?-->\s*)*<html[\s>]/.test(head);
}
