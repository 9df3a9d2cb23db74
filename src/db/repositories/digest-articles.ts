import { and, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { articles, articleTopics } from "../schema.js";
import { describeStories, type StoryListItem } from "./story-lists.js";

export interface DigestSelection {
  /** Topic slugs; empty means all news. */
  topics: readonly string[];
  /** Exclusive lower bound on published_at. */
  since: Date;
  /** Inclusive upper bound: articles dated in the future wait for a later digest. */
  until: Date;
}

/** One story of a reader's window, with what the digest ranks it by (see digest/rank.ts). */
export interface DigestStoryCandidate {
  /** The story id, or minus the article id for an article no story claims. */
  key: number;
  /** Reports in the window (and the reader's topics). */
  reports: number;
  /** Distinct sources among them. */
  outlets: number;
  /** Most of the reader's topics one report is tagged with; 1 for all-news readers. */
  topics: number;
  firstAt: Date;
  lastAt: Date;
  /** The earliest report in the window: the one the digest links. */
  leadId: number;
}

export interface DigestStoryRow extends StoryListItem {
  /** The reader's topics the linked report is tagged with; for all-news readers, all of its topics. */
  topics: string[];
  /** The strongest of `topics`; absent when the report was tagged before ranks were kept. */
  mainTopic?: string;
}

/**
 * Stories for one digest: `candidates` aggregates the window per story (an index range on
 * published_at, or per topic on article_topics), the caller ranks them, and `describe` fetches the
 * few that made it.
 */
export function createDigestArticleRepository(db: Db) {
  const storyKey = sql`coalesce(${articles.storyId}, -${articles.id})`;
  const aggregates = {
    key: sql<number>`${storyKey}`.mapWith(Number),
    reports: sql<number>`count(*)::int`,
    outlets: sql<number>`count(distinct ${articles.sourceId})::int`,
    firstAt: sql<Date>`min(${articles.publishedAt})`.mapWith(articles.publishedAt),
    lastAt: sql<Date>`max(${articles.publishedAt})`.mapWith(articles.publishedAt),
    leadId: sql<number>`(array_agg(${articles.id} order by ${articles.publishedAt}, ${articles.id}))[1]`.mapWith(Number),
  };
  return {
    async candidates(selection: DigestSelection): Promise<DigestStoryCandidate[]> {
      if (selection.topics.length === 0) {
        const rows = await db
          .select(aggregates)
          .from(articles)
          .where(and(gt(articles.publishedAt, selection.since), lte(articles.publishedAt, selection.until)))
          .groupBy(storyKey);
        return rows.map((row) => ({ ...row, topics: 1 }));
      }
      // article_topics carries published_at, so the window is an index range per topic.
      const matched = db
        .select({ articleId: articleTopics.articleId, count: sql<number>`count(*)::int`.as("matched_count") })
        .from(articleTopics)
        .where(
          and(
            inArray(articleTopics.topic, [...selection.topics]),
            gt(articleTopics.publishedAt, selection.since),
            lte(articleTopics.publishedAt, selection.until),
          ),
        )
        .groupBy(articleTopics.articleId)
        .as("matched");
      return db
        .select({ ...aggregates, topics: sql<number>`max(${matched.count})::int` })
        .from(matched)
        .innerJoin(articles, eq(articles.id, matched.articleId))
        .groupBy(storyKey);
    },

    /** The chosen stories' lines, in the order given, with the topics that group them. */
    async describe(chosen: readonly DigestStoryCandidate[], readerTopics: readonly string[]): Promise<DigestStoryRow[]> {
      const items = await describeStories(
        db,
        chosen.map((c) => ({ id: c.leadId, publishedAt: c.lastAt, storyId: c.key > 0 ? c.key : null })),
      );
      if (items.length === 0) return [];
      const wanted = new Set(readerTopics);
      const tags = await db
        .select({ articleId: articleTopics.articleId, topic: articleTopics.topic, rank: articleTopics.rank })
        .from(articleTopics)
        .where(inArray(articleTopics.articleId, items.map((item) => item.id)))
        .orderBy(articleTopics.topic);
      const topicsOf = new Map<number, string[]>();
      const mainOf = new Map<number, { topic: string; rank: number }>();
      for (const tag of tags) {
        if (wanted.size > 0 && !wanted.has(tag.topic)) continue;
        topicsOf.set(tag.articleId, [...(topicsOf.get(tag.articleId) ?? []), tag.topic]);
        const main = mainOf.get(tag.articleId);
        if (tag.rank !== null && (main === undefined || tag.rank < main.rank)) mainOf.set(tag.articleId, { topic: tag.topic, rank: tag.rank });
      }
      return items.map((item) => {
        const main = mainOf.get(item.id);
        return { ...item, topics: topicsOf.get(item.id) ?? [], ...(main ? { mainTopic: main.topic } : {}) };
      });
    },
  };
}

export type DigestArticleRepository = ReturnType<typeof createDigestArticleRepository>;
