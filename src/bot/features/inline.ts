import { Composer } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import { oneLine, summaryAfterTitle } from "../../digest/compose.js";
import { isWebUrl } from "../../news/canonical-url.js";
import { cleanQuery, type ArticleCursor, type ArticlePage, type NewsQueries } from "../../news/queries.js";
import type { TopicService } from "../../topics/service.js";
import type { Context } from "../context.js";
import { formatTime, MAX_TITLE_LENGTH, othersText, type ListItem } from "../render.js";
import { escapeHtml, truncate } from "../../shared/telegram-html.js";

/** Results per answer; Telegram takes at most 50, and a short page comes back faster. */
export const INLINE_PAGE_SIZE = 20;
export const MAX_INLINE_RESULTS = 50;
/** Seconds Telegram may reuse an answer: short, because new articles arrive all the time. */
export const INLINE_CACHE_SECONDS = 30;
const MAX_SUMMARY_LENGTH = 600;
const MAX_DESCRIPTION_LENGTH = 200;
/** The range a JavaScript Date can hold; an offset outside it was not written by us. */
const MAX_DATE_MS = 8.64e15;

/**
 * next_offset is the cursor after the page: `<published ms>.<article id>` in base36, a few dozen
 * bytes at most. Clients echo it back verbatim, but anyone can send any offset, so decoding
 * accepts only what encoding produces.
 */
export function encodeInlineOffset(cursor: ArticleCursor): string {
  return `${cursor.publishedAt.getTime().toString(36)}.${cursor.id.toString(36)}`;
}

export function decodeInlineOffset(offset: string): ArticleCursor | undefined {
  const match = /^(-?(?:0|[1-9a-z][0-9a-z]{0,11}))\.([1-9a-z][0-9a-z]{0,11})$/.exec(offset);
  if (!match?.[1] || !match[2]) return undefined;
  const ms = Number.parseInt(match[1], 36);
  const id = Number.parseInt(match[2], 36);
  if (!Number.isSafeInteger(ms) || Math.abs(ms) > MAX_DATE_MS || !Number.isSafeInteger(id) || id < 1) return undefined;
  const cursor = { publishedAt: new Date(ms), id };
  return encodeInlineOffset(cursor) === offset ? cursor : undefined;
}

export interface InlineDeps {
  news: Pick<NewsQueries, "latest" | "search">;
  /** Lets a topic name list that topic's newest articles; without it every query is a search. */
  topics?: Pick<TopicService, "resolve" | "latest">;
}

/**
 * One story as a shareable message: the linked headline, what the summary adds to it, source and time, and
 * the other outlets that reported it.
 */
export function articleResult(item: ListItem, ctx: Pick<Context, "locale" | "timeZone" | "t">): InlineQueryResultArticle {
  const plainTitle = truncate(item.title.trim() || ctx.t("untitled"), MAX_TITLE_LENGTH);
  const title = escapeHtml(plainTitle);
  const web = isWebUrl(item.url);
  const heading = web ? `<a href="${escapeHtml(item.url)}">${title}</a>` : `<b>${title}</b>`;
  const source = truncate(item.sourceTitle.trim(), 80);
  const time = formatTime(item.publishedAt, ctx.locale, ctx.timeZone);
  const others = othersText(item, (count, names) => ctx.t("list-others", { count, names }));
  const byline = [source, time, others].filter((part) => part !== "").join(" · ");
  // A titleless post's headline is its own first sentence, which its summary repeats.
  const summary = summaryAfterTitle(oneLine(item.title), oneLine(item.summary));
  const parts = [heading, ...(summary ? [escapeHtml(truncate(summary, MAX_SUMMARY_LENGTH))] : []), `<i>${escapeHtml(byline)}</i>`];
  return {
    type: "article",
    // "a" + base36 id of the linked report: unique per line (a story is listed once) and far below 64 bytes.
    id: `a${item.id.toString(36)}`,
    title: plainTitle,
    description: truncate(summary ? `${byline}\n${summary}` : byline, MAX_DESCRIPTION_LENGTH),
    ...(web ? { url: item.url } : {}),
    input_message_content: { message_text: parts.join("\n\n"), parse_mode: "HTML" },
  };
}

/**
 * `@bot <query>` in any chat: an empty query lists the latest news, a topic name that topic's
 * newest articles, anything else is a full-text search. Pages of INLINE_PAGE_SIZE, the next one
 * asked for with the offset we hand out.
 */
export function createInlineFeature(deps: InlineDeps): Composer<Context> {
  const composer = new Composer<Context>();

  composer.on("inline_query", async (ctx) => {
    const { offset } = ctx.inlineQuery;
    const cursor = offset === "" ? undefined : decodeInlineOffset(offset);
    if (offset !== "" && !cursor) {
      // Not an offset we wrote: there is no "next page" of it to give.
      await ctx.answerInlineQuery([], { cache_time: INLINE_CACHE_SECONDS, is_personal: false, next_offset: "" });
      return;
    }
    const page = await find(deps, cleanQuery(ctx.inlineQuery.query), cursor);
    const results = page.items.slice(0, MAX_INLINE_RESULTS).map((item) => articleResult(item, ctx));
    const nothing = results.length === 0 && cursor === undefined;
    await ctx.answerInlineQuery(results, {
      cache_time: INLINE_CACHE_SECONDS,
      is_personal: false,
      next_offset: page.next ? encodeInlineOffset(page.next) : "",
      // With nothing to show, a way into the bot beats an empty popup.
      ...(nothing ? { button: { text: ctx.t("inline-nothing-found"), start_parameter: "inline" } } : {}),
    });
  });

  return composer;
}

function find(deps: InlineDeps, query: string, cursor: ArticleCursor | undefined): Promise<ArticlePage> {
  if (query === "") return deps.news.latest(INLINE_PAGE_SIZE, cursor);
  const topic = deps.topics?.resolve(query);
  if (topic && deps.topics) return deps.topics.latest(topic.slug, INLINE_PAGE_SIZE, cursor);
  return deps.news.search(query, INLINE_PAGE_SIZE, cursor);
}
