import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { chatManagers } from "../schema.js";

export type ChatManager = typeof chatManagers.$inferSelect;

/** Channel ↔ the readers who manage it from their private chats. */
export function createChatManagerRepository(db: Db) {
  return {
    /** Adds the reader as a manager, or refreshes when their rights were last confirmed. */
    async add(chatId: number, userId: number): Promise<void> {
      await db
        .insert(chatManagers)
        .values({ chatId, userId })
        .onConflictDoUpdate({ target: [chatManagers.chatId, chatManagers.userId], set: { checkedAt: sql`now()` } });
    },

    async isManager(chatId: number, userId: number): Promise<boolean> {
      const [row] = await db
        .select({ chatId: chatManagers.chatId })
        .from(chatManagers)
        .where(and(eq(chatManagers.chatId, chatId), eq(chatManagers.userId, userId)));
      return row !== undefined;
    },

    /** Chats the reader manages, oldest connection first. */
    async chatsOf(userId: number): Promise<number[]> {
      const rows = await db
        .select({ chatId: chatManagers.chatId })
        .from(chatManagers)
        .where(eq(chatManagers.userId, userId))
        .orderBy(chatManagers.createdAt, chatManagers.chatId);
      return rows.map((r) => r.chatId);
    },

    async managersOf(chatId: number): Promise<number[]> {
      const rows = await db.select({ userId: chatManagers.userId }).from(chatManagers).where(eq(chatManagers.chatId, chatId));
      return rows.map((r) => r.userId);
    },

    /** The reader is no longer an administrator: they lose the right to manage the chat. */
    async remove(chatId: number, userId: number): Promise<void> {
      await db.delete(chatManagers).where(and(eq(chatManagers.chatId, chatId), eq(chatManagers.userId, userId)));
    },

    async removeChat(chatId: number): Promise<void> {
      await db.delete(chatManagers).where(eq(chatManagers.chatId, chatId));
    },

    /** Managers whose rights were last confirmed before `before`: the periodic re-check's work list. */
    async staleBefore(before: Date, limit: number): Promise<Array<{ chatId: number; userId: number }>> {
      return db
        .select({ chatId: chatManagers.chatId, userId: chatManagers.userId })
        .from(chatManagers)
        .where(sql`${chatManagers.checkedAt} < ${before.toISOString()}`)
        .orderBy(chatManagers.checkedAt)
        .limit(limit);
    },
  };
}

export type ChatManagerRepository = ReturnType<typeof createChatManagerRepository>;
