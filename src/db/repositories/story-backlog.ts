import { sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { rowsOf } from "./raw-rows.js";

/** A stored article waiting for its story: what story assignment and alert filing read. */
export interface BacklogArticle {
  id: number;
  sourceId: number;
  title: string;
  body: string;
  publishedAt: Date;
}

/** Rows per statement: two column arrays, so two parameters however many rows. */
const ARRAY_BATCH = 10_000;

export function createStoryBacklogRepository(db: Db) {
  return {
    /** Notes articles (inserted in the same transaction) as waiting for their story. */
    async add(rows: { articleId: number; publishedAt: Date }[]): Promise<void> {
      for (let i = 0; i < rows.length; i += ARRAY_BATCH) {
        const chunk = rows.slice(i, i + ARRAY_BATCH);
        await db.execute(sql`
          insert into story_backlog (article_id, published_at)
          select * from unnest(${sql.param(chunk.map((r) => r.articleId))}::bigint[],
            ${sql.param(chunk.map((r) => r.publishedAt.toISOString()))}::text[]::timestamptz[])
          on conflict do nothing`);
      }
    },

    /**
     * The oldest waiting articles, locked until the transaction ends. Rows another process is
     * settling are skipped, not waited for: two `vestnik ingest` runs settle different articles.
     */
    async oldest(limit: number): Promise<BacklogArticle[]> {
      const rows = rowsOf<{ id: number | string; source_id: number | string; title: string; body: string; published_at: string | Date }>(
        await db.execute(sql`
          with waiting as (
            select article_id from story_backlog
            order by published_at, article_id
            limit ${limit}
            for update skip locked)
          select a.id, a.source_id, a.title, a.body, a.published_at
          from waiting w join articles a on a.id = w.article_id
          order by a.published_at, a.id`),
      );
      return rows.map((r) => ({
        id: Number(r.id),
        sourceId: Number(r.source_id),
        title: r.title,
        body: r.body,
        publishedAt: new Date(r.published_at),
      }));
    },

    async remove(articleIds: number[]): Promise<void> {
      if (articleIds.length === 0) return;
      await db.execute(sql`delete from story_backlog where article_id = any(${sql.param(articleIds)}::bigint[])`);
    },

    async size(): Promise<number> {
      const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`select count(*) as n from story_backlog`));
      return Number(row?.n ?? 0);
    },
  };
}

export type StoryBacklogRepository = ReturnType<typeof createStoryBacklogRepository>;
