import { createHash } from "node:crypto";
import { canonicalUrl } from "./canonical-url.js";
import { truncate } from "../shared/telegram-html.js";
import type { PlannedArticle } from "../db/repositories/articles.js";
import type { ParsedDocument, ParsedItem } from "./types.js";

/**
 * What the store needs for one article, derived from a parsed item: the stored row without what
 * ingest adds (its id, source, fetch time and story).
 */
export type ArticleDraft = Omit<PlannedArticle, "id" | "sourceId" | "fetchedAt" | "storyId">;

export interface NormalizeContext {
  /** Identifies where the item came from; keys link-less items so two sources never collide. */
  sourceKey: string;
  /** Resolves relative links. */
  baseUrl?: string;
  document: Pick<ParsedDocument, "lang">;
  fetchedAt: Date;
}

const MAX_TITLE = 500;
const MAX_SUMMARY = 600;
/** A tsvector holds at most 1 MB; a runaway body must not make the insert fail. */
const MAX_BODY = 100_000;
/** Feeds that date items in the future would pin them to the top of every list. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The words of a text, lower-cased, without punctuation, markers or emoji. */
function wordList(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Words of the body a summary derived from it may have left out between two of its own: a post's
 * hashtag or @handle, a struck-out word, a line of links or dates, a promo line («— Подписаться на
 * канал … до 4 декабря»).
 */
const MAX_SKIPPED = 12;

/**
 * Whether `body` already tells `summary` word for word: its words in order, with at most
 * MAX_SKIPPED body words between two of them. A summary derived from the body (an excerpt cut with
 * «…», a post's first lines without their emoji markers, hashtags and links) is in it already:
 * prepending it would double the lead that search ranks, topics count and stories compare.
 */
function wordsInclude(body: string, summary: string): boolean {
  const needle = wordList(summary.replace(/…$/, ""));
  if (needle.length === 0) return true;
  const hay = wordList(body);
  // An excerpt may end in the middle of a word.
  const last = needle.length - 1;
  const matches = (k: number, word: string): boolean => (k === last ? word.startsWith(needle[k]!) : word === needle[k]);
  for (let start = 0; start < hay.length; start++) {
    if (!matches(0, hay[start]!)) continue;
    let at = start;
    let k = 1;
    for (; k < needle.length; k++) {
      let next = at + 1;
      const limit = Math.min(hay.length, at + 2 + MAX_SKIPPED);
      while (next < limit && !matches(k, hay[next]!)) next++;
      if (next >= limit) break;
      at = next;
    }
    if (k === needle.length) return true;
  }
  return false;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function detectLang(text: string): string {
  const sample = text.slice(0, 2000);
  const cyrillic = sample.match(/[\u0400-\u04ff]/g)?.length ?? 0;
  const latin = sample.match(/[a-z]/gi)?.length ?? 0;
  return cyrillic >= latin ? "ru" : "en";
}

/** Undefined when the item has nothing a reader could recognise (no title and no text). */
export function toArticleDraft(item: ParsedItem, ctx: NormalizeContext): ArticleDraft | undefined {
  const paragraphs = item.body.trim() || item.summary.trim();
  let title = collapseSpaces(item.title);
  if (!title) title = truncate(collapseSpaces(item.summary || item.body), 120);
  if (!title) return undefined;
  title = truncate(title, MAX_TITLE);

  const summarySource = collapseSpaces(item.summary) || collapseSpaces(paragraphs.split(/\n\s*\n/)[0] ?? "");
  const summary = truncate(summarySource, MAX_SUMMARY);
  let body = paragraphs;
  if (summarySource && !wordsInclude(body, summarySource)) body = `${summarySource}\n\n${body}`;
  body = truncate(body.trim(), MAX_BODY);

  const latest = ctx.fetchedAt.getTime() + FUTURE_TOLERANCE_MS;
  const publishedAt =
    item.publishedAt && !Number.isNaN(item.publishedAt.getTime()) && item.publishedAt.getTime() <= latest
      ? item.publishedAt
      : ctx.fetchedAt;

  const guid = item.guid?.trim() || null;
  const url =
    canonicalUrl(item.url, ctx.baseUrl) ??
    canonicalUrl(guid ?? undefined) ??
    `urn:vestnik:${sha256(`${ctx.sourceKey}\n${guid ?? `${title}\n${publishedAt.toISOString()}`}`).slice(0, 32)}`;

  return {
    url,
    guid,
    title,
    summary,
    body,
    author: item.author ? truncate(collapseSpaces(item.author), 200) || null : null,
    lang: (item.lang ?? ctx.document.lang)?.toLowerCase().slice(0, 16) ?? detectLang(`${title} ${body}`),
    publishedAt,
    contentHash: sha256(`${title}\n${body}`),
  };
}
