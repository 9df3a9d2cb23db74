import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { subscribers } from "../schema.js";
import { rowsOf } from "./raw-rows.js";

export type Subscriber = typeof subscribers.$inferSelect;

/**
 * Where a subscription lives: a chat, and in a forum supergroup the topic (`threadId`; null for
 * the chat itself and for a forum's General topic). A bare chat id means the chat itself.
 */
export interface SubscriptionKey {
  chatId: number;
  threadId: number | null;
}
export type SubscriptionRef = number | SubscriptionKey;

export function keyOf(ref: SubscriptionRef): SubscriptionKey {
  return typeof ref === "number" ? { chatId: ref, threadId: null } : ref;
}

/** "-100123" or "-100123/42": names a subscription in logs and errors. */
export function describeKey(ref: SubscriptionRef): string {
  const { chatId, threadId } = keyOf(ref);
  return threadId === null ? String(chatId) : `${chatId}/${threadId}`;
}

/** Telegram's words for a forum topic that is gone: only that topic's subscription stops. */
export const TOPIC_GONE = /message thread not found|topic_deleted|topic.*deleted/i;

export interface SubscriberDefaults {
  timeZone: string;
  digestMinute: number;
}

/** What may change on a row; the thread is part of its key (see SubscriptionKey), never changed. */
type Changes = Partial<
  Pick<Subscriber, "language" | "clientLanguage" | "timeZone" | "digestMinute" | "topics" | "subscribed" | "chatKind" | "chatTitle">
>;

/** A reader the scheduler took off the due index for a look (see `takeDue`). */
export interface DueRow {
  id: number;
  timeZone: string;
  digestMinute: number;
  /** The instant that made the reader due: fair order serves the earliest first. */
  dueAt: Date;
}

/** Changes that move the digest's due instant: the scheduler must look at the reader again. */
const SCHEDULE_FIELDS = ["timeZone", "digestMinute", "subscribed"] as const;

/**
 * "Due now", in whole milliseconds: ticks compare next_due_at with a JavaScript clock reading, which
 * has none of Postgres' microseconds, so a reader made due at 12:00:00.123456 was not yet due to a
 * tick that read 12:00:00.123 just after (one tick late in production, a flaky test here).
 */
const DUE_NOW = sql`date_trunc('milliseconds', now())`;

