import { cleanText, plainText, type HtmlToTextOptions } from "./html-to-text.js";
import { parseFeedDate } from "./feed-date.js";
import { deriveHeadline, deriveSummary, hasLink } from "../stories/headline.js";
import type { ParsedItem } from "./types.js";

/** One item's fields as a feed format gives them, before text is made plain. */
export interface RawItem {
  title?: string;
  url?: string;
  guid?: string;
  /** Teaser HTML (RSS description, Atom summary, JSON summary). */
  description?: string;
  /** Full-text HTML candidates (content:encoded, full-text extensions, Atom content…). */
  fullTexts: string[];
  /** Full text that is already plain (JSON `content_text`). */
  plainFullTexts?: string[];
  /** Yandex Turbo page markup. */
  turbo?: string;
  authors: string[];
  lang?: string;
  /** Candidate dates, most specific first. */
  dates: (string | undefined)[];
  categories: (string | undefined)[];
}

const SUMMARY_LENGTH = 300;
const TITLE_FALLBACK_LENGTH = 120;

/** Turns raw item fields into a ParsedItem with plain text and a resolved date. */
export function buildItem(raw: RawItem, feedLang: string | undefined): ParsedItem {
  const title = oneLine(itemText(raw.title ?? ""));
  let summary = stripBoilerplate(itemText(raw.description ?? ""));
  if (isPlaceholder(summary)) summary = "";

  const candidates = [
    ...raw.fullTexts.map((html) => itemText(html)),
    ...(raw.plainFullTexts ?? []).map((text) => cleanText(text)),
    // A Turbo page's header repeats the title and the cover image caption.
    ...(raw.turbo ? [itemText(raw.turbo, { skipTags: ["header"] })] : []),
  ].map((text) => dropLeadingTitle(stripBoilerplate(text), title));
  let body = summary;
  for (const candidate of candidates) {
    if (candidate.length > body.length && !isPlaceholder(candidate)) body = candidate;
  }
  // The teaser as written, lines kept: a titleless post's headline is its first line, and its
  // channel promo is a line of its own, which the one-line excerpt below would blur together.
  const teaser = summary;
  if (summary === "") summary = excerpt(body, SUMMARY_LENGTH);

  // A titleless item (a Telegram post) gets a headline and a summary without the channel's decoration.
  const headline = title ? "" : deriveHeadline(teaser || body, TITLE_FALLBACK_LENGTH);
  // A post of decoration alone («❤ Подписаться | Прислать новость», «#мем» under a picture) has
  // nothing a reader could recognise in a list: it is left out, as an item without text is. A post
  // of a bare link keeps the link as its headline.
  if (!title && headline === "" && !hasLink(teaser || body)) body = summary = "";
  if (!title) summary = deriveSummary(teaser || body, SUMMARY_LENGTH) || summary;
  const item: ParsedItem = {
    title: title || headline || oneLine(excerpt(summary || body, TITLE_FALLBACK_LENGTH)),
    summary,
    body,
    categories: uniqueCategories(raw.categories),
  };
  const url = raw.url?.trim();
  if (url) item.url = url;
  const guid = raw.guid?.trim();
  if (guid) item.guid = guid;
  const author = raw.authors.map((name) => oneLine(plainText(name))).filter(Boolean).join(", ");
  if (author) item.author = author;
  const lang = normalizeLang(raw.lang) ?? normalizeLang(feedLang);
  if (lang) item.lang = lang;
  for (const date of raw.dates) {
    const parsed = parseFeedDate(date);
    if (parsed) {
      item.publishedAt = parsed;
      break;
    }
  }
  return item;
}

// Formatting tags that can only be there because the source escaped its HTML twice
// (`<![CDATA[&lt;br /&gt;]]>`). Deliberately excludes script-like tags: those stay literal.
const ESCAPED_MARKUP =
  /<\/?(?:br|p|div|span|b|i|u|em|strong|a|img|ul|ol|li|h[1-6]|blockquote|table|tbody|tr|td|th|figure|figcaption|font|sup|sub|small|hr)(?:\s[^<>]*)?\/?>/i;

/**
 * Plain text of an item field. When the result still shows formatting tags, the feed escaped
 * its HTML once too often, so the text is read as HTML once more; the result is still plain.
 */
function itemText(html: string, options: HtmlToTextOptions = {}): string {
  const text = plainText(html, options);
  return ESCAPED_MARKUP.test(text) ? plainText(text, options) : text;
}

export function normalizeLang(lang: string | undefined): string | undefined {
  const value = lang?.trim().toLowerCase().replace(/_/g, "-");
  return value ? value : undefined;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A description that carries no text of its own ("1", "-", "…"), as some CMSes emit. */
function isPlaceholder(text: string): boolean {
  return text.length < 3 || !/\p{L}/u.test(text);
}

/** The first `max` characters, cut at a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  const flat = oneLine(text);
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  const head = (space > max / 2 ? cut.slice(0, space) : flat.slice(0, max)).replace(/[\s,;:–—-]+$/, "");
  return `${head}…`;
}

const TRAILING_BOILERPLATE = [
  /^The post .+ appeared first on .+$/i,
  /^Запись .+ впервые появилась .+$/i,
  /^(?:Continue reading|Read more|Read the full story|Читать далее|Читать полностью|Подробнее)\b.{0,40}$/i,
];
// WordPress glues its footer to the excerpt's last line when the excerpt has no <p>.
const INLINE_FOOTER = /\s*(?:The post .{1,300}? appeared first on|Запись .{1,300}? впервые появилась) [^\n]{1,200}$/i;

/** Removes trailing CMS boilerplate lines ("The post … appeared first on …" and the like). */
export function stripBoilerplate(text: string): string {
  const lines = text.split("\n");
  for (;;) {
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
    const last = lines[lines.length - 1];
    if (last === undefined || !TRAILING_BOILERPLATE.some((re) => re.test(last.trim()))) break;
    lines.pop();
  }
  const joined = lines.join("\n");
  const mayHaveFooter = joined.includes("appeared first on") || joined.includes("впервые появилась");
  return mayHaveFooter ? joined.replace(INLINE_FOOTER, "").trimEnd() : joined;
}

function dropLeadingTitle(text: string, title: string): string {
  if (!title) return text;
  const newline = text.indexOf("\n");
  const first = newline < 0 ? text : text.slice(0, newline);
  if (comparable(first) !== comparable(title)) return text;
  return newline < 0 ? "" : text.slice(newline + 1).trimStart();
}

export function comparable(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

function uniqueCategories(categories: (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const category of categories) {
    const name = oneLine(plainText(category ?? ""));
    if (name && !seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}
