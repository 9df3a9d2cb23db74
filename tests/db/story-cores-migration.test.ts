import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/pglite/migrator";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { rowsOf } from "../../src/db/repositories/raw-rows.js";
import { migrationsBefore } from "../helpers/migrations-before.js";

describe("migration 0020: story cores in a table of their own", () => {
  it("moves every stored core with its story and keeps the stories", { timeout: 60_000 }, async () => {
    const database = await openDatabase({ memory: true });
    try {
      await migrate(database.db as never, { migrationsFolder: migrationsBefore("0020_") });
      const core = { v: 1, members: [{ t: [["ракет", 22]], e: ["ракет"], h: ["ракет"], s: "", at: 1 }] };
      await database.db.execute(sql`
        insert into stories (id, first_published_at, last_published_at, headline, core) overriding system value values
          (7, now(), now(), 'with a core', ${JSON.stringify(core)}::jsonb),
          (8, now(), now(), 'without one', null)`);

      await database.migrate();

      const cores = rowsOf<{ story_id: number | string; core: unknown }>(await database.db.execute(sql`select story_id, core from story_cores`));
      expect(cores.map((r) => [Number(r.story_id), r.core])).toEqual([[7, core]]);
      const stories = rowsOf<{ id: number | string; headline: string }>(await database.db.execute(sql`select id, headline from stories order by id`));
      expect(stories.map((r) => [Number(r.id), r.headline])).toEqual([
        [7, "with a core"],
        [8, "without one"],
      ]);
      const columns = rowsOf<{ column_name: string }>(
        await database.db.execute(sql`select column_name from information_schema.columns where table_name = 'stories'`),
      );
      expect(columns.map((c) => c.column_name)).not.toContain("core");
    } finally {
      await database.close();
    }
  });
});
