import { and, between, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { stories, storyCores, storyKeyHours, storyKeys } from "../schema.js";
import { rowsOf } from "./raw-rows.js";

export interface StoredStoryCandidate {
  id: number;
  /** Reports of the story: its stored core changes only while this grows. */
  articleCount: number;
  seedPublishedAt: Date;
}

export interface NewStory {
  id: number;
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

/** Rows per statement when they travel as column arrays (a handful of parameters each). */
const ARRAY_BATCH = 10_000;

function chunks<T>(rows: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
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
        // One array parameter, not a parameter per key: a slice looks up thousands of keys.
        .where(and(sql`${storyKeys.key} = any(${sql.param(keys)}::text[])`, between(storyKeys.seedPublishedAt, from, to)))
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
      if (ids.length === 0) return out;
      const rows = await db
        .select({ id: storyCores.storyId, core: storyCores.core })
        .from(storyCores)
        .where(sql`${storyCores.storyId} = any(${sql.param(ids)}::bigint[])`);
      for (const row of rows) out.set(row.id, row.core);
      return out;
    },

    /** Ids for new stories, in order: their rows follow in `insert`, one statement however many. */
    async reserveIds(n: number): Promise<number[]> {
      if (n === 0) return [];
      return rowsOf<{ id: number | string }>(
        await db.execute(sql`select nextval(pg_get_serial_sequence('stories', 'id')) as id from generate_series(1, ${n}::int)`),
      ).map((r) => Number(r.id));
    },

    /** Creates stories and their cores under reserved ids (counts and headline come from refresh). */
    async insert(rows: NewStory[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        const ids = sql.param(chunk.map((r) => r.id));
        // One statement for both tables: the story rows in a data-modifying CTE, the cores after.
        await db.execute(sql`
          with s as (
            insert into stories (id, first_published_at, last_published_at)
            overriding system value
            select id, seed, seed
            from unnest(${ids}::bigint[], ${sql.param(chunk.map((r) => r.seedPublishedAt.toISOString()))}::text[]::timestamptz[]) as u(id, seed))
          insert into story_cores (story_id, core)
          select id, core::jsonb from unnest(${ids}::bigint[], ${sql.param(chunk.map((r) => JSON.stringify(r.core)))}::text[]) as u(id, core)`);
      }
    },

    /** Report counts of the given keys for the hours in [from, to]: one primary-key range per key. */
    async keyHours(keys: string[], from: Date, to: Date): Promise<StoryKeyHourRow[]> {
      if (keys.length === 0) return [];
      return db
        .select({ key: storyKeyHours.key, hour: storyKeyHours.hour, reports: storyKeyHours.reports })
        .from(storyKeyHours)
        .where(and(sql`${storyKeyHours.key} = any(${sql.param(keys)}::text[])`, between(storyKeyHours.hour, from, to)));
    },

    /** Adds report counts (summed into existing rows). */
    async addKeyHours(rows: StoryKeyHourRow[]): Promise<void> {
      // Column arrays: one statement, a few parameters, however many rows.
      for (const chunk of chunks(rows, ARRAY_BATCH)) {
        await db.execute(sql`
          insert into story_key_hours (key, hour, reports)
          select * from unnest(${sql.param(chunk.map((r) => r.key))}::text[],
            ${sql.param(chunk.map((r) => r.hour.toISOString()))}::text[]::timestamptz[], ${sql.param(chunk.map((r) => r.reports))}::int[])
          on conflict (key, hour) do update set reports = story_key_hours.reports + excluded.reports`);
      }
    },

    async addKeys(rows: StoryKeyRow[]): Promise<void> {
      for (const chunk of chunks(rows, ARRAY_BATCH)) {
        await db.execute(sql`
          insert into story_keys (key, seed_published_at, story_id)
          select * from unnest(${sql.param(chunk.map((r) => r.key))}::text[],
            ${sql.param(chunk.map((r) => r.seedPublishedAt.toISOString()))}::text[]::timestamptz[], ${sql.param(chunk.map((r) => r.storyId))}::bigint[])
          on conflict do nothing`);
      }
    },

    async setCores(rows: { storyId: number; core: unknown }[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        const values = sql.join(
          chunk.map((r) => sql`(${r.storyId}::bigint, ${JSON.stringify(r.core)}::jsonb)`),
          sql`, `,
        );
        await db.execute(sql`
          update story_cores c set core = v.core
          from (values ${values}) as v(story_id, core)
          where c.story_id = v.story_id`);
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
