import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
  integer,
  jsonb,
  index,
  pgSequence,
  pgTable,
  primaryKey,
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
 * One event reported by one or more articles. Lists show a story once; digests rank stories, and
 * alerts fire once per (chat, story).
 */
export const stories = pgTable(
  "stories",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** The earliest report; kept when later reports join. */
    firstArticleId: bigint("first_article_id", { mode: "number" }),
    /** The headline lists show for the story (see stories/ for how it is chosen). */
    headline: text("headline").notNull().default(""),
    articleCount: integer("article_count").notNull().default(1),
    /** Distinct sources among the story's reports. */
    sourceCount: integer("source_count").notNull().default(1),
    firstPublishedAt: timestamp("first_published_at", { withTimezone: true }).notNull(),
    /** Publication time of the newest report: the story's "latest update". */
    lastPublishedAt: timestamp("last_published_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The story engine's view of the story's first reports (stories/features), for matching newcomers. */
    core: jsonb("core"),
  },
  (t) => [
    // Ascending for the same reason as articles_newest_idx.
    index("stories_latest_idx").on(t.lastPublishedAt, t.id),
    index("stories_first_idx").on(t.firstPublishedAt),
  ],
);

/**
 * Lookup keys of a story's core reports (their heaviest stems). A new report finds its candidate
 * stories with one index range per key, bounded by the story's seed time: never a scan of stories.
 */
export const storyKeys = pgTable(
  "story_keys",
  {
    key: text("key").notNull(),
    /** Publication time of the story's first assigned report: the story window is measured from it. */
    seedPublishedAt: timestamp("seed_published_at", { withTimezone: true }).notNull(),
    // No foreign key: its check per row slows ingest, stories are never deleted, and the lookup
    // joins stories anyway, so a stray key could only find nothing.
    storyId: bigint("story_id", { mode: "number" }).notNull(),
  },
  // No index on story_id alone: stories are never deleted one by one, and every index slows ingest.
  (t) => [primaryKey({ columns: [t.key, t.seedPublishedAt, t.storyId] })],
);

/**
 * Window statistics of the story engine: reports per lookup key and hour. A key many reports of the
 * window carry (the day's big names) weighs less when reports are compared; one index range per key
 * reads its counts for a window.
 */
export const storyKeyHours = pgTable(
  "story_key_hours",
  {
    key: text("key").notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    reports: integer("reports").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.hour] })],
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
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.topic] }),
    // Ascending for the same reason as articles_newest_idx.
    index("article_topics_topic_newest_idx").on(t.topic, t.publishedAt, t.articleId),
  ],
);

/**
 * Everyone who talked to the bot: one row per chat, and per topic in a forum supergroup. Digests go to rows with `subscribed` and no `blocked_at`;
 * unsubscribing or being blocked keeps the row (and the reader's choices) for a later return.
 */
export const subscribers = pgTable(
  "subscribers",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    /** `ru` or `en` once the reader chose; null follows their Telegram language. */
    language: text("language"),
    /** The locale the reader's Telegram client last asked for: digests have no update to read it from. */
    clientLanguage: text("client_language"),
    timeZone: text("time_zone").notNull(),
    /** Minutes after local midnight (0–1439) at which the digest is due. */
    digestMinute: integer("digest_minute").notNull(),
    /** Topic slugs; empty means all news. */
    topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
    subscribed: boolean("subscribed").notNull().default(false),
    blockedAt: timestamp("blocked_at", { withTimezone: true }),
    blockedReason: text("blocked_reason"),
    /** `private`, `group`, `supergroup` or `channel`; null for rows older than channel support (private or group by id). */
    chatKind: text("chat_kind", { enum: ["private", "group", "supergroup", "channel"] }),
    /**
     * The forum topic this subscription belongs to and its digests and alerts go to (set from the
     * topic /subscribe or /alert came from); null: the chat itself (or a forum's General topic).
     */
    messageThreadId: integer("message_thread_id"),
    /** A channel's @username or title, to name it in its managers' private chats. */
    chatTitle: text("chat_title"),
    /** Articles published after this went into no digest yet (null: the last 24 hours). */
    lastDigestAt: timestamp("last_digest_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * When the scheduler should look at this reader next (UTC). Never later than the true due
     * instant: an early value only costs one look (the scheduler checks and moves it on).
     */
    nextDueAt: timestamp("next_due_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One subscription per chat, and in a forum supergroup one per topic: the General topic and
    // ordinary chats have no thread id and count as thread 0.
    uniqueIndex("subscribers_chat_thread_key").on(t.chatId, sql`coalesce(${t.messageThreadId}, 0)`),
    index("subscribers_active_idx").on(t.subscribed, t.blockedAt),
    // A tick is one range scan of this index: only readers who receive digests are in it.
    index("subscribers_next_due_idx").on(t.nextDueAt).where(sql`subscribed and blocked_at is null`),
  ],
);

/**
 * Who may manage a connected channel from their private chat: readers who connected it while
 * being its administrators. Rights are re-checked with Telegram before every change.
 */
export const chatManagers = pgTable(
  "chat_managers",
  {
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    userId: bigint("user_id", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When Telegram last confirmed the reader is an administrator of the chat. */
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.userId] }), index("chat_managers_user_idx").on(t.userId)],
);

/**
 * The delivery ledger: one row per reader and local date, claimed before anything is sent, so
 * "one digest a day" holds across restarts, crashes and several processes.
 */
