import { and, asc, desc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.js";
import { articles, articleTopics, sources } from "../schema.js";
import { listColumns, type ArticleCursor, type ArticleListItem } from "./articles.js";
import { executePrepared } from "./prepared.js";

export interface TopicAssignment {
  articleId: number;
  publishedAt: Date;
  /** Strongest first: each topic's position is stored as its rank. */
  topics: string[];
}

const BATCH = 1000;

function olderThan(cursor: ArticleCursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  // A row comparison is an index condition; the equivalent OR would filter the walk from the top.
  return sql`(${articleTopics.publishedAt}, ${articleTopics.articleId}) < (${cursor.publishedAt.toISOString()}::timestamptz, ${cursor.id})`;
}

export function createArticleTopicRepository(db: Db) {
  return {
    /** Replaces the topics of these articles with the given ones (an empty list clears them). */
    async assign(assignments: TopicAssignment[]): Promise<void> {
      for (let i = 0; i < assignments.length; i += BATCH) {
        const chunk = assignments.slice(i, i + BATCH);
        const rows = chunk.flatMap((a) =>
          a.topics.map((topic, rank) => ({ articleId: a.articleId, topic, publishedAt: a.publishedAt, rank })),
        );
        await db.transaction(async (tx) => {
          await tx.delete(articleTopics).where(
            inArray(
              articleTopics.articleId,
              chunk.map((a) => a.articleId),
            ),
          );
          if (rows.length > 0) await tx.insert(articleTopics).values(rows).onConflictDoNothing();
        });
      }
    },

    /**
     * Topics of articles inserted in this transaction (they have none yet): one insert of column
     * arrays, without the delete and the savepoint `assign` needs to replace topics.
     */
    async insertNew(assignments: TopicAssignment[]): Promise<void> {
      const rows = assignments.flatMap((a) => a.topics.map((topic, rank) => ({ articleId: a.articleId, topic, publishedAt: a.publishedAt, rank })));
      for (let i = 0; i < rows.length; i += BATCH) {
        const chunk = rows.slice(i, i + BATCH);
        await executePrepared(db, sql`
          insert into article_topics (article_id, topic, published_at, rank)
          select * from unnest(${sql.param(chunk.map((r) => r.articleId))}::bigint[], ${sql.param(chunk.map((r) => r.topic))}::text[],
            ${sql.param(chunk.map((r) => r.publishedAt.toISOString()))}::text[]::timestamptz[], ${sql.param(chunk.map((r) => r.rank))}::smallint[])
          on conflict do nothing`);
      }
    },

    /** Newest articles of one topic, walking the (topic, published_at) index. */
    async latest(topic: string, limit: number, before?: ArticleCursor): Promise<ArticleListItem[]> {
      return db
        .select(listColumns)
        .from(articleTopics)
        .innerJoin(articles, eq(articles.id, articleTopics.articleId))
        .innerJoin(sources, eq(sources.id, articles.sourceId))
        .where(and(eq(articleTopics.topic, topic), olderThan(before)))
        .orderBy(desc(articleTopics.publishedAt), desc(articleTopics.articleId))
        .limit(limit);
    },

    async counts(): Promise<Map<string, number>> {
      const rows = await db
        .select({ topic: articleTopics.topic, n: sql<number>`count(*)::int` })
        .from(articleTopics)
        .groupBy(articleTopics.topic);
      return new Map(rows.map((r) => [r.topic, r.n]));
    },

    async topicsOf(articleIds: number[]): Promise<Map<number, string[]>> {
      const out = new Map<number, string[]>();
      if (articleIds.length === 0) return out;
      const rows = await db
        .select({ articleId: articleTopics.articleId, topic: articleTopics.topic })
        .from(articleTopics)
        .where(inArray(articleTopics.articleId, articleIds))
        .orderBy(asc(articleTopics.topic));
      for (const row of rows) out.set(row.articleId, [...(out.get(row.articleId) ?? []), row.topic]);
      return out;
    },

    /**
     * What a source's newest `window` articles are about: how many there are and how many of them
     * carry each topic (the ground for the source's home region).
     */
    async sourceHistory(sourceId: number, window: number): Promise<{ articles: number; topics: Map<string, number> }> {
      const recent = db
        .select({ id: articles.id })
        .from(articles)
        .where(eq(articles.sourceId, sourceId))
        .orderBy(desc(articles.publishedAt), desc(articles.id))
        .limit(window)
        .as("recent");
      const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(recent);
      const rows = await db
        .select({ topic: articleTopics.topic, n: sql<number>`count(*)::int` })
        .from(articleTopics)
        .innerJoin(recent, eq(recent.id, articleTopics.articleId))
        .groupBy(articleTopics.topic);
      return { articles: total?.n ?? 0, topics: new Map(rows.map((r) => [r.topic, r.n])) };
    },

    /** Pages through every article's text in id order (for re-tagging the store). */
    async textsAfter(afterId: number, limit: number) {
      return db
        .select({
          id: articles.id, sourceId: articles.sourceId, title: articles.title, body: articles.body, lang: articles.lang,
          publishedAt: articles.publishedAt,
        })
        .from(articles)
        .where(gt(articles.id, afterId))
        .orderBy(asc(articles.id))
        .limit(limit);
    },
  };
}

export type ArticleTopicRepository = ReturnType<typeof createArticleTopicRepository>;
