import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/pglite/migrator";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { rowsOf } from "../../src/db/repositories/raw-rows.js";
import { migrationsBefore } from "../helpers/migrations-before.js";

describe("migration 0022: stories found by seed time, changes counted", () => {
  it("gives every stored core its seed time, counts old rows as revision 0, and drops the key table", { timeout: 60_000 }, async () => {
    const database = await openDatabase({ memory: true });
    try {
      await migrate(database.db as never, { migrationsFolder: migrationsBefore("0022_") });
      const core = JSON.stringify({ v: 1, members: [] });
      await database.db.execute(sql`
        insert into stories (id, first_published_at, last_published_at, headline) overriding system value values
          (1, '2024-12-03T10:00:00Z', '2024-12-03T12:00:00Z', 'keyed'),
          (2, '2024-12-03T11:00:00Z', '2024-12-03T11:00:00Z', 'without keys')`);
      await database.db.execute(sql`insert into story_cores (story_id, core) values (1, ${core}::jsonb), (2, ${core}::jsonb)`);
      // Story 1's seed (its first assigned report) came after an earlier report joined it.
      await database.db.execute(sql`
        insert into story_keys (key, seed_published_at, story_id) values
          ('кор', '2024-12-03T10:30:00Z', 1), ('военн', '2024-12-03T10:30:00Z', 1)`);
      await database.db.execute(sql`insert into story_key_hours (key, hour, reports) values ('кор', '2024-12-03T10:00:00Z', 3)`);

      await database.migrate();

      const cores = rowsOf<{ story_id: number | string; seed: string | Date; revision: number | string }>(
        await database.db.execute(sql`select story_id, seed_published_at as seed, revision from story_cores order by story_id`),
      );
      expect(cores.map((r) => [Number(r.story_id), new Date(r.seed).toISOString(), Number(r.revision)])).toEqual([
        [1, "2024-12-03T10:30:00.000Z", 0],
        [2, "2024-12-03T11:00:00.000Z", 0],
      ]);
      const [hours] = rowsOf<{ revision: number | string }>(await database.db.execute(sql`select revision from story_key_hours`));
      expect(Number(hours!.revision)).toBe(0);
      const tables = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from pg_tables where tablename = 'story_keys'`));
      expect(tables[0]!.n).toBe(0);
      // New writes take revisions from the sequence.
      await database.db.execute(sql`insert into story_cores (story_id, core, seed_published_at) values (3, ${core}::jsonb, now())`);
      const [fresh] = rowsOf<{ revision: number | string }>(await database.db.execute(sql`select revision from story_cores where story_id = 3`));
      expect(Number(fresh!.revision)).toBeGreaterThan(0);
      // The copied table has the shape a fresh store has: its key, its types, its indexes.
      await expect(
        database.db.execute(sql`insert into story_cores (story_id, core, seed_published_at) values (3, ${core}::jsonb, now())`),
      ).rejects.toThrow();
      const columns = rowsOf<{ column_name: string; data_type: string; is_nullable: string }>(
        await database.db.execute(sql`
          select column_name, data_type, is_nullable from information_schema.columns where table_name = 'story_cores' order by ordinal_position`),
      );
      expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
        ["story_id", "bigint", "NO"],
        ["core", "jsonb", "NO"],
        ["seed_published_at", "timestamp with time zone", "NO"],
        ["revision", "bigint", "NO"],
      ]);
      const indexes = rowsOf<{ indexname: string }>(
        await database.db.execute(sql`select indexname from pg_indexes where tablename = 'story_cores' order by indexname`),
      );
      expect(indexes.map((i) => i.indexname)).toEqual(["story_cores_pkey", "story_cores_revision_idx", "story_cores_seed_idx"]);
    } finally {
      await database.close();
    }
  });
});
