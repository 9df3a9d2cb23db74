// Readers and chats: subscriptions, chat managers, the digest ledger, the send budget, processed updates.
import { sql } from "drizzle-orm";
import { bigint, boolean, date, doublePrecision, integer, jsonb, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

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
