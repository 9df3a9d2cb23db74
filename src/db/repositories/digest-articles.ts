import { and, desc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { listColumns } from "./articles.js";
import { articles, articleTopics, sources } from "../schema.js";

export interface DigestSelection {
  /** Topic slugs; empty means all news. */
  topics: readonly string[];
  /** Exclusive lower bound on published_at. */
  since: Date;
  /** Inclusive upper bound: articles dated in the future wait for a later digest. */
  until: Date;
  limit: number;
}

export interface DigestArticleRow {
  id: number;
  title: string;
  url: string;
  summary: string;
  publishedAt: Date;
  sourceTitle: string;
  /** The reader's topics the article is tagged with; for all-news readers, all of its topics. */
  topics: string[];
}

const columns = listColumns;

/**
 * Articles for one digest. Relevance is how many of the reader's topics an article is tagged with
 * (a story on Central Asia's energy beats one on either alone for a reader of both), then recency.
 * All-news readers have no topics to match, so for them it is plain recency.
 */
export function createDigestArticleRepository(db: Db) {
  return {
    async select(selection: DigestSelection): Promise<DigestArticleRow[]> {
      if (selection.topics.length === 0) {
        const rows = await db
          .select({
            ...columns,
            topics: sql<string[] | null>`(select array_agg(t.topic order by t.topic) from ${articleTopics} t where t.article_id = ${articles.id})`,
          })
          .from(articles)
          .innerJoin(sources, eq(sources.id, articles.sourceId))
          .where(and(gt(articles.publishedAt, selection.since), lte(articles.publishedAt, selection.until)))
          .orderBy(desc(articles.publishedAt), desc(articles.id))
          .limit(selection.limit);
        return rows.map((row) => ({ ...row, topics: row.topics ?? [] }));
      }
      // article_topics carries published_at, so the window is an index range per topic.
      const matched = db
        .select({
          articleId: articleTopics.articleId,
          topics: sql<string[]>`array_agg(${articleTopics.topic} order by ${articleTopics.topic})`.as("matched_topics"),
          score: sql<number>`count(*)::int`.as("score"),
        })
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
        .select({ ...columns, topics: matched.topics })
        .from(matched)
        .innerJoin(articles, eq(articles.id, matched.articleId))
        .innerJoin(sources, eq(sources.id, articles.sourceId))
        .orderBy(desc(matched.score), desc(articles.publishedAt), desc(articles.id))
        .limit(selection.limit);
    },
  };
}

export type DigestArticleRepository = ReturnType<typeof createDigestArticleRepository>;
