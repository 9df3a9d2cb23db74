import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.js";
import { articles, sources } from "../schema.js";

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
 * Rewrites a web-search query so each stem of five letters or more also matches longer words:
 * the Russian stemmer gives «Казахстан» and «казахстанский» different stems, readers expect both.
 * Short stems stay exact, or «газ» would find every «газета».
 */
export function prefixQuery(query: string): SQL {
  return sql`regexp_replace(websearch_to_tsquery('russian'::regconfig, ${query})::text, '''([^'' ]{5,})''', '''\\1'':*', 'g')::tsquery`;
}

export function createArticleRepository(db: Db) {
  return {
    /** Which of these canonical URLs are stored already: skipping them avoids computing their tsvector. */
    async knownUrls(urls: string[]): Promise<Set<string>> {
      const known = new Set<string>();
      for (let i = 0; i < urls.length; i += INSERT_BATCH) {
        const chunk = urls.slice(i, i + INSERT_BATCH);
        const rows = await db.select({ url: articles.url }).from(articles).where(inArray(articles.url, chunk));
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
      const result = await db.execute(sql`
        select a.id, a.url, a.published_at as "publishedAt" from ${articles} a
        where a.url = any(${sql.param(urls)}::text[])
          and not exists (select 1 from article_topics t where t.article_id = a.id)`);
      const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as {
        id: number | string;
        url: string;
        publishedAt: Date | string;
      }[];
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
      return db.transaction(async (tx) => {
        // A generic plan for a prepared search walks the date index for rare words: seconds, not ms.
        await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
        return tx
          .select(listColumns)
          .from(articles)
          .innerJoin(sources, eq(sources.id, articles.sourceId))
          .where(and(sql`${articles.tsv} @@ ${prefixQuery(query)}`, olderThan(before)))
          .orderBy(desc(articles.publishedAt), desc(articles.id))
          .limit(limit);
      });
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(articles);
      return row?.n ?? 0;
    },
  };
}

export type ArticleRepository = ReturnType<typeof createArticleRepository>;
