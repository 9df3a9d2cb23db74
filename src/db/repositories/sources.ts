import { sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { sources } from "../schema.js";

export interface SourceInput {
  url: string;
  title: string;
  siteUrl?: string | null;
  kind: "feed" | "file";
}

export function createSourceRepository(db: Db) {
  return {
    /** Finds or creates the source by URL; a better title from a later read replaces the old one. */
    async upsert(input: SourceInput): Promise<number> {
      const [row] = await db
        .insert(sources)
        .values({ url: input.url, title: input.title, siteUrl: input.siteUrl ?? null, kind: input.kind })
        .onConflictDoUpdate({
          target: sources.url,
          set: {
            title: sql`coalesce(nullif(excluded.title, ''), ${sources.title})`,
            siteUrl: sql`coalesce(excluded.site_url, ${sources.siteUrl})`,
          },
        })
        .returning({ id: sources.id });
      if (!row) throw new Error(`source ${input.url} was neither inserted nor found`);
      return row.id;
    },
  };
}

export type SourceRepository = ReturnType<typeof createSourceRepository>;
