import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { subscribers } from "../schema.js";

export type Subscriber = typeof subscribers.$inferSelect;

export interface SubscriberDefaults {
  timeZone: string;
  digestMinute: number;
}

type Changes = Partial<
  Pick<Subscriber, "language" | "clientLanguage" | "timeZone" | "digestMinute" | "topics" | "subscribed" | "chatKind" | "messageThreadId" | "chatTitle">
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

/** Raw `execute` answers differ by driver: postgres.js gives the rows, PGlite an object holding them. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

export function createSubscriberRepository(db: Db) {
  const byChat = (chatId: number) => eq(subscribers.chatId, chatId);

  return {
    async find(chatId: number): Promise<Subscriber | undefined> {
      const [row] = await db.select().from(subscribers).where(byChat(chatId));
      return row;
    },

    async findById(id: number): Promise<Subscriber | undefined> {
      const [row] = await db.select().from(subscribers).where(eq(subscribers.id, id));
      return row;
    },

    /** The reader's row, created with the defaults on first contact. */
    async ensure(chatId: number, defaults: SubscriberDefaults): Promise<Subscriber> {
      const [created] = await db
        .insert(subscribers)
        .values({ chatId, timeZone: defaults.timeZone, digestMinute: defaults.digestMinute })
        .onConflictDoNothing({ target: subscribers.chatId })
        .returning();
      if (created) return created;
      const existing = await this.find(chatId);
      if (!existing) throw new Error(`subscriber ${chatId} vanished`);
      return existing;
    },

    /** Applies the changes (creating the row with defaults if needed) and returns the new state. */
    async update(chatId: number, defaults: SubscriberDefaults, changes: Changes): Promise<Subscriber> {
      await this.ensure(chatId, defaults);
      // Due again "now" is never too late: the next tick computes the exact instant from the new
      // settings and the ledger (a reader who had today's digest is moved on to tomorrow).
      const reschedule = SCHEDULE_FIELDS.some((field) => changes[field] !== undefined) ? { nextDueAt: sql`now()` } : {};
      const [row] = await db
        .update(subscribers)
        .set({ ...changes, ...reschedule, updatedAt: sql`now()` })
        .where(byChat(chatId))
        .returning();
      if (!row) throw new Error(`subscriber ${chatId} vanished`);
      return row;
    },

    /** The chat is reachable again (the reader wrote to the bot or unblocked it). */
    async reactivate(chatId: number): Promise<void> {
      await db
        .update(subscribers)
        .set({ blockedAt: null, blockedReason: null, nextDueAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(byChat(chatId), sql`${subscribers.blockedAt} is not null`));
    },

    /**
     * Telegram will not deliver to this chat (blocked, deactivated, kicked, not found): stop sending.
     * True only for the call that actually deactivated it, so whoever must be told is told once.
     */
    async markBlocked(chatId: number, reason: string): Promise<boolean> {
      const rows = await db
        .update(subscribers)
        .set({ blockedAt: sql`now()`, blockedReason: reason.slice(0, 500), updatedAt: sql`now()` })
        .where(and(byChat(chatId), isNull(subscribers.blockedAt)))
        .returning({ id: subscribers.id });
      return rows.length > 0;
    },

    /** Forgets a chat and everything tied to it (its ledger rows go with it): `/disconnect`. */
    async remove(chatId: number): Promise<boolean> {
      const rows = await db.delete(subscribers).where(byChat(chatId)).returning({ id: subscribers.id });
      return rows.length > 0;
    },

    async findMany(chatIds: readonly number[]): Promise<Subscriber[]> {
      if (chatIds.length === 0) return [];
      return db.select().from(subscribers).where(inArray(subscribers.chatId, [...chatIds])).orderBy(subscribers.id);
    },

    /** Remembers the client's locale; writes only when it changed, so most updates cost no write. */
    async noteClientLanguage(chatId: number, locale: string): Promise<void> {
      await db
        .update(subscribers)
        .set({ clientLanguage: locale })
        .where(and(byChat(chatId), sql`${subscribers.clientLanguage} is distinct from ${locale}`));
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
