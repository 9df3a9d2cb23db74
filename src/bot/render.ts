import { InlineKeyboard } from "grammy";
import { isWebUrl } from "../news/canonical-url.js";
import type { ArticleListItem } from "../news/queries.js";
import { summarizeOutlets } from "../news/story-outlets.js";
import { INTL_LOCALES, type Locale } from "../shared/locale.js";
import { escapeHtml, MAX_MESSAGE_LENGTH, truncate } from "../shared/telegram-html.js";

/** Longer titles are cut: a list is for scanning, and one huge title must not crowd out the rest. */
export const MAX_TITLE_LENGTH = 300;
const MAX_SOURCE_LENGTH = 80;

/** "5 мар., 14:05" / "5 Mar, 14:05"; the year only when it is not the current one. */
export function formatTime(date: Date, locale: Locale, timeZone: string, now: Date = new Date()): string {
  const year = (d: Date) => new Intl.DateTimeFormat("en", { timeZone, year: "numeric" }).format(d);
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    timeZone,
    day: "numeric",
    month: "short",
    year: year(date) === year(now) ? undefined : "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(date);
}

export interface ListOptions {
  /** Ready HTML shown above the items (already escaped). */
  header: string;
  locale: Locale;
  timeZone: string;
  /** Shown for an article whose title is empty. */
  untitled: string;
  /** «+4 источника: РИА Новости, BBC, Mash…» from the count and the plain-text names (escaped here). */
  others?: (count: number, names: string) => string;
  now?: Date;
}

/** A list line: an article, or a story's linked report with the story's other outlets. */
export type ListItem = ArticleListItem & { others?: readonly string[]; otherCount?: number };

export interface RenderedList {
  text: string;
  /** How many of the items made it into `text`, from the start; the rest belong on the next page. */
  shown: number;
}

/** The byline's tail naming a story's other outlets, or "" for a lone report. */
export function othersText(item: ListItem, others: ListOptions["others"]): string {
  const summary = others && summarizeOutlets(item.others, item.otherCount);
  return summary ? others(summary.count, summary.names) : "";
}

function renderItem(item: ListItem, opts: ListOptions, withLink: boolean): string {
  const title = escapeHtml(truncate(item.title.trim() || opts.untitled, MAX_TITLE_LENGTH));
  const heading = withLink && isWebUrl(item.url) ? `<a href="${escapeHtml(item.url)}">${title}</a>` : `<b>${title}</b>`;
  const source = escapeHtml(truncate(item.sourceTitle.trim(), MAX_SOURCE_LENGTH));
  const time = formatTime(item.publishedAt, opts.locale, opts.timeZone, opts.now);
  const others = othersText(item, opts.others);
  return `${heading}\n<i>${source ? `${source} · ` : ""}${time}${others ? ` · ${escapeHtml(others)}` : ""}</i>`;
}

/**
 * One message listing articles newest first, never longer than 4096 characters: items that do not
 * fit are left out (`shown` tells how many made it). The first item falls back to its title without
 * the link if the link is what makes it too long, so with any sane header paging always moves on.
 */
export function renderArticleList(items: readonly ListItem[], opts: ListOptions): RenderedList {
  const separator = "\n\n";
  const fits = (text: string, block: string) => text.length + separator.length + block.length <= MAX_MESSAGE_LENGTH;
  let text = opts.header;
  let shown = 0;
  for (const item of items) {
    let block = renderItem(item, opts, true);
    if (!fits(text, block)) {
      if (shown > 0) break;
      block = renderItem(item, opts, false);
      if (!fits(text, block)) break;
    }
    text += separator + block;
    shown += 1;
  }
  return { text, shown };
}

/** The "older" button under a list, or none on the last page. */
export function olderKeyboard(label: string, data: string | undefined): InlineKeyboard | undefined {
  return data === undefined ? undefined : new InlineKeyboard().text(label, data);
}
