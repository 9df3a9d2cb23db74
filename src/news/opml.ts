import { XMLValidator } from "fast-xml-parser";
import { Parser } from "htmlparser2";
import { formatDuration, parseDuration } from "../duration.js";
import { sniffDocument } from "./sniff.js";
import { describeXmlProblem } from "./network-words.js";
import { DocumentError } from "./types.js";

/** One feed in an OPML subscription list. */
export interface OpmlFeed {
  url: string;
  title?: string;
  siteUrl?: string;
  /** Vestnik's own per-feed interval, kept across export and import. */
  pollIntervalMs?: number;
}

export interface OpmlDocument {
  title?: string;
  feeds: OpmlFeed[];
  /** Outlines that name a feed URL Vestnik cannot poll, with the reason. */
  rejected: { url: string; reason: string }[];
}

/** Namespace of the `vestnik:every` attribute; only an identifier, never fetched. */
const VESTNIK_NS = "https://github.com/vestnik-bot/vestnik#opml";

/**
 * Reads an OPML 1.0/2.0 subscription list: every `<outline xmlUrl=…>` at any depth (folders are
 * flattened). Attribute names are matched case-insensitively, as exporters disagree on `xmlUrl`.
 * Entity declarations are refused like in feeds, so a list cannot be a billion-laughs bomb.
 */
export function parseOpml(text: string): OpmlDocument {
  const source = text.replace(/^\uFEFF/, "");
  const sniffed = sniffDocument(source);
  if (sniffed.kind !== "xml") throw new DocumentError("not an OPML file: not XML");
  if (sniffed.doctype?.internalSubset !== undefined && /<!ENTITY/i.test(sniffed.doctype.internalSubset)) {
    throw new DocumentError("XML declares entities (DTD); refused for safety");
  }
  if (sniffed.root?.toLowerCase() !== "opml") {
    throw new DocumentError(`not an OPML file: the root element is <${(sniffed.root ?? "?").slice(0, 40)}>`);
  }
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new DocumentError(describeXmlProblem(valid.err.msg, valid.err.line));

  const doc: OpmlDocument = { feeds: [], rejected: [] };
  const seen = new Set<string>();
  const path: string[] = [];
  let titleText: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        path.push(name);
        if (name === "title" && path.join("/") === "opml/head/title") titleText = "";
        if (name !== "outline") return;
        const rawUrl = attrs.xmlurl?.trim();
        if (!rawUrl) return;
        const url = httpUrl(rawUrl);
        if (!url) {
          doc.rejected.push({ url: rawUrl, reason: "not an http(s) URL" });
          return;
        }
        if (seen.has(url)) return;
        seen.add(url);
        const feed: OpmlFeed = { url };
        const title = oneLine(attrs.title ?? attrs.text ?? "");
        if (title) feed.title = title;
        const site = attrs.htmlurl ? httpUrl(attrs.htmlurl.trim()) : undefined;
        if (site) feed.siteUrl = site;
        const every = attrs["vestnik:every"] ? parseDuration(attrs["vestnik:every"]) : undefined;
        if (every !== undefined && every > 0) feed.pollIntervalMs = every;
        doc.feeds.push(feed);
      },
      ontext(chunk) {
        if (titleText !== undefined) titleText += chunk;
      },
      onclosetag(name) {
        if (name === "title" && titleText !== undefined) {
          const title = oneLine(titleText);
          if (title) doc.title = title;
          titleText = undefined;
        }
        path.pop();
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(source);
  return doc;
}

export interface OpmlExport {
  title: string;
  dateCreated: Date;
  feeds: OpmlFeed[];
}

/** An OPML 2.0 subscription list: one `type="rss"` outline per feed, readable by any feed reader. */
export function renderOpml(opml: OpmlExport): string {
  const outlines = opml.feeds.map((feed) => {
    const title = oneLine(feed.title ?? "") || feed.url;
    const attrs: [string, string][] = [
      ["type", "rss"],
      ["text", title],
      ["title", title],
      ["xmlUrl", feed.url],
    ];
    if (feed.siteUrl) attrs.push(["htmlUrl", feed.siteUrl]);
    if (feed.pollIntervalMs) attrs.push(["vestnik:every", formatDuration(feed.pollIntervalMs)]);
    return `    <outline ${attrs.map(([k, v]) => `${k}="${escapeXml(v)}"`).join(" ")}/>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<opml version="2.0" xmlns:vestnik="${VESTNIK_NS}">`,
    `  <head>`,
    `    <title>${escapeXml(opml.title)}</title>`,
    `    <dateCreated>${opml.dateCreated.toUTCString()}</dateCreated>`,
    `  </head>`,
    `  <body>`,
    ...outlines,
    `  </body>`,
    `</opml>`,
    ``,
  ].join("\n");
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Escapes for text and attributes, dropping characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
    .replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch)
    .replace(/[\t\n\r]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function httpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
