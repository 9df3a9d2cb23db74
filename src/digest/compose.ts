import { summarizeOutlets } from "../news/story-outlets.js";
import type { Topic } from "../topics/types.js";
import type { Translate } from "./texts.js";
import { INTL_LOCALES, type Locale } from "../shared/locale.js";
import { escapeHtml, MAX_MESSAGE_LENGTH, truncate } from "../shared/telegram-html.js";

// Raw lengths before escaping. Escaping may grow text up to 6× (`"` → `&quot;`), and even then one
// item with its header stays under 4096, so an item always fits in a message of its own.
const MAX_TITLE = 300;
const MAX_SUMMARY = 200;
const MAX_SOURCE = 80;
const MAX_TOPIC_NAME = 100;

export interface DigestArticle {
  id: number;
  title: string;
  url: string;
  summary: string;
  publishedAt: Date;
  sourceTitle: string;
  /** Topic slugs of the article that count for this reader (all of them for all-news readers). */
  topics: string[];
  /** The strongest of `topics`, when known: the group the article goes under. */
  mainTopic?: string;
  /** The first of the story's other outlets, when the article is one report of a larger story. */
  others?: readonly string[];
  /** How many other outlets there are in all (defaults to the names given). */
  otherCount?: number;
}

export interface ComposeOptions {
  locale: Locale;
  timeZone: string;
  /** The moment the digest is for: the header shows its local date. */
  now: Date;
  /** The taxonomy: its order decides an article's group, its names title the groups. */
  topics: readonly Topic[];
  t: Translate;
  /** Longest message. Default MAX_MESSAGE_LENGTH (Telegram's 4,096 characters). */
  maxLength?: number;
}

export interface DigestGroup {
  /** null: articles in none of the known topics. */
  slug: string | null;
  items: DigestArticle[];
}

/** "вторник, 4 марта" / "Tuesday 4 March": the reader's local date of `now`. */
export function formatDigestDate(now: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { timeZone, weekday: "long", day: "numeric", month: "long" }).format(now);
}

/**
 * Groups ranked articles by topic. Each article goes once, under its main topic (the strongest of
 * the reader's topics it has: a rouble-rate post that names Russia is economy news, a Syria story
 * that names the USA is Middle East news), or, for articles tagged before topics were ranked, the
 * first of its topics in taxonomy order. Groups follow their best-ranked article, and articles
 * outside every known topic come last. Within a group the ranking is kept.
 */
export function groupArticles(items: readonly DigestArticle[], topics: readonly Topic[]): DigestGroup[] {
  const order = new Map(topics.map((topic, index) => [topic.slug, index]));
  const groups = new Map<string | null, DigestArticle[]>();
  for (const item of items) {
    const slug = groupOf(item, order);
    const list = groups.get(slug) ?? [];
    if (list.length === 0) groups.set(slug, list);
    list.push(item);
  }
  const result = [...groups].map(([slug, list]) => ({ slug, items: list }));
  return [...result.filter((g) => g.slug !== null), ...result.filter((g) => g.slug === null)];
}

