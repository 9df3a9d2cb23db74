import { Composer } from "grammy";
import type { ChatPlace, Subscriptions, SubscriptionSummary } from "../../digest/subscriptions.js";
import type { Topic } from "../../topics/types.js";
import { requireChatAdmin, type ChatRights } from "../chat-admin.js";
import type { Context } from "../context.js";
import { chatKey } from "../subscription-key.js";
import { localeForLanguageCode } from "../../shared/locale.js";
import { escapeHtml, truncate } from "../../shared/telegram-html.js";

/** Unknown names are echoed back; a pasted paragraph must not drown the answer. */
const MAX_ECHOED_NAMES = 5;
const MAX_ECHOED_LENGTH = 60;
/** Room left for the topic list in the "unknown topic" answer, well inside 4096 with the rest. */
const MAX_TOPIC_LIST_LENGTH = 3000;

export interface SubscribeDeps {
  subscriptions: Subscriptions;
  /** Group admin checks: in groups only administrators change the chat's subscription. */
  rights: ChatRights;
}

/** The chat's kind, stored with the subscription. */
function placeOf(ctx: Context): ChatPlace | undefined {
  return ctx.chat && { kind: ctx.chat.type };
}

/** "<b>Central Asia</b>, <b>Energy</b>", or "all news" when there are none. */
export function describeTopics(ctx: Context, topics: readonly Topic[]): string {
  if (topics.length === 0) return ctx.t("subscribe-all-news");
  return topics.map((topic) => `<b>${escapeHtml(topic.names[ctx.locale])}</b>`).join(", ");
}

/**
 * What follows a sentence that already says when the digest comes: "Next: tomorrow at 08:00." on
 * the same line, or a hint on its own line (paused, off, not sent from here).
 */
export function describeNext(ctx: Context, summary: SubscriptionSummary): string {
  if (summary.blocked) return `\n${ctx.t("subscribe-blocked-hint")}`;
  if (!summary.subscribed || summary.next === undefined) return `\n${ctx.t("subscribe-off-hint")}`;
  if (summary.next === "not-here") return `\n${ctx.t("subscribe-next-not-here")}`;
  return ` ${ctx.t("subscribe-next", { next: summary.next, time: summary.digestTime })}`;
}

/** "Your digest comes every day at 08:00, Asia/Bishkek time. Next: tomorrow at 08:00." */
export function describeSchedule(ctx: Context, summary: SubscriptionSummary): string {
  return `${ctx.t("subscribe-when", { time: summary.digestTime, timeZone: escapeHtml(summary.timeZone) })}${describeNext(ctx, summary)}`;
}

/** Every topic with the word to type for it, cut short (pointing at /topics) if the taxonomy is huge. */
function topicLines(ctx: Context, topics: readonly Topic[]): string {
  const lines: string[] = [];
  let length = 0;
  for (const [i, topic] of topics.entries()) {
    const line = ctx.t("subscribe-topic-line", { name: escapeHtml(topic.names[ctx.locale]), slug: escapeHtml(topic.slug) });
    if (length + line.length > MAX_TOPIC_LIST_LENGTH) {
      lines.push(ctx.t("subscribe-topics-more", { count: topics.length - i }));
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join("\n");
}

function unknownTopicsReply(ctx: Context, unknown: readonly string[], topics: readonly Topic[]): string {
  const shown = unknown
    .slice(0, MAX_ECHOED_NAMES)
    .map((name) => ctx.t("subscribe-unknown-name", { name: escapeHtml(truncate(name, MAX_ECHOED_LENGTH)) }));
  if (unknown.length > MAX_ECHOED_NAMES) shown.push("…");
  return ctx.t("subscribe-unknown", {
    count: unknown.length,
    unknown: shown.join(", "),
    topics: topicLines(ctx, topics),
    example: escapeHtml(topics[0]?.slug ?? ""),
  });
}

/** `/subscribe [topics]` and `/unsubscribe`; subscriptions belong to the chat the command came from. */
export function createSubscribeFeature({ subscriptions, rights }: SubscribeDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const adminOnly = requireChatAdmin(rights);

  composer.command("subscribe", adminOnly, async (ctx) => {
    // Inside a forum topic the subscription is that topic's own: its digests go there.
    const result = await subscriptions.subscribe(
      chatKey(ctx),
      ctx.match,
      ctx.chat.type === "private" && ctx.from?.language_code !== undefined ? localeForLanguageCode(ctx.from.language_code) : undefined,
      placeOf(ctx),
    );
    if (result.kind === "unknown-topics") {
      await ctx.reply(unknownTopicsReply(ctx, result.unknown, subscriptions.catalog.topics));
      return;
    }
    const { summary } = result;
    const what = describeTopics(ctx, summary.topics);
    const lines = [
      ctx.t(result.resumed ? "subscribe-resumed" : "subscribe-done", {
        what,
        count: summary.topics.length,
        // In a group the subscription is the chat's, not the admin's who typed the command.
        chat: ctx.chat.type === "private" ? "private" : "group",
      }),
      describeSchedule(ctx, summary),
      "",
      ctx.t("subscribe-settings-hint"),
    ];
    await ctx.reply(lines.join("\n"));
  });

  composer.command("unsubscribe", adminOnly, async (ctx) => {
    const stopped = await subscriptions.unsubscribe(chatKey(ctx));
    await ctx.reply(ctx.t(stopped ? "unsubscribe-done" : "unsubscribe-not-subscribed"));
  });

  return composer;
}
