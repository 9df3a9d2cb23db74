import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.js";
import { articles, sources } from "../schema.js";
import { rowsOf } from "./raw-rows.js";
import { executePrepared } from "./prepared.js";
import { searchCondition, type SearchColumns } from "./search-query.js";

export type NewArticle = typeof articles.$inferInsert;

/** Position in a newest-first list; (published_at, id) is unique and matches the index order. */
export interface ArticleCursor {
  publishedAt: Date;
  id: number;
}

export interface ArticleListItem {
  id: number;
  title: string;
  url: string;
  summary: string;
  publishedAt: Date;
  sourceTitle: string;
}

const INSERT_BATCH = 500;

/** A new article with its id reserved (`reserveIds`) and its story known before the insert. */
export interface PlannedArticle {
  id: number;
  sourceId: number;
  url: string;
  guid: string | null;
  title: string;
  summary: string;
  body: string;
  author: string | null;
  lang: string | null;
  publishedAt: Date;
  fetchedAt: Date;
  contentHash: string;
  storyId: number | null;
}

/** The columns behind an ArticleListItem (the source joined in), for every list query. */
export const listColumns = {
  id: articles.id,
  title: articles.title,
  url: articles.url,
  summary: articles.summary,
  publishedAt: articles.publishedAt,
  sourceTitle: sources.title,
};

function olderThan(cursor: ArticleCursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  // A row comparison is an index condition; the equivalent OR would filter the walk from the top.
  return sql`(${articles.publishedAt}, ${articles.id}) < (${cursor.publishedAt.toISOString()}::timestamptz, ${cursor.id})`;
}

/**
 * How a search finds its newest matches. `walk`: the date index newest first, testing each row,
 * which stops after a page when matches are frequent among recent rows. `sort`: every match from
 * the GIN index, then the newest of them, which costs the number of matches wherever they lie.
 * The walk's cost depends on *when* a word was used: for a word found only in old news it reads
 * every newer row first (seconds at a million articles), so few matches always take `sort`.
 */
export type SearchPlan = "walk" | "sort";

/**
 * At or below this many estimated matches a search reads them all and sorts (a few ms at most);
 * above it the walk is the cheaper bet. The planner alone cannot choose well: it assumes matches
 * are spread evenly over time, so for a rare word it expects the walk to meet one soon.
 */
export const FEW_MATCHES = 5_000;

/**
 * Chooses the plan by the query's frequency: the planner's estimate of its matches, from the
 * tsvector statistics (exact enough for frequent words, a small upper bound for rare ones).
 */
export async function chooseSearchPlan(db: Db, match: SQL, fewMatches = FEW_MATCHES): Promise<SearchPlan> {
  const result = await executePrepared(db, sql`explain (format json) select 1 from ${articles} where ${match}`);
  const row = rowsOf<Record<string, unknown>>(result)[0];
  let plan = row ? Object.values(row)[0] : undefined;
  if (typeof plan === "string") plan = JSON.parse(plan) as unknown;
  const estimate = Array.isArray(plan) ? (plan[0] as { Plan?: { "Plan Rows"?: unknown } } | undefined)?.Plan?.["Plan Rows"] : undefined;
  return typeof estimate === "number" && estimate > fewMatches ? "walk" : "sort";
}

/** A search's match condition (the web-search syntax, compiled by `searchCondition`), on `articles` or on `columns`. */
export function matchQuery(query: string, columns: SearchColumns = { tsv: sql`${articles.tsv}`, title: sql`${articles.title}`, body: sql`${articles.body}` }): SQL {
  return searchCondition(query, columns);
}

/**
 * The `sort` plan: a materialized CTE is planned for all its rows (a bitmap scan of the GIN index,
 * never the date walk), and only the page's rows are joined to their sources.
 */
async function sortedMatches(db: Db, match: SQL, limit: number, before: ArticleCursor | undefined): Promise<ArticleListItem[]> {
  const result = await db.execute(sql`
    with m as materialized (select id, published_at from ${articles} where ${and(match, olderThan(before))})
    select a.id, a.title, a.url, a.summary, a.published_at as "publishedAt", s.title as "sourceTitle"
    from (select id from m order by published_at desc, id desc limit ${limit}) p
    join ${articles} a on a.id = p.id join ${sources} s on s.id = a.source_id
    order by a.published_at desc, a.id desc`);
  return rowsOf<ArticleListItem & { id: number | string; publishedAt: Date | string }>(result).map((r) => ({
    ...r,
    id: Number(r.id),
    publishedAt: new Date(r.publishedAt),
  }));
}

/** `fewMatches`: see FEW_MATCHES (tests set it to run both plans on a small store). */
export interface SearchSettings {
  fewMatches?: number;
  /** Articles a story-list walk reads for one page before it tries the `sort` plan instead. */
  walkCap?: number;
}

