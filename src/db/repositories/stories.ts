import { and, between, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { stories, storyKeyHours, storyKeys } from "../schema.js";

export interface StoredStoryCandidate {
  id: number;
  /** Reports of the story: its stored core changes only while this grows. */
  articleCount: number;
  seedPublishedAt: Date;
}

export interface NewStory {
  seedPublishedAt: Date;
  core: unknown;
}

/** Reports per lookup key and hour: the story engine's window statistics. */
export interface StoryKeyHourRow {
  key: string;
  hour: Date;
  reports: number;
}

export interface StoryKeyRow {
  key: string;
  storyId: number;
  seedPublishedAt: Date;
}

const BATCH = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

export function createStoryRepository(db: Db) {
  return {
    /**
     * Stories sharing most keys with the given ones whose seed lies in [from, to]: one range of the
     * (key, seed_published_at) primary key per key, then the best `limit` stories by primary key.
     * Their cores come separately (`cores`): the caller keeps the ones it has already read.
     */
    async candidates(keys: string[], from: Date, to: Date, limit: number): Promise<StoredStoryCandidate[]> {
      if (keys.length === 0) return [];
      const hits = sql<number>`count(*)`.as("hits");
      const k = db
        .select({ storyId: storyKeys.storyId, seed: sql<Date>`min(${storyKeys.seedPublishedAt})`.mapWith(storyKeys.seedPublishedAt).as("seed"), hits })
        .from(storyKeys)
        .where(and(inArray(storyKeys.key, keys), between(storyKeys.seedPublishedAt, from, to)))
        .groupBy(storyKeys.storyId)
        .orderBy(desc(hits), desc(storyKeys.storyId))
        .limit(limit)
        .as("k");
      const rows = await db
        .select({ id: stories.id, articleCount: stories.articleCount, seed: k.seed })
        .from(k)
        .innerJoin(stories, eq(stories.id, k.storyId));
      return rows.map((row) => ({ id: row.id, articleCount: row.articleCount, seedPublishedAt: new Date(row.seed) }));
    },

    /** The stored cores of the given stories. */
    async cores(ids: number[]): Promise<Map<number, unknown>> {
      const out = new Map<number, unknown>();
      for (const chunk of chunks(ids)) {
        const rows = await db.select({ id: stories.id, core: stories.core }).from(stories).where(inArray(stories.id, chunk));
        for (const row of rows) out.set(row.id, row.core);
      }
      return out;
    },

    /** Creates stories (counts and headline come from refresh); ids in input order. */
    async create(rows: NewStory[]): Promise<number[]> {
      const ids: number[] = [];
      for (const chunk of chunks(rows)) {
        const inserted = await db
          .insert(stories)
          .values(
            chunk.map((row) => ({
              firstPublishedAt: row.seedPublishedAt,
              lastPublishedAt: row.seedPublishedAt,
              core: row.core,
            })),
          )
          .returning({ id: stories.id });
        ids.push(...inserted.map((row) => row.id));
      }
      return ids;
    },

    /** Report counts of the given keys for the hours in [from, to]: one primary-key range per key. */
    async keyHours(keys: string[], from: Date, to: Date): Promise<StoryKeyHourRow[]> {
      if (keys.length === 0) return [];
      const rows: StoryKeyHourRow[] = [];
      for (const chunk of chunks(keys)) {
        rows.push(
          ...(await db
            .select({ key: storyKeyHours.key, hour: storyKeyHours.hour, reports: storyKeyHours.reports })
            .from(storyKeyHours)
            .where(and(inArray(storyKeyHours.key, chunk), between(storyKeyHours.hour, from, to)))),
        );
      }
      return rows;
    },

    /** Adds report counts (summed into existing rows). */
    async addKeyHours(rows: StoryKeyHourRow[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        await db
          .insert(storyKeyHours)
          .values(chunk)
          .onConflictDoUpdate({
            target: [storyKeyHours.key, storyKeyHours.hour],
            set: { reports: sql`${storyKeyHours.reports} + excluded.reports` },
          });
      }
    },

    async addKeys(rows: StoryKeyRow[]): Promise<void> {
      for (const chunk of chunks(rows)) await db.insert(storyKeys).values(chunk).onConflictDoNothing();
    },

    async setCores(rows: { storyId: number; core: unknown }[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        const values = sql.join(
          chunk.map((r) => sql`(${r.storyId}::bigint, ${JSON.stringify(r.core)}::jsonb)`),
          sql`, `,
        );
        await db.execute(sql`
          update stories s set core = v.core
          from (values ${values}) as v(story_id, core)
          where s.id = v.story_id`);
      }
    },

    async setArticleStories(pairs: { articleId: number; storyId: number }[]): Promise<void> {
      for (const chunk of chunks(pairs)) {
        const values = sql.join(
          chunk.map((p) => sql`(${p.articleId}::bigint, ${p.storyId}::bigint)`),
          sql`, `,
        );
        await db.execute(sql`
          update articles a set story_id = v.story_id
          from (values ${values}) as v(article_id, story_id)
          where a.id = v.article_id`);
      }
    },

    /**
     * Recomputes what lists show from the stories' reports: size, distinct sources, first and latest
     * publication, the first report and its title as the headline (the earliest report, so a story's
     * headline does not change under a reader's eyes as it grows).
     */
    async refresh(storyIds: number[]): Promise<void> {
      for (const chunk of chunks(storyIds)) {
        await db.execute(sql`
          update stories s set
            article_count = a.n,
            source_count = a.sources,
            first_published_at = a.first_at,
            last_published_at = a.last_at,
            first_article_id = a.first_id,
            headline = a.headline
          from (
            select story_id, count(*)::int as n, count(distinct source_id)::int as sources,
              min(published_at) as first_at, max(published_at) as last_at,
              (array_agg(id order by published_at, id))[1] as first_id,
              (array_agg(title order by published_at, id))[1] as headline
            from articles
            where story_id = any(${sql.param(chunk)}::bigint[])
            group by story_id
          ) a
          where s.id = a.story_id`);
      }
    },
  };
}

export type StoryRepository = ReturnType<typeof createStoryRepository>;
