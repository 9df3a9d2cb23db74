import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createDigestEngine, createPacer } from "../../src/digest/engine.js";
import { deliverAll, findDue } from "../../src/digest/pass.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { range, seedArticles, seedSubscribers, TEST_TOPICS } from "./seed.js";

let database: TestDatabase;
let repos: Repositories;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  await seedArticles(database.db, new Date(), [{ title: "News", age: 5, topics: ["energy"] }]);
});

afterAll(async () => {
  await database.close();
});

const claimFor = (subscriberId: number, worker: string, leaseMs = 30_000) => ({
  subscriberId,
  localDate: "2025-06-10",
  worker,
  leaseMs,
  messages: ["<b>hi</b>"],
  articleCount: 1,
  cutoff: new Date("2025-06-10T04:00:00Z"),
});

describe("delivery ledger", () => {
  it("lets one worker claim a day, others wait for the lease, then settles once", async () => {
    const [reader] = await seedSubscribers(database.db, [{ chatId: 1 }]);
    const first = await repos.deliveries.claim(claimFor(reader!.id, "a"));
    expect(first.kind).toBe("claimed");
    const second = await repos.deliveries.claim(claimFor(reader!.id, "b"));
    expect(second.kind).toBe("busy");
    // Only the holder may record progress or settle.
    const id = first.kind === "claimed" ? first.row.id : 0;
    expect(await repos.deliveries.recordProgress(id, "b", 1, [5], 30_000)).toBe(false);
    expect(await repos.deliveries.finish(id, "b", { status: "sent", partsSent: 1, messageIds: [5] })).toBe(false);
    expect(await repos.deliveries.finish(id, "a", { status: "sent", partsSent: 1, messageIds: [5] })).toBe(true);
    expect(await repos.deliveries.finish(id, "a", { status: "failed" })).toBe(false);
    expect(await repos.deliveries.claim(claimFor(reader!.id, "b"))).toEqual({ kind: "done", status: "sent" });
    expect((await repos.subscribers.findById(reader!.id))!.lastDigestAt).toEqual(new Date("2025-06-10T04:00:00Z"));
  });

  it("hands an expired lease to the next worker, who keeps the stored messages and progress", async () => {
    const [reader] = await seedSubscribers(database.db, [{ chatId: 2 }]);
    const first = await repos.deliveries.claim({ ...claimFor(reader!.id, "dead", 1), messages: ["one", "two"] });
    expect(first.kind).toBe("claimed");
    const id = first.kind === "claimed" ? first.row.id : 0;
    expect(await repos.deliveries.recordProgress(id, "dead", 1, [7], 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    const taken = await repos.deliveries.claim({ ...claimFor(reader!.id, "alive"), messages: ["other text"] });
    expect(taken.kind).toBe("resumed");
    if (taken.kind !== "resumed") return;
    expect(taken.row).toMatchObject({ messages: ["one", "two"], partsSent: 1, messageIds: [7], attempts: 2, claimedBy: "alive" });
    // The dead worker, should it wake up, can no longer write.
    expect(await repos.deliveries.recordProgress(id, "dead", 2, [7, 8], 30_000)).toBe(false);
  });

  it("claims and settles many rows per statement, keeping awkward text intact", async () => {
    const readers = await seedSubscribers(database.db, [{ chatId: 21 }, { chatId: 22 }, { chatId: 23 }]);
    const awkward = ['a "quoted" {brace}, comma \\ backslash', "«KMG & Partners» <обновлено>\nline", "NULL"];
    const results = await repos.deliveries.claimMany([
      { ...claimFor(readers[0]!.id, "w"), messages: awkward },
      { ...claimFor(readers[1]!.id, "w"), messages: [], articleCount: 0, cutoff: null },
      { ...claimFor(readers[2]!.id, "w"), messages: ["x"] },
      // The same reader and day twice in one batch: the second meets the first's claim.
      { ...claimFor(readers[2]!.id, "w"), messages: ["y"] },
    ]);
    expect(results.map((r) => r.kind)).toEqual(["claimed", "claimed", "claimed", "busy"]);
    const stored = await repos.deliveries.find(readers[0]!.id, "2025-06-10");
    expect(stored).toMatchObject({ messages: awkward, status: "claimed", claimedBy: "w", articleCount: 1 });
    expect(stored!.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await repos.deliveries.find(readers[1]!.id, "2025-06-10")).toMatchObject({ status: "empty", leaseUntil: null });

    const ids = results.map((r) => (r.kind === "claimed" ? r.row.id : 0));
    const settled = await repos.deliveries.finishMany([
      { id: ids[0]!, worker: "w", status: "sent", partsSent: 3, messageIds: [1, 2, 3] },
      { id: ids[1]!, worker: "w", status: "sent" }, // already settled as empty: not ours to change
      { id: ids[2]!, worker: "other", status: "sent" }, // held by "w", not "other"
    ]);
    expect(settled).toEqual([true, false, false]);
    expect(await repos.deliveries.find(readers[0]!.id, "2025-06-10")).toMatchObject({ status: "sent", partsSent: 3, messageIds: [1, 2, 3], error: null });
    expect((await repos.subscribers.findById(readers[0]!.id))!.lastDigestAt).toEqual(new Date("2025-06-10T04:00:00Z"));
    expect((await repos.subscribers.findById(readers[1]!.id))!.lastDigestAt).toBeNull();
  });

  it("records an empty digest as settled at once, without a lease", async () => {
    const [reader] = await seedSubscribers(database.db, [{ chatId: 3 }]);
    const result = await repos.deliveries.claim({ ...claimFor(reader!.id, "a"), messages: [], articleCount: 0, cutoff: null });
    expect(result.kind === "claimed" && result.row).toMatchObject({ status: "empty", leaseUntil: null });
  });
});

describe("two senders at once on one database", () => {
  let fake: FakeBotApi;
  let second: Database | undefined;

  afterAll(async () => {
    await fake?.close();
    await second?.close();
  });

  it("gives every reader exactly one digest", { timeout: 90_000 }, async () => {
    fake = await startFakeBotApi();
    const readers = await seedSubscribers(
      database.db,
      range(150, 50_000).map((chatId, i) => ({ chatId, topics: i % 2 ? ["energy"] : [] })),
    );
    // On Postgres the second sender has connections of its own: real concurrency on the ledger.
    second = database.url ? await openDatabase({ url: database.url, maxConnections: 4 }) : undefined;
    const repoSets = [repos, second ? createRepositories(second.db) : repos];
    const wanted = new Set(readers.map((r) => r.id));
    const runs = repoSets.map(async (r) => {
      const engine = createDigestEngine({
        repos: r,
        topics: TEST_TOPICS,
        size: 10,
        sendEmpty: false,
        leaseMs: 30_000,
        pacer: createPacer({ rate: 2000 }),
        api: { token: fake.token, apiRoot: fake.url },
      });
      const now = new Date();
      const due = (await findDue(r, now, { ignoreTime: true })).filter((d) => wanted.has(d.subscriber.id));
      return deliverAll(due, now, { deliverer: engine.deliverer, builder: engine.builder, repos: r, concurrency: 16 });
    });
    const [a, b] = await Promise.all(runs);
    expect(a!.sent + b!.sent).toBe(150);
    expect(a!.failed + b!.failed + a!.deactivated + b!.deactivated).toBe(0);
    const perChat = new Map<unknown, number>();
    for (const call of fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200)) {
      perChat.set(call.payload.chat_id, (perChat.get(call.payload.chat_id) ?? 0) + 1);
    }
    expect(perChat.size).toBe(150);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
  });
});
