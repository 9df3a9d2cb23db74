// Sources, their articles, the articles' topics and the search statistics.
import { sql } from "drizzle-orm";
import { type AnyPgColumn, customType, bigint, boolean, integer, index, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { stories } from "./stories.js";

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
    // Polling state; only `feed` sources use it.
    enabled: boolean("enabled").notNull().default(true),
    /** The source's own interval; null means POLL_INTERVAL. */
    pollIntervalMs: integer("poll_interval_ms"),
    etag: text("etag"),
    lastModified: text("last_modified"),
    nextPollAt: timestamp("next_poll_at", { withTimezone: true }),
    lastPolledAt: timestamp("last_polled_at", { withTimezone: true }),
    lastOkAt: timestamp("last_ok_at", { withTimezone: true }),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    failures: integer("failures").notNull().default(0),
    /** A poller's claim: nobody else polls the source before this time. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /**
     * The source's home region for the tagger's source prior: a topic slug set by the operator, ''
     * for "none", null for "measure it from the source's tagged articles".
     */
    region: text("region"),
  },
  (t) => [uniqueIndex("sources_url_key").on(t.url), index("sources_due_idx").on(t.nextPollAt)],
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
    /** The story this report belongs to; set on ingest by stories/assign (null only mid-ingest or for old rows). */
    storyId: bigint("story_id", { mode: "number" }).references((): AnyPgColumn => stories.id, { onDelete: "set null" }),
    tsv: tsvector("tsv").generatedAlwaysAs(
      sql`setweight(to_tsvector('russian'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('russian'::regconfig, coalesce(body, '')), 'B')`,
    ),
  },
  (t) => [
    uniqueIndex("articles_url_key").on(t.url),
    // Ascending on purpose: scanned backwards it serves `order by published_at desc, id desc`
    // (NULLS FIRST), which a `desc()` index, created NULLS LAST, cannot.
    index("articles_newest_idx").on(t.publishedAt, t.id),
    index("articles_source_idx").on(t.sourceId),
    // New entries wait in the index's pending list until it is merged, and every search reads the
    // whole list: at the default 4 MB (≈ 2,500 articles) that is ≈ 2.5 ms more per search. 512 kB
    // keeps it under half a millisecond; ingest speed did not measurably change.
    index("articles_tsv_idx").using("gin", t.tsv).with({ gin_pending_list_limit: 512 }),
    // A story's reports in time order: lists read only a story's first few reports (its outlets)
    // and whether it has a report above a paging cursor, never all of a big story's reports. It
    // also serves every lookup by story_id alone (refresh, the foreign key), so no index on
    // story_id by itself: ingest would maintain one more B-tree per article for nothing.
    index("articles_story_time_idx").on(t.storyId, t.publishedAt, t.id),
  ],
);

/**
 * Topic tags. The taxonomy lives in code and TOPICS_FILE, so `topic` is a slug, not a foreign key.
 * `published_at` is copied from the article so a topic's newest page is one index walk.
 */
export const articleTopics = pgTable(
  "article_topics",
  {
    articleId: bigint("article_id", { mode: "number" })
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    /**
     * 0 for the article's main (strongest) topic, 1 for the next…; a digest files the article under
     * its best-ranked topic. Null on rows tagged before ranks were kept (taxonomy order decides).
     */
    rank: smallint("rank"),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.topic] }),
    // Ascending for the same reason as articles_newest_idx.
    index("article_topics_topic_newest_idx").on(t.topic, t.publishedAt, t.articleId),
  ],
);

/** Search phrases behind paging buttons: callback data holds 64 bytes, a query may not fit. */
export const searchQueries = pgTable(
  "search_queries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    query: text("query").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The chat whose paging buttons may use this row; rows from before it was recorded (null) serve nobody. */
    chatId: bigint("chat_id", { mode: "number" }),
    /** Last time a button or a search reached it: rows unused for long are pruned. */
    usedAt: timestamp("used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("search_queries_chat_query_key").on(t.chatId, t.query),
    index("search_queries_used_idx").on(t.usedAt),
  ],
);

/**
 * Articles stored without a story yet. `vestnik ingest` of several files stores each document in
 * its own transaction and groups the whole run's new articles into stories afterwards, in time order
 * across all documents: grouping file by file would meet one channel's week before the others' and
 * split or chain its stories. A row lives from the article's transaction to the one that assigns its
 * story (and files its alerts); rows a killed run leaves are settled by the next ingest or `run`.
 */
export const storyBacklog = pgTable(
  "story_backlog",
  {
    articleId: bigint("article_id", { mode: "number" })
      .primaryKey()
      .references(() => articles.id, { onDelete: "cascade" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("story_backlog_time_idx").on(t.publishedAt, t.articleId)],
);
