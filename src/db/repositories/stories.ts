import { and, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { storyCores, storyKeyHours } from "../schema.js";
import { executePrepared } from "./prepared.js";
import { rowsOf } from "./raw-rows.js";

/** A story's core as stored, with its seed time. */
export interface StoredCore {
  id: number;
  seedPublishedAt: Date;
  core: unknown;
}

/** The advisory lock story assignment holds for its transaction. */
const STORY_LOCK = 0x76657374_0002;

/** What others wrote since a revision, and new story ids (see `sync`). */
export interface WindowChanges {
  revision: number;
  cores: StoredCore[];
  hours: StoryKeyHourRow[];
  ids: number[];
}

/** A json column as postgres.js (parsed) or PGlite (parsed, or text for json) returns it. */
function parsedJson<T>(value: T[] | string | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return typeof value === "string" ? (JSON.parse(value) as T[]) : value;
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
     * Serialises story assignment across processes until the transaction ends: a process that keeps
     * the window in memory reads what others changed once it holds the lock (`sync`, sent right
     * after), and nobody writes meanwhile.
     */
    async lockAssignment(): Promise<void> {
      await executePrepared(db, sql`select pg_advisory_xact_lock(${STORY_LOCK}::bigint)`);
    },

    /**
     * In one statement: the latest story_revision handed out (0 before the first), the cores and key
     * counts written after `after` (none when it is undefined) from `from` on, and `ids` new story
     * ids. Sent right after the lock, it runs once the lock is held and sees every earlier write.
     */
    async sync(after: number | undefined, from: Date, ids: number): Promise<WindowChanges> {
      const since = after ?? null;
      const [row] = rowsOf<{ revision: number | string; cores: [number | string, number | string, unknown][]; hours: [string, number | string, number][]; ids: (number | string)[] | null }>(
        await executePrepared(db, sql`
          select
            (select case when is_called then last_value else 0 end from story_revision) as revision,
            (select coalesce(json_agg(json_build_array(story_id, extract(epoch from seed_published_at) * 1000, core)), '[]'::json)
              from story_cores where revision > ${since}::bigint and seed_published_at >= ${from.toISOString()}::timestamptz) as cores,
            (select coalesce(json_agg(json_build_array(key, extract(epoch from hour) * 1000, reports)), '[]'::json)
              from story_key_hours where revision > ${since}::bigint and hour >= ${from.toISOString()}::timestamptz) as hours,
            (select array_agg(nextval(pg_get_serial_sequence('stories', 'id'))) from generate_series(1, ${ids}::int)) as ids`),
      );
      return {
        revision: Number(row?.revision ?? 0),
        cores: parsedJson(row?.cores).map(([id, seed, core]) => ({ id: Number(id), seedPublishedAt: new Date(Number(seed)), core })),
        hours: parsedJson(row?.hours).map(([key, hour, reports]) => ({ key, hour: new Date(Number(hour)), reports: Number(reports) })),
        ids: (row?.ids ?? []).map(Number),
      };
    },

    /** Cores of the stories seeded in [from, to). */
    async coresSeeded(from: Date, to: Date | undefined): Promise<StoredCore[]> {
      return db
        .select({ id: storyCores.storyId, seedPublishedAt: storyCores.seedPublishedAt, core: storyCores.core })
        .from(storyCores)
        .where(to ? and(gte(storyCores.seedPublishedAt, from), lt(storyCores.seedPublishedAt, to)) : gte(storyCores.seedPublishedAt, from));
    },

    /** Report counts of every key for the hours in [from, to). */
    async keyHoursBetween(from: Date, to: Date | undefined): Promise<StoryKeyHourRow[]> {
      return db
        .select({ key: storyKeyHours.key, hour: storyKeyHours.hour, reports: storyKeyHours.reports })
        .from(storyKeyHours)
        .where(to ? and(gte(storyKeyHours.hour, from), lt(storyKeyHours.hour, to)) : gte(storyKeyHours.hour, from));
    },

    /**
     * What assigning some reports changed, in one statement per chunk: new stories (rows and cores,
     * under ids from `sync`; counts and headline come from refresh), report counts added to the key
     * hours, and the grown cores. Resolves with the highest revision the writes took (0 if none).
     */
    async write(change: { created: NewStory[]; keyHours: StoryKeyHourRow[]; grown: { storyId: number; core: unknown }[] }): Promise<number> {
      let revision = 0;
      const parts = Math.max(1, Math.ceil(change.created.length / BATCH), Math.ceil(change.grown.length / BATCH), Math.ceil(change.keyHours.length / ARRAY_BATCH));
      for (let i = 0; i < parts; i++) {
        const created = change.created.slice(i * BATCH, (i + 1) * BATCH);
        const grown = change.grown.slice(i * BATCH, (i + 1) * BATCH);
        const hours = change.keyHours.slice(i * ARRAY_BATCH, (i + 1) * ARRAY_BATCH);
        const ids = sql.param(created.map((r) => r.id));
        const seeds = sql.param(created.map((r) => r.seedPublishedAt.toISOString()));
        // Data-modifying CTEs: each runs once, whatever the final select reads of it.
        const [row] = rowsOf<{ revision: number | string | null }>(
          await executePrepared(db, sql`
            with s as (
              insert into stories (id, first_published_at, last_published_at)
              overriding system value
              select id, seed, seed from unnest(${ids}::bigint[], ${seeds}::text[]::timestamptz[]) as u(id, seed)),
            c as (
              insert into story_cores (story_id, core, seed_published_at)
              select id, core::jsonb, seed
              from unnest(${ids}::bigint[], ${sql.param(created.map((r) => JSON.stringify(r.core)))}::text[], ${seeds}::text[]::timestamptz[]) as u(id, core, seed)
              returning revision),
            h as (
              insert into story_key_hours (key, hour, reports)
              select * from unnest(${sql.param(hours.map((r) => r.key))}::text[],
                ${sql.param(hours.map((r) => r.hour.toISOString()))}::text[]::timestamptz[], ${sql.param(hours.map((r) => r.reports))}::int[])
              on conflict (key, hour) do update set reports = story_key_hours.reports + excluded.reports, revision = excluded.revision
              returning revision),
            g as (
              update story_cores c set core = v.core::jsonb, revision = nextval('story_revision')
              from unnest(${sql.param(grown.map((r) => r.storyId))}::bigint[], ${sql.param(grown.map((r) => JSON.stringify(r.core)))}::text[]) as v(story_id, core)
              where c.story_id = v.story_id
              returning c.revision)
            select greatest((select max(revision) from c), (select max(revision) from h), (select max(revision) from g)) as revision`),
        );
        revision = Math.max(revision, Number(row?.revision ?? 0));
      }
      return revision;
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
        await executePrepared(db, sql`
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
