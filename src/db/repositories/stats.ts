import { and, eq, gte, gt, isNull } from "drizzle-orm";
import type { Db } from "../client.js";
import { articles, digestDeliveries, sources, subscribers } from "../schema.js";

export interface StoreCounts {
  articles: number;
  sources: number;
  /** Polled feeds, and how many of them failed their last poll. */
  feeds: number;
  failingFeeds: number;
  /** Readers who receive digests: subscribed and not blocked. */
  subscribers: number;
  /** Digests with status `sent` that finished at or after `since`. */
  digestsSent: number;
}

export function createStatsRepository(db: Db) {
  return {
    /**
     * The admin overview. "Digests today" counts by finish time, not by the readers' local dates:
     * readers live in different zones, so one instant (`since`, the start of the admin's day) is
     * the only boundary every row can be compared with.
     */
    async counts(since: Date): Promise<StoreCounts> {
      const isFeed = eq(sources.kind, "feed");
      return {
        articles: await db.$count(articles),
        sources: await db.$count(sources),
        feeds: await db.$count(sources, isFeed),
        failingFeeds: await db.$count(sources, and(isFeed, gt(sources.failures, 0))),
        subscribers: await db.$count(subscribers, and(eq(subscribers.subscribed, true), isNull(subscribers.blockedAt))),
        digestsSent: await db.$count(
          digestDeliveries,
          and(eq(digestDeliveries.status, "sent"), gte(digestDeliveries.finishedAt, since)),
        ),
      };
    },
  };
}

export type StatsRepository = ReturnType<typeof createStatsRepository>;