export const digestDeliveries = pgTable(
  "digest_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    subscriberId: bigint("subscriber_id", { mode: "number" })
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    localDate: date("local_date", { mode: "string" }).notNull(),
    /** claimed → sent | empty | failed | deactivated */
    status: text("status", { enum: ["claimed", "sent", "empty", "failed", "deactivated"] }).notNull(),
    /** Who works on it and until when; an expired lease may be taken over (crash recovery). */
    claimedBy: text("claimed_by"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    /** The composed messages, fixed at the first claim so a resumed run sends the same digest. */
    messages: jsonb("messages").$type<string[]>(),
    /** How many of `messages` Telegram accepted: a resumed run continues from here. */
    partsSent: integer("parts_sent").notNull().default(0),
    messageIds: jsonb("message_ids").$type<number[]>(),
    articleCount: integer("article_count").notNull().default(0),
    /** Newest publication time included: the reader's next digest starts after it. */
    cutoff: timestamp("cutoff", { withTimezone: true }),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("digest_deliveries_day_key").on(t.subscriberId, t.localDate),
    index("digest_deliveries_open_idx").on(t.status, t.leaseUntil),
    // Pruning old days and reading recent ones walk this instead of the whole history.
    index("digest_deliveries_date_idx").on(t.localDate),
  ],
);

/**
 * One shared send budget per bot token: every process reserves its next send slots here, so all
 * processes together keep to one rate, and a 429 seen by any of them pauses all of them.
 */
export const sendBudgets = pgTable("send_budgets", {
  /** A digest of the bot token (never the token itself). */
  tokenKey: text("token_key").primaryKey(),
  /** The first free slot: a reservation takes slots from here on. */
  nextAt: timestamp("next_at", { withTimezone: true }).notNull().defaultNow(),
  pausedUntil: timestamp("paused_until", { withTimezone: true }),
  /** The share of the ceiling in use (0–1]: lowered on a 429, raised slowly back to 1. */
  pace: doublePrecision("pace").notNull().default(1),
  /** Paid-broadcast messages sent on `paidDay` (UTC), for the daily Stars cap. */
  paidDay: date("paid_day", { mode: "string" }),
  paidCount: integer("paid_count").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Telegram update ids taken by some `vestnik run` in webhook mode: Telegram retries a webhook it
 * thinks failed, and any instance behind the load balancer may get the retry. An update is claimed
 * with a lease and its body kept until `done_at` is set after it was handled, so one accepted by a
 * process that died is handled again (by a retry, or by any instance taking over the expired claim).
 */
export const processedUpdates = pgTable(
  "processed_updates",
  {
    updateId: bigint("update_id", { mode: "number" }).primaryKey(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** The update as received, until it is done. */
    payload: jsonb("payload"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    index("processed_updates_received_idx").on(t.receivedAt),
    index("processed_updates_pending_idx").on(t.leaseUntil).where(sql`done_at is null`),
  ],
);

/**
 * Instant alerts: a chat's watches (a `/search`-style query or a topic). Muted watches stay listed
 * but match nothing. Every change bumps `alert_watch_revision`, which tells each process's
 * in-memory index to reload.
 */
export const alertWatches = pgTable(
  "alert_watches",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    subscriberId: bigint("subscriber_id", { mode: "number" })
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    /** What the reader typed (cleaned): the index is compiled from it, so the compiler may change. */
    query: text("query").notNull(),
    /** A topic watch names its slug; a word watch has none. */
    topic: text("topic"),
    muted: boolean("muted").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("alert_watches_subscriber_idx").on(t.subscriberId)],
);

export const alertWatchRevision = pgSequence("alert_watch_revision");

/** A chat's alert preferences; no row means the defaults (on, quiet 23:00–08:00). */
export const alertSettings = pgTable("alert_settings", {
  subscriberId: bigint("subscriber_id", { mode: "number" })
    .primaryKey()
    .references(() => subscribers.id, { onDelete: "cascade" }),
  paused: boolean("paused").notNull().default(false),
  /** Quiet hours in local minutes after midnight; both null means no quiet hours. */
  quietStart: integer("quiet_start").default(1380),
  quietEnd: integer("quiet_end").default(480),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The alert ledger: one row per chat and story, inserted when a watch matches, so a story is
 * alerted at most once per chat however many reports and watches match it. `story_key` is
 * `s<story id>`, or `a<article id>` for an article without a story (a story of one report).
 * pending → claimed (leased by one worker) → sent | failed | dropped.
 */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    subscriberId: bigint("subscriber_id", { mode: "number" })
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    storyKey: text("story_key").notNull(),
    watchId: bigint("watch_id", { mode: "number" }).references(() => alertWatches.id, { onDelete: "set null" }),
    /** The watch's query when it matched: the alert names it even if the watch is removed since. */
    watchQuery: text("watch_query").notNull(),
    articleId: bigint("article_id", { mode: "number" })
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "claimed", "sent", "failed", "dropped"] }).notNull(),
    /** `instant`: its own message; `held` (quiet hours, hourly cap): one summary with the others. */
    mode: text("mode", { enum: ["instant", "held"] }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    claimedBy: text("claimed_by"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    messageId: bigint("message_id", { mode: "number" }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("alert_deliveries_story_key").on(t.subscriberId, t.storyKey),
    index("alert_deliveries_due_idx").on(t.status, t.dueAt),
    index("alert_deliveries_sent_idx").on(t.subscriberId, t.sentAt),
  ],
);