/** The known topic an article is filed under, or null (see groupArticles). */
function groupOf(item: DigestArticle, order: ReadonlyMap<string, number>): string | null {
  if (item.mainTopic !== undefined && order.has(item.mainTopic)) return item.mainTopic;
  let slug: string | null = null;
  for (const candidate of item.topics) {
    const rank = order.get(candidate);
    if (rank !== undefined && (slug === null || rank < (order.get(slug) ?? Infinity))) slug = candidate;
  }
  return slug;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The first sentence, when it says enough on its own: a digest line is a glance, not the lead. */
function firstSentence(text: string): string {
  const match = /^(.{40,}?[.!?…])\s+(?=[«"“A-ZА-ЯЁ0-9])/u.exec(text);
  return match?.[1] ?? text;
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** One story as a digest (or alert) block: linked headline, source and other outlets, one-line summary. */
export function renderItem(item: DigestArticle, withLink: boolean, opts: Pick<ComposeOptions, "locale" | "t">): string {
  const title = escapeHtml(truncate(oneLine(item.title), MAX_TITLE) || "…");
  const heading = withLink && isWebUrl(item.url) ? `<a href="${escapeHtml(item.url)}">${title}</a>` : `<b>${title}</b>`;
  const outlets = summarizeOutlets(item.others, item.otherCount);
  const byline = [
    escapeHtml(truncate(oneLine(item.sourceTitle), MAX_SOURCE)),
    outlets ? opts.t(opts.locale, "digest-others", { count: outlets.count, names: escapeHtml(outlets.names) }) : "",
  ].filter((part) => part !== "");
  const lines = [`• ${heading}${byline.length > 0 ? ` — <i>${byline.join(" · ")}</i>` : ""}`];
  const summary = summaryAfterTitle(oneLine(item.title), oneLine(item.summary));
  if (summary) lines.push(escapeHtml(truncate(firstSentence(summary), MAX_SUMMARY)));
  return lines.join("\n");
}

/**
 * The summary without the words the headline already shows. Plain-text articles open their summary
 * with the title, and a titleless post's headline is its own first sentence (cut with "…" when
 * long): repeating it under itself tells the reader nothing, so the line starts after it — after
 * the whole sentence when the headline was cut — and is left out when nothing remains.
 */
export function summaryAfterTitle(title: string, summary: string): string {
  const cut = title.endsWith("…");
  const stem = cut ? title.slice(0, -1).trimEnd() : title;
  if (!stem || !summary.startsWith(stem)) return summary;
  let rest = summary.slice(stem.length);
  if (cut) {
    const end = /[.!?…](?:\s+|$)/u.exec(rest);
    rest = end ? rest.slice(end.index + end[0].length) : "";
  }
  return rest.replace(/^[\s.:;,—–-]+/u, "");
}

/**
 * The digest as Telegram HTML messages: a dated header, topic groups, one block per article. Splits
 * only between articles, each message at most `maxLength` characters; a message that continues the
 * previous one says so, and repeats the topic title when a group carries on.
 */
export function composeDigest(items: readonly DigestArticle[], opts: ComposeOptions): string[] {
  const max = opts.maxLength ?? MAX_MESSAGE_LENGTH;
  const date = escapeHtml(formatDigestDate(opts.now, opts.locale, opts.timeZone));
  const names = new Map(opts.topics.map((topic) => [topic.slug, topic.names[opts.locale] || topic.slug]));
  const topicName = (slug: string | null) =>
    escapeHtml(truncate(slug === null ? opts.t(opts.locale, "digest-topic-other") : (names.get(slug) ?? slug), MAX_TOPIC_NAME));

  const messages: string[] = [];
  let current = opts.t(opts.locale, "digest-header", { date });
  let itemsInCurrent = 0;
  for (const group of groupArticles(items, opts.topics)) {
    const name = topicName(group.slug);
    group.items.forEach((item, index) => {
      const blockFor = (fresh: boolean, withLink: boolean) => {
        const title =
          index === 0
            ? `<b>${name}</b>\n`
            : fresh
              ? `<b>${opts.t(opts.locale, "digest-topic-continued", { topic: name })}</b>\n`
              : "";
        return `${title}${renderItem(item, withLink, opts)}`;
      };
      const sameMessage = blockFor(false, true);
      if (current.length + 2 + sameMessage.length <= max) {
        current += `\n\n${sameMessage}`;
        itemsInCurrent += 1;
        return;
      }
      const header = opts.t(opts.locale, itemsInCurrent > 0 || messages.length > 0 ? "digest-header-continued" : "digest-header", { date });
      if (itemsInCurrent > 0) messages.push(current);
      current = header;
      itemsInCurrent = 0;
      // A link that alone breaks the limit is dropped rather than the article.
      const fresh = [blockFor(true, true), blockFor(true, false)].find((block) => header.length + 2 + block.length <= max);
      if (fresh === undefined) return;
      current += `\n\n${fresh}`;
      itemsInCurrent += 1;
    });
  }
  if (itemsInCurrent > 0) messages.push(current);
  return messages;
}

/** The short message sent instead of an empty digest when DIGEST_SEND_EMPTY is on. */
export function composeEmptyDigest(opts: Pick<ComposeOptions, "locale" | "timeZone" | "now" | "t">): string {
  return opts.t(opts.locale, "digest-empty", { date: escapeHtml(formatDigestDate(opts.now, opts.locale, opts.timeZone)) });
}
