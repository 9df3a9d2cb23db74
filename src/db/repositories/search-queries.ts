import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../client.js";
import { searchQueries } from "../schema.js";

/** Rows unused for this long go: a paging button that old is answered as outdated. */
export const KEEP_SEARCH_QUERIES_MS = 30 * 24 * 3_600_000;
/** One new row in this many prunes the old ones, so no timer is needed. */
const PRUNE_EVERY_ROWS = 100;

export function createSearchQueryRepository(db: Db) {
  async function prune(before: Date): Promise<number> {
    const rows = await db.delete(searchQueries).where(lt(searchQueries.usedAt, before)).returning({ id: searchQueries.id });
    return rows.length;
  }

  return {
    /**
     * Id of a query text for one chat, so a paging button can refer to it in a few bytes. The id
     * is bound to the chat: a button forged with another id shows nothing of another reader's search.
     */
    async remember(chatId: number, query: string): Promise<number> {
      const now = new Date();
      const [row] = await db
        .insert(searchQueries)
        .values({ chatId, query, usedAt: now })
        .onConflictDoUpdate({ target: [searchQueries.chatId, searchQueries.query], set: { usedAt: now } })
        .returning({ id: searchQueries.id });
      if (!row) throw new Error("search query was neither inserted nor found");
      if (row.id % PRUNE_EVERY_ROWS === 0) await prune(new Date(now.getTime() - KEEP_SEARCH_QUERIES_MS));
      return row.id;
    },

    /** The query behind a button, only for the chat that stored it. */
    async find(id: number, chatId: number): Promise<string | undefined> {
      const [row] = await db
        .update(searchQueries)
        .set({ usedAt: new Date() })
        .where(and(eq(searchQueries.id, id), eq(searchQueries.chatId, chatId)))
        .returning({ query: searchQueries.query });
      return row?.query;
    },

    /** Forgets queries unused since `before`. */
    prune,
  };
}

export type SearchQueryRepository = ReturnType<typeof createSearchQueryRepository>;
