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
      const [row] = await db
        .update(subscribers)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(byChat(chatId))
        .returning();
      if (!row) throw new Error(`subscriber ${chatId} vanished`);
      return row;
    },

    /** The chat is reachable again (the reader wrote to the bot or unblocked it). */
    async reactivate(chatId: number): Promise<void> {
      await db
        .update(subscribers)
        .set({ blockedAt: null, blockedReason: null, updatedAt: sql`now()` })
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
