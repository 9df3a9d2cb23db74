// Instant alerts: watches, per-chat settings and the delivery ledger.
import { bigint, boolean, integer, index, pgSequence, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { articles } from "./news.js";
import { subscribers } from "./readers.js";

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