export function createArticleRepository(db: Db, settings: SearchSettings = {}) {
  return {
    /** Which of these canonical URLs are stored already: skipping them avoids computing their tsvector. */
    async knownUrls(urls: string[]): Promise<Set<string>> {
      const known = new Set<string>();
      for (let i = 0; i < urls.length; i += INSERT_BATCH) {
        const chunk = urls.slice(i, i + INSERT_BATCH);
        // An array, not an IN list: one statement text whatever the chunk's size, run prepared.
        const rows = rowsOf<{ url: string }>(await executePrepared(db, sql`select url from ${articles} where url = any(${sql.param(chunk)}::text[])`));
        for (const row of rows) known.add(row.url);
      }
      return known;
    },

    /**
     * Stored articles among these URLs that have no topic row: left untagged by an interrupted
     * ingest before ingest became one transaction (or tagged nothing), so ingest tags them again.
     */
    async untaggedAmong(urls: string[]): Promise<{ id: number; url: string; publishedAt: Date }[]> {
      if (urls.length === 0) return [];
      const result = await executePrepared(db, sql`
        select a.id, a.url, a.published_at as "publishedAt" from ${articles} a
        where a.url = any(${sql.param(urls)}::text[])
          and not exists (select 1 from article_topics t where t.article_id = a.id)`);
      const rows = rowsOf<{ id: number | string; url: string; publishedAt: Date | string }>(result);
      return rows.map((r) => ({ id: Number(r.id), url: r.url, publishedAt: new Date(r.publishedAt) }));
    },

    /** Inserts what is new; returns the rows actually inserted (a URL stored meanwhile is skipped). */
    async insertMany(rows: NewArticle[]): Promise<{ id: number; url: string }[]> {
      const ids: { id: number; url: string }[] = [];
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        const inserted = await db
          .insert(articles)
          .values(rows.slice(i, i + INSERT_BATCH))
          .onConflictDoNothing({ target: articles.url })
          .returning({ id: articles.id, url: articles.url });
        ids.push(...inserted);
      }
      return ids;
    },

    /** Ids for articles about to be inserted, in one round trip (story assignment needs them first). */
    async reserveIds(count: number): Promise<number[]> {
      if (count === 0) return [];
      const result = await executePrepared(
        db,
        sql`select nextval(pg_get_serial_sequence('articles', 'id')) as id from generate_series(1, ${count}::int)`,
      );
      return rowsOf<{ id: number | string }>(result).map((r) => Number(r.id));
    },

    /**
     * Inserts articles whose ids and stories are already known: one statement of column arrays per
     * batch (a row of a dozen parameters per article costs more to bind than to store), and the story
     * set in the insert, since a later UPDATE writes every row, its tsvector and its index entries twice.
     * Returns the rows actually inserted: a URL stored meanwhile by another process is skipped.
     */
    async insertPlanned(rows: PlannedArticle[]): Promise<{ id: number; url: string }[]> {
      const out: { id: number; url: string }[] = [];
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        const chunk = rows.slice(i, i + INSERT_BATCH);
        const col = <T>(pick: (r: PlannedArticle) => T) => sql.param(chunk.map(pick));
        const result = await executePrepared(db, sql`
          insert into articles (id, source_id, url, guid, title, summary, body, author, lang, published_at, fetched_at, content_hash, story_id)
          overriding system value
          select * from unnest(
            ${col((r) => r.id)}::bigint[], ${col((r) => r.sourceId)}::bigint[], ${col((r) => r.url)}::text[],
            ${col((r) => r.guid)}::text[], ${col((r) => r.title)}::text[], ${col((r) => r.summary)}::text[],
            ${col((r) => r.body)}::text[], ${col((r) => r.author)}::text[], ${col((r) => r.lang)}::text[],
            ${col((r) => r.publishedAt.toISOString())}::text[]::timestamptz[], ${col((r) => r.fetchedAt.toISOString())}::text[]::timestamptz[],
            ${col((r) => r.contentHash)}::text[], ${col((r) => r.storyId)}::bigint[])
          on conflict (url) do nothing
          returning id, url`);
        out.push(...rowsOf<{ id: number | string; url: string }>(result).map((r) => ({ id: Number(r.id), url: r.url })));
      }
      return out;
    },

    async latest(limit: number, before?: ArticleCursor): Promise<ArticleListItem[]> {
      return db
        .select(listColumns)
        .from(articles)
        .innerJoin(sources, eq(sources.id, articles.sourceId))
        .where(olderThan(before))
        .orderBy(desc(articles.publishedAt), desc(articles.id))
        .limit(limit);
    },

    /**
     * Matches newest first. Ranking every match by relevance reads every matching tsvector
     * (seconds for a common word at a million rows), so relevance only orders ties here.
     */
    async search(query: string, limit: number, before?: ArticleCursor): Promise<ArticleListItem[]> {
      // Plans are custom per statement (plan_cache_mode, set per session in client.ts).
      const match = matchQuery(query);
      if ((await chooseSearchPlan(db, match, settings.fewMatches)) === "walk") {
        return db
          .select(listColumns)
          .from(articles)
          .innerJoin(sources, eq(sources.id, articles.sourceId))
          .where(and(match, olderThan(before)))
          .orderBy(desc(articles.publishedAt), desc(articles.id))
          .limit(limit);
      }
      return sortedMatches(db, match, limit, before);
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(articles);
      return row?.n ?? 0;
    },
  };
}

export type ArticleRepository = ReturnType<typeof createArticleRepository>;
