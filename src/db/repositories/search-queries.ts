import { eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { searchQueries } from "../schema.js";

export function createSearchQueryRepository(db: Db) {
  return {
    /** Stable id for a query text, so a paging button can refer to it in a few bytes. */
    async remember(query: string): Promise<number> {
      const [row] = await db
        .insert(searchQueries)
        .values({ query })
        .onConflictDoUpdate({ target: searchQueries.query, set: { query } })
        .returning({ id: searchQueries.id });
      if (!row) throw new Error("search query was neither inserted nor found");
      return row.id;
    },

    async find(id: number): Promise<string | undefined> {
      const [row] = await db.select({ query: searchQueries.query }).from(searchQueries).where(eq(searchQueries.id, id));
      return row?.query;
    },
  };
}

export type SearchQueryRepository = ReturnType<typeof createSearchQueryRepository>;
