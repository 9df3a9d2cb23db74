import type { Repositories, Subscriber } from "../db/repositories/index.js";
import type { Topic } from "../topics/types.js";
import { composeDigest, composeEmptyDigest } from "./compose.js";
import { rankStories } from "./rank.js";
import { digestTranslate, type Translate } from "./texts.js";
import type { Locale } from "../shared/locale.js";

export interface DigestInput {
  /** What a digest depends on: the reader's topics, time zone and previous digest. */
  subscriber: Pick<Subscriber, "topics" | "timeZone" | "lastDigestAt">;
  /** The subscriber's `language` when set, else the caller decides. */
  locale: Locale;
  now: Date;
}

export interface BuiltDigest {
  /** Ready Telegram HTML messages, each ≤ 4096 characters; empty when there is nothing new. */
  messages: string[];
  articleCount: number;
  /** Newest published_at included: the reader's next digest starts after it. */
  cutoff?: Date;
}

export interface DigestBuilderDeps {
  repos: Pick<Repositories, "digestArticles">;
  topics: Topic[];
  /** Most stories in one digest (DIGEST_SIZE). */
  size: number;
  /** Defaults to the digest catalogue in locales/<locale>/digest.ftl. */
  t?: Translate;
}

/** A first digest, or one after a long pause, covers this much: a digest is about the last day. */
export const DIGEST_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Where this reader's next digest starts: after the previous one's newest article, at most a day back. */
export function digestSince(subscriber: Pick<Subscriber, "lastDigestAt">, now: Date): Date {
  const dayAgo = now.getTime() - DIGEST_WINDOW_MS;
  return new Date(Math.max(dayAgo, subscriber.lastDigestAt?.getTime() ?? dayAgo));
}

export function createDigestBuilder(deps: DigestBuilderDeps) {
  const t = deps.t ?? digestTranslate();
  return {
    async build({ subscriber, locale, now }: DigestInput): Promise<BuiltDigest> {
      const candidates = await deps.repos.digestArticles.candidates({
        topics: subscriber.topics,
        since: digestSince(subscriber, now),
        until: now,
      });
      const chosen = rankStories(candidates, now, deps.size);
      const items = await deps.repos.digestArticles.describe(chosen, subscriber.topics);
      if (items.length === 0) return { messages: [], articleCount: 0 };
      const messages = composeDigest(items, { locale, timeZone: subscriber.timeZone, now, topics: deps.topics, t });
      // The newest report of any story included (not only the linked ones).
      const cutoff = new Date(Math.max(...chosen.map((story) => story.lastAt.getTime())));
      return { messages, articleCount: items.length, cutoff };
    },

    /** The short "nothing new" message (DIGEST_SEND_EMPTY, or a /digest preview with nothing in it). */
    empty({ subscriber, locale, now }: DigestInput): string {
      return composeEmptyDigest({ locale, timeZone: subscriber.timeZone, now, t });
    },
  };
}

export type DigestBuilder = ReturnType<typeof createDigestBuilder>;
