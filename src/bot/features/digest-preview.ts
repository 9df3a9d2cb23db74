import { Composer } from "grammy";
import type { Subscriber } from "../../db/repositories/index.js";
import type { Subscriptions } from "../../digest/subscriptions.js";
import type { Context } from "../context.js";
import { chatKey } from "../subscription-key.js";
import { describeTopics } from "./subscribe.js";
import type { Locale } from "../../shared/locale.js";

const DAY_MS = 86_400_000;

/** The digest engine's builder (`createDigestBuilder`), as far as a preview needs it. */
export interface DigestPreviewSource {
  build(input: { subscriber: Subscriber; locale: Locale; now: Date }): Promise<{ messages: string[] }>;
}

export interface DigestPreviewDeps {
  subscriptions: Subscriptions;
  digests: DigestPreviewSource;
}

/**
 * `/digest`: the digest this chat would get right now. Only a look — the ledger and
 * last_digest_at stay untouched, so the day's real digest still comes and covers the same news.
 */
export function createDigestPreviewFeature({ subscriptions, digests }: DigestPreviewDeps): Composer<Context> {
  const composer = new Composer<Context>();

  composer.command("digest", async (ctx) => {
    const subscriber = await subscriptions.previewSubscriber(chatKey(ctx));
    const now = subscriptions.now();
    const { messages } = await digests.build({ subscriber, locale: ctx.locale, now });

    if (messages.length === 0) {
      const recent = subscriber.lastDigestAt !== null && now.getTime() - subscriber.lastDigestAt.getTime() < DAY_MS;
      const summary = await subscriptions.summary(chatKey(ctx));
      const lines = [ctx.t(recent ? "digest-preview-empty-since" : "digest-preview-empty-day")];
      if (summary.topics.length > 0) lines.push(ctx.t("digest-preview-topics", { what: describeTopics(ctx, summary.topics) }));
      await ctx.reply(lines.join("\n"));
      return;
    }
    for (const text of messages) await ctx.reply(text);
    if (!subscriber.subscribed) {
      const summary = await subscriptions.summary(chatKey(ctx));
      await ctx.reply(ctx.t("digest-preview-subscribe-hint", { time: summary.digestTime }));
    }
  });

  return composer;
}
