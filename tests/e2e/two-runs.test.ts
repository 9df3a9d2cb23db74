import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { range, seedArticles, seedSubscribers } from "../digest/seed.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { startInstance, type Instance } from "../helpers/webhook-instance.js";

const POSTGRES = Boolean(process.env.DATABASE_URL);
const READERS = range(300, 41_000);
const LIMIT = 30;

let server: TestDatabase | undefined;
let database: Database | undefined;
let fake: FakeBotApi;
const instances: Instance[] = [];

beforeAll(async () => {
  if (!POSTGRES) return;
  server = await createTestDatabase();
  database = await openDatabase({ url: server.url! });
  await seedArticles(database.db, new Date(), [{ title: "Budget news", age: 20, topics: ["energy"] }]);
  fake = await startFakeBotApi({ rateLimit: { perSecond: LIMIT } });
});

afterAll(async () => {
  await Promise.all(instances.map((i) => i.cli.stop("SIGKILL")));
  await fake?.close();
  await database?.close();
  await server?.close();
});

const delivered = () => fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200);

describe("two `vestnik run` processes on one Postgres", () => {
  it.skipIf(!POSTGRES)(
    "share one send budget: every reader gets exactly one digest, 429s stay under 1 % (Postgres only: PGlite is one process's embedded store)",
    { timeout: 120_000 },
    async () => {
      const env = { DATABASE_URL: server!.url!, DIGEST_CHECK_INTERVAL: "1s", SEND_RATE: String(LIMIT), LOG_LEVEL: "info" };
      // Both start before anybody is due, so neither has the audience to itself at first.
      instances.push(...(await Promise.all([startInstance(fake, env), startInstance(fake, env)])));
      await seedSubscribers(
        database!.db,
        // A 00:00 digest is due all day in any zone.
        READERS.map((chatId, i) => ({ chatId, digestMinute: 0, timeZone: i % 2 ? "Asia/Almaty" : "Europe/Moscow", topics: ["energy"] })),
      );

      const wanted = new Set(READERS.map(String));
      const deadline = Date.now() + 60_000;
      while (new Set(delivered().map((c) => String(c.payload.chat_id))).size < READERS.length) {
        if (Date.now() > deadline) {
          throw new Error(`not all digests arrived:\n${instances.map((i) => i.cli.output().slice(-2000)).join("\n---\n")}`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      // More ticks run meanwhile; none may send again.
      await new Promise((r) => setTimeout(r, 3000));

      const ok = delivered().filter((c) => wanted.has(String(c.payload.chat_id)));
      expect(ok).toHaveLength(READERS.length);
      expect(new Set(ok.map((c) => String(c.payload.chat_id))).size).toBe(READERS.length);
      const limited = fake.rateLimited.length;
      expect(limited).toBeLessThanOrEqual(READERS.length * 0.01);

      // Both processes delivered: the budget is shared, not taken by whichever started first.
      const workers = await database!.db.execute(sql`
        select split_part(claimed_by, ':', 2) as pid, count(*)::int as n
        from digest_deliveries where status = 'sent' group by 1`);
      const rows = (Array.isArray(workers) ? workers : (workers as { rows: unknown[] }).rows) as { pid: string; n: number }[];
      expect(rows.reduce((n, r) => n + r.n, 0)).toBe(READERS.length);
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.n).toBeGreaterThan(0);

      for (const i of instances.splice(0)) expect(await i.cli.stop("SIGTERM", 30_000)).toBe(0);
    },
  );
});
