import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createArticleRepository } from "../../src/db/repositories/articles.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { executePrepared } from "../../src/db/repositories/prepared.js";
import { rowsOf } from "../../src/db/repositories/raw-rows.js";
import { createSendBudgetRepository } from "../../src/db/repositories/send-budgets.js";
import { createStoryListRepository } from "../../src/db/repositories/story-lists.js";
import { createStoryRepository } from "../../src/db/repositories/stories.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const repos = createRepositories(database.db);
  const sourceId = await repos.sources.upsert({ url: "https://prep.example", title: "Prep Example", kind: "file" });
  await repos.articles.insertMany(
    [1, 2, 3].map((n) => ({
      sourceId,
      url: `https://prep.example/${n}`,
      title: `Бюджет города номер ${n}`,
      summary: "",
      body: "Депутаты обсудили бюджет.",
      publishedAt: new Date(Date.UTC(2026, 10, n)),
      contentHash: `prep-${n}`,
    })),
  );
});

afterAll(async () => {
  await database.close();
});

describe("statements run prepared", () => {
  it("answer as `execute` does, with their values", async () => {
    const rows = rowsOf<{ n: number; word: string }>(await executePrepared(database.db, sql`select ${41}::int + 1 as n, ${"слово"}::text as word`));
    expect(rows).toEqual([{ n: 42, word: "слово" }]);
    const page = await createStoryListRepository(database.db).search("бюджет", 2);
    expect(page.items.map((i) => i.title)).toEqual(["Бюджет города номер 3", "Бюджет города номер 2"]);
    expect(page.next).toBeDefined();
  });

  // Postgres only: PGlite runs in the process, with no round trips to save.
  describe.runIf(process.env.DATABASE_URL !== undefined)("on Postgres", () => {
    let single: Database;
    beforeAll(async () => {
      // One connection, so the session that prepared is the one asked.
      single = await openDatabase({ url: database.url!, maxConnections: 1 });
    });
    afterAll(async () => {
      await single.close();
    });
    const prepared = async () =>
      rowsOf<{ statement: string }>(await single.db.execute(sql`select statement from pg_prepared_statements`)).map((r) => r.statement);

    it("are kept by the session, so a list's next page is not parsed again", async () => {
      const lists = createStoryListRepository(single.db);
      await lists.latest(2);
      await lists.latest(2);
      const walks = (await prepared()).filter((s) => s.includes("with w as"));
      expect(walks).toHaveLength(1);
    });

    it("carry an ingest's, a story assignment's and a sender's statements, inside transactions too", async () => {
      expect(await createArticleRepository(single.db).knownUrls(["https://prep.example/1", "https://prep.example/9"])).toEqual(
        new Set(["https://prep.example/1"]),
      );
      await single.db.transaction(async (tx) => {
        await createStoryRepository(tx).lockAssignment();
        expect(await createArticleRepository(tx).reserveIds(2)).toHaveLength(2);
      });
      // A digest's send budget: one reservation per run of slots, its round trip on the sender's path.
      const budgets = createSendBudgetRepository(single.db);
      const slot = { tokenKey: "prep-token", count: 3, ceiling: 30, recoverPerSecond: 0.005 };
      await budgets.reserve(slot);
      expect((await budgets.reserve(slot)).rate).toBeGreaterThan(0);
      const statements = await prepared();
      for (const part of ["url = any(", "pg_advisory_xact_lock(", "nextval(pg_get_serial_sequence('articles'", "with cur as ("]) {
        expect(statements.filter((s) => s.includes(part))).toHaveLength(1);
      }
    });

    it("run inside a transaction on the transaction's own connection", async () => {
      const xid = sql`select pg_current_xact_id_if_assigned()::text as xid, ${1}::int as one`;
      await single.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_current_xact_id()`);
        const own = rowsOf<{ xid: string | null }>(await tx.execute(xid))[0]?.xid;
        expect(own).toBeTruthy();
        expect(rowsOf<{ xid: string | null }>(await executePrepared(tx, xid))[0]?.xid).toBe(own);
      });
    });

    it("stop being prepared past a bound, so texts that vary cannot pile up on the server", async () => {
      // (A statement without values is sent as a simple query, never prepared: each of these has one.)
      const numbered = (i: number) => sql`select ${sql.raw(String(i))} as n, ${"x"}::text as x`;
      for (let i = 0; i < 100; i++) await executePrepared(single.db, numbered(i));
      const count = (await prepared()).filter((s) => /^select \d+ as n, \$1::text as x$/.test(s)).length;
      expect(count).toBeGreaterThan(20);
      expect(count).toBeLessThanOrEqual(64);
      // Past the bound a statement still runs, unnamed.
      expect(rowsOf<{ n: number }>(await executePrepared(single.db, numbered(999)))).toEqual([{ n: 999, x: "x" }]);
    });
  });
});
