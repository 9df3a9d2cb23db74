import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

export const sources = pgTable(
  "sources",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Feed URL for polled feeds; for ingested files, the site URL or a `file:` key. */
    url: text("url").notNull(),
    title: text("title").notNull(),
    siteUrl: text("site_url"),
    /** `feed` is polled over HTTP; `file` only ever arrives through `vestnik ingest`. */
    kind: text("kind", { enum: ["feed", "file"] }).notNull().default("file"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("sources_url_key").on(t.url)],
);

export const articles = pgTable(
  "articles",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: bigint("source_id", { mode: "number" })
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    /** Canonical http(s) URL, or `urn:vestnik:…` for articles that have no link (plain-text files). */
    url: text("url").notNull(),
    guid: text("guid"),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    /** Always contains the summary, so the search vector needs only title and body. */
    body: text("body").notNull().default(""),
    author: text("author"),
    lang: text("lang"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
    contentHash: text("content_hash").notNull(),
    tsv: tsvector("tsv").generatedAlwaysAs(
      sql`setweight(to_tsvector('russian'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('russian'::regconfig, coalesce(body, '')), 'B')`,
    ),
  },
  (t) => [
    uniqueIndex("articles_url_key").on(t.url),
    index("articles_published_idx").on(t.publishedAt.desc(), t.id.desc()),
    index("articles_source_idx").on(t.sourceId),
    index("articles_tsv_idx").using("gin", t.tsv),
  ],
);

/** Search phrases behind paging buttons: callback data holds 64 bytes, a query may not fit. */
export const searchQueries = pgTable(
  "search_queries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    query: text("query").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("search_queries_query_key").on(t.query)],
);
