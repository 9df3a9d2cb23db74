import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createDigestEngine, createPacer } from "../../src/digest/engine.js";
import { startDigestScheduler, type DigestScheduler } from "../../src/digest/jobs.js";
import { localClock } from "../../src/digest/schedule.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { range, seedArticles, seedSubscribers, TEST_TOPICS } from "./seed.js";

let database: TestDatabase;
let repos: Repositories;
let fake: FakeBotApi;
const extra: Database[] = [];
const schedulers: DigestScheduler[] = [];
const logger = pino({ level: "silent" });

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  fake = await startFakeBotApi();
  await seedArticles(database.db, new Date(), [{ title: "Scheduled news", age: 15, topics: ["energy"] }]);
});

afterAll(async () => {
  await Promise.all(schedulers.map((s) => s.stop()));
  for (const db of extra) await db.close();
  await fake.close();
  await database.close();
});

/** A zone whose clocks are well before 23:00 now, so a 23:59 digest there is certainly not due. */
function zoneBefore23(): string {
  const zones = ["Pacific/Honolulu", "America/New_York", "UTC", "Europe/Moscow", "Asia/Tashkent", "Pacific/Auckland"];
  return zones.find((zone) => localClock(new Date(), zone).minute < 23 * 60)!;
}

async function start(db: Database, r: Repositories, url: string | undefined): Promise<DigestScheduler> {
  const engine = createDigestEngine({
    repos: r,
    topics: TEST_TOPICS,
    size: 10,
    sendEmpty: false,
    leaseMs: 30_000,
    pacer: createPacer({ rate: 500 }),
    api: { token: fake.token, apiRoot: fake.url },
  });
  const scheduler = await startDigestScheduler({
    database: db,
    databaseUrl: url,
    repos: r,
    engine,
    checkIntervalMs: 1000,
    logger,
  });
  schedulers.push(scheduler);
  return scheduler;
}

async function until(condition: () => boolean, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("digest scheduler (pg-boss)", () => {
  it("delivers one digest to every due reader and none to the others, across processes", { timeout: 90_000 }, async () => {
    // Midnight digests are due all day, whatever the zone.
    const due = await seedSubscribers(
      database.db,
      range(40, 70_000).map((chatId, i) => ({ chatId, digestMinute: 0, timeZone: ["Asia/Tashkent", "America/New_York", "Europe/Berlin"][i % 3]! })),
    );
    const notDue = await seedSubscribers(database.db, range(5, 80_000).map((chatId) => ({ chatId, digestMinute: 1439, timeZone: zoneBefore23() })));
    const unsubscribed = await seedSubscribers(database.db, [{ chatId: 90_000, digestMinute: 0, subscribed: false }]);

    // On Postgres a second "process" (own connections, own pg-boss, own worker id) starts at the
    // same moment — both create pg-boss's schema at once — and competes for the same work.
    const starting = [start(database, repos, database.url)];
    if (database.url) {
      const other = await openDatabase({ url: database.url, maxConnections: 4 });
      extra.push(other);
      starting.push(start(other, createRepositories(other.db), database.url));
    }
    await Promise.all(starting);

    await until(() => due.every((s) => fake.sent(s.chatId).length > 0));
    // Let a few more checks run: none of them may send again.
    await new Promise((r) => setTimeout(r, 3500));
    for (const s of due) expect(fake.sent(s.chatId)).toHaveLength(1);
    for (const s of [...notDue, ...unsubscribed]) expect(fake.sent(s.chatId)).toHaveLength(0);
    for (const s of due) {
      expect(await repos.deliveries.find(s.id, localClock(new Date(), s.timeZone).date)).toMatchObject({ status: "sent" });
    }
  });

  it("stops cleanly", async () => {
    const scheduler = schedulers.pop()!;
    await scheduler.stop();
    // Stopping twice is harmless (shutdown paths may overlap).
    await scheduler.stop();
  });
});