export function createSubscriberRepository(db: Db) {
  // The same expression as subscribers_chat_thread_key, so every lookup is one index probe.
  const byChat = (ref: SubscriptionRef) => {
    const { chatId, threadId } = keyOf(ref);
    return and(eq(subscribers.chatId, chatId), sql`coalesce(${subscribers.messageThreadId}, 0) = ${threadId ?? 0}`);
  };
  const wholeChat = (chatId: number) => eq(subscribers.chatId, chatId);

  return {
    async find(ref: SubscriptionRef): Promise<Subscriber | undefined> {
      const [row] = await db.select().from(subscribers).where(byChat(ref));
      return row;
    },

    async findById(id: number): Promise<Subscriber | undefined> {
      const [row] = await db.select().from(subscribers).where(eq(subscribers.id, id));
      return row;
    },

    /** The rows of these ids that exist, by id: one statement for a batch of delivery jobs. */
    async findByIds(ids: readonly number[]): Promise<Map<number, Subscriber>> {
      if (ids.length === 0) return new Map();
      const rows = await db.select().from(subscribers).where(inArray(subscribers.id, [...new Set(ids)]));
      return new Map(rows.map((row) => [row.id, row]));
    },

    /**
     * The reader's row, created with the defaults on first contact. A forum topic's first row
     * starts from the group's own choices (zone, time, language), if the group has a row.
     */
    async ensure(ref: SubscriptionRef, defaults: SubscriberDefaults): Promise<Subscriber> {
      const { chatId, threadId } = keyOf(ref);
      let start: Pick<Subscriber, "timeZone" | "digestMinute"> & Partial<Pick<Subscriber, "language" | "chatKind">> = defaults;
      if (threadId !== null) {
        const own = await this.find(ref);
        if (own) return own;
        const group = await this.find(chatId);
        if (group) start = { timeZone: group.timeZone, digestMinute: group.digestMinute, language: group.language, chatKind: group.chatKind };
      }
      // No conflict target: the only unique key a new row can hit is the (chat, topic) one.
      const [created] = await db
        .insert(subscribers)
        .values({ chatId, messageThreadId: threadId, ...start })
        .onConflictDoNothing()
        .returning();
      if (created) return created;
      const existing = await this.find(ref);
      if (!existing) throw new Error(`subscriber ${describeKey(ref)} vanished`);
      return existing;
    },

    /** Applies the changes (creating the row with defaults if needed) and returns the new state. */
    async update(ref: SubscriptionRef, defaults: SubscriberDefaults, changes: Changes): Promise<Subscriber> {
      await this.ensure(ref, defaults);
      // Due again "now" is never too late: the next tick computes the exact instant from the new
      // settings and the ledger (a reader who had today's digest is moved on to tomorrow).
      const reschedule = SCHEDULE_FIELDS.some((field) => changes[field] !== undefined) ? { nextDueAt: DUE_NOW } : {};
      const [row] = await db
        .update(subscribers)
        .set({ ...changes, ...reschedule, updatedAt: sql`now()` })
        .where(byChat(ref))
        .returning();
      if (!row) throw new Error(`subscriber ${describeKey(ref)} vanished`);
      return row;
    },

    /** The chat (or forum topic) is reachable again (the reader wrote to the bot or unblocked it). */
    async reactivate(ref: SubscriptionRef): Promise<void> {
      await db
        .update(subscribers)
        .set({ blockedAt: null, blockedReason: null, nextDueAt: DUE_NOW, updatedAt: sql`now()` })
        .where(and(byChat(ref), sql`${subscribers.blockedAt} is not null`));
    },

    /**
     * The bot is back in the chat: every subscription of it is reachable again, except forum
     * topics stopped because the topic was deleted (a deleted topic does not come back).
     */
    async reactivateChat(chatId: number): Promise<void> {
      await db
        .update(subscribers)
        .set({ blockedAt: null, blockedReason: null, nextDueAt: DUE_NOW, updatedAt: sql`now()` })
        .where(
          and(
            wholeChat(chatId),
            sql`${subscribers.blockedAt} is not null`,
            sql`not (${subscribers.messageThreadId} is not null and coalesce(${subscribers.blockedReason}, '') ~* ${TOPIC_GONE.source})`,
          ),
        );
    },

    /**
     * Telegram will not deliver to this chat (blocked, deactivated, kicked, not found): stop sending.
     * True only for the call that actually deactivated it, so whoever must be told is told once.
     */
    async markBlocked(ref: SubscriptionRef, reason: string): Promise<boolean> {
      const rows = await db
        .update(subscribers)
        .set({ blockedAt: sql`now()`, blockedReason: reason.slice(0, 500), updatedAt: sql`now()` })
        .where(and(byChat(ref), isNull(subscribers.blockedAt)))
        .returning({ id: subscribers.id });
      return rows.length > 0;
    },

    /**
     * The bot can no longer write to the chat at all (removed, blocked, lost its rights): every
     * subscription of it stops, all of a forum's topics included. True if any row was stopped now.
     */
    async markChatBlocked(chatId: number, reason: string): Promise<boolean> {
      const rows = await db
        .update(subscribers)
        .set({ blockedAt: sql`now()`, blockedReason: reason.slice(0, 500), updatedAt: sql`now()` })
        .where(and(wholeChat(chatId), isNull(subscribers.blockedAt)))
        .returning({ id: subscribers.id });
      return rows.length > 0;
    },

    /**
     * A send to this subscription failed for good: a deleted forum topic stops only that topic,
     * anything else stops the whole chat. True if this call stopped something.
     */
    async deactivateAfterSend(subscriber: Pick<Subscriber, "chatId" | "messageThreadId">, reason: string): Promise<boolean> {
      if (subscriber.messageThreadId !== null && TOPIC_GONE.test(reason)) {
        return this.markBlocked({ chatId: subscriber.chatId, threadId: subscriber.messageThreadId }, reason);
      }
      return this.markChatBlocked(subscriber.chatId, reason);
    },

    /** Forgets a chat, all its topics and everything tied to them (their ledger rows go too): `/disconnect`. */
    async remove(chatId: number): Promise<boolean> {
      const rows = await db.delete(subscribers).where(wholeChat(chatId)).returning({ id: subscribers.id });
      return rows.length > 0;
    },

    /**
     * A group became a supergroup (Telegram gives it a new id): its subscriptions move to the new id
     * with everything tied to them (topics, time, alerts, the ledger), reachable again. Where the
     * new chat already has a subscription of its own, that one stays and the old one goes. Returns
     * how many moved; moving again (the second service message, a retried send) moves nothing.
     */
    async moveChat(from: number, to: number): Promise<number> {
      if (from === to) return 0;
      const moved = await db.execute(sql`
        update ${subscribers} s
        set chat_id = ${to}, chat_kind = 'supergroup', blocked_at = null, blocked_reason = null,
          next_due_at = case when s.blocked_at is null then s.next_due_at else ${DUE_NOW} end, updated_at = now()
        where s.chat_id = ${from}
          and not exists (
            select 1 from ${subscribers} t
            where t.chat_id = ${to} and coalesce(t.message_thread_id, 0) = coalesce(s.message_thread_id, 0))
        returning s.id`);
      await db.delete(subscribers).where(wholeChat(from));
      return rowsOf(moved).length;
    },

    /** Every subscription of these chats (a forum's topics each have one). */
    async findMany(chatIds: readonly number[]): Promise<Subscriber[]> {
      if (chatIds.length === 0) return [];
      return db.select().from(subscribers).where(inArray(subscribers.chatId, [...chatIds])).orderBy(subscribers.id);
    },

    /** Remembers the client's locale; writes only when it changed, so most updates cost no write. */
    async noteClientLanguage(ref: SubscriptionRef, locale: string): Promise<void> {
      await db
        .update(subscribers)
        .set({ clientLanguage: locale })
        .where(and(byChat(ref), sql`${subscribers.clientLanguage} is distinct from ${locale}`));
    },

    async setLastDigestAt(id: number, at: Date): Promise<void> {
      await db.update(subscribers).set({ lastDigestAt: at }).where(eq(subscribers.id, id));
    },

    /**
     * Takes up to `limit` readers due at `now` off the due index, earliest first, and holds them
     * for `holdMs` (their job is queued meanwhile; if it is lost they come back after the hold).
     * One range scan of subscribers_next_due_idx: with nobody due it reads one index page.
     * `skip locked` lets two processes' ticks share the work without taking the same reader.
     */
    async takeDue(now: Date, limit: number, holdMs: number): Promise<DueRow[]> {
      const result = await db.execute(sql`
        with due as (
          select id, next_due_at from ${subscribers}
          where subscribed and blocked_at is null and next_due_at <= ${now.toISOString()}::timestamptz
          order by next_due_at
          limit ${limit}
          for update skip locked
        )
        update ${subscribers} s
        set next_due_at = ${now.toISOString()}::timestamptz + ${Math.max(1, Math.round(holdMs))} * interval '1 millisecond'
        from due
        where s.id = due.id
        returning s.id, s.time_zone as "timeZone", s.digest_minute as "digestMinute", due.next_due_at as "dueAt"`);
      return rowsOf<{ id: number | string; timeZone: string; digestMinute: number | string; dueAt: Date | string }>(result)
        .map((r) => ({ id: Number(r.id), timeZone: r.timeZone, digestMinute: Number(r.digestMinute), dueAt: new Date(r.dueAt) }))
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    },

    /** Sets the next due instants of many readers in one statement. */
    async reschedule(items: { id: number; at: Date }[]): Promise<void> {
      if (items.length === 0) return;
      await db.execute(sql`
        update ${subscribers} s set next_due_at = v.at::timestamptz
        from unnest(${sql.param(items.map((i) => i.id))}::bigint[], ${sql.param(items.map((i) => i.at.toISOString()))}::text[]) as v(id, at)
        where s.id = v.id`);
    },

    /** Readers who receive digests: subscribed and not blocked. */
    async listActive(): Promise<Subscriber[]> {
      return db
        .select()
        .from(subscribers)
        .where(and(eq(subscribers.subscribed, true), isNull(subscribers.blockedAt)))
        .orderBy(subscribers.id);
    },
  };
}

export type SubscriberRepository = ReturnType<typeof createSubscriberRepository>;
