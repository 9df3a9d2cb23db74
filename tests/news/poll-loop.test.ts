import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { feed, hang, rss, startFeedServer, type FeedServer } from "../helpers/feed-server.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { addFeed, pollerFor, sourceRow, waitUntil } from "./poll-helpers.js";

let database: TestDatabase;
let server: FeedServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startFeedServer();
});

afterAll(async () => {
  await server.close();
  await database.close();
});

const doc = (name: string) => rss({ title: name, items: [{ title: `${name} item`, link: `https://example.org/${name}` }] });

describe("the polling loop", () => {
  it("keeps polling a healthy source while a hanging one holds its slot", async () => {
    server.route("/stuck.xml", hang());
    server.route("/steady.xml", feed(() => doc("steady")));
    const { repos, poller } = pollerFor(database.db, { settings: { concurrency: 2, timeoutMs: 20_000 }, idleMs: 200 });
    const stuck = await addFeed(repos, server.at("/stuck.xml"), 100);
    const steady = await addFeed(repos, server.at("/steady.xml"), 100);
    poller.start();
    try {
      await server.waitForRequests("/steady.xml", 4);
      // Four polls of the healthy feed happened while the first request to the stuck one is still open.
      expect(server.requestsTo("/stuck.xml")).toHaveLength(1);
      expect(server.openRequests("/stuck.xml")).toBe(1);
      expect(server.requestsTo("/steady.xml").slice(1).every((r) => r.status === 304)).toBe(true);
    } finally {
      await poller.stop(100);
    }
    // Shutdown cancels the stuck fetch and hands the source back untouched: no failure recorded.
    expect(await sourceRow(database.db, stuck.id)).toMatchObject({ lockedUntil: null, failures: 0, lastError: null });
    expect(await sourceRow(database.db, steady.id)).toMatchObject({ failures: 0, lastStatus: 304 });
    await waitUntil(() => server.openRequests("/stuck.xml") === 0, 5_000, "the stuck request to be closed");
    await repos.sources.remove(stuck.id);
    await repos.sources.remove(steady.id);
  });

  it("lets a poll in flight finish when stopping within the grace period", async () => {
    server.route("/slow.xml", feed(() => doc("slow"), { delayMs: 300 }));
    const { repos, poller } = pollerFor(database.db, { idleMs: 100 });
    const slow = await addFeed(repos, server.at("/slow.xml"));
    poller.start();
    await server.waitForRequests("/slow.xml", 1);
    await poller.stop(5_000);
    expect(await sourceRow(database.db, slow.id)).toMatchObject({ lastStatus: 200, failures: 0, lockedUntil: null });
    await repos.sources.remove(slow.id);
  });
});

describe("a source removed while it is fetched", () => {
  it("stays removed: the poll's result is dropped instead of recreating it", async () => {
    server.route("/doomed.xml", feed(() => doc("doomed"), { delayMs: 300 }));
    const { repos, poller } = pollerFor(database.db);
    const doomed = await addFeed(repos, server.at("/doomed.xml"));
    const polling = poller.pollDue();
    await server.waitForRequests("/doomed.xml", 1);
    await repos.sources.remove(doomed.id);
    expect(await polling).toEqual([expect.objectContaining({ sourceId: doomed.id, result: "dropped" })]);
    expect(await repos.sources.findByUrl(server.at("/doomed.xml"))).toBeUndefined();
  });
});

describe("leases", () => {
  it("gives a due source to one claimant until the lease runs out", async () => {
    const repos = createRepositories(database.db);
    const source = await addFeed(repos, server.at("/leased.xml"));
    const now = new Date();
    const lease = new Date(now.getTime() + 45_000);
    const first = await repos.sources.claimDue({ now, limit: 10, leaseUntil: lease });
    expect(first.map((s) => s.id)).toEqual([source.id]);
    expect(await repos.sources.claimDue({ now, limit: 10, leaseUntil: lease })).toEqual([]);
    // A crashed poller's lease expires and another process takes over; the old holder's write is dropped.
    const later = new Date(lease.getTime() + 1);
    const second = await repos.sources.claimDue({ now: later, limit: 10, leaseUntil: new Date(later.getTime() + 45_000) });
    expect(second.map((s) => s.id)).toEqual([source.id]);
    const stale = await repos.sources.recordSuccess(source.id, lease, { at: now, status: 200, nextPollAt: later });
    expect(stale).toBe(false);
    await repos.sources.remove(source.id);
  });

  it("never lets two pollers on one database fetch the same source at once", async () => {
    const paths = Array.from({ length: 6 }, (_, i) => `/shared-${i}.xml`);
    for (const path of paths) server.route(path, feed(() => doc(path.slice(1, -4)), { delayMs: 60 }));
    // On Postgres the second poller gets connections of its own, as a second process would.
    let second: Database | undefined;
    if (database.url) second = await openDatabase({ url: database.url, maxConnections: 4 });
    const a = pollerFor(database.db, { idleMs: 20 });
    const b = pollerFor(second?.db ?? database.db, { idleMs: 20 });
    for (const path of paths) await addFeed(a.repos, server.at(path), 10);
    a.poller.start();
    b.poller.start();
    try {
      for (const path of paths) await server.waitForRequests(path, 5, 30_000);
    } finally {
      await Promise.all([a.poller.stop(2_000), b.poller.stop(2_000)]);
      await second?.close();
    }
    for (const path of paths) expect(server.maxConcurrent(path), path).toBe(1);
    const total = paths.reduce((n, p) => n + server.requestsTo(p).length, 0);
    expect(total).toBeGreaterThanOrEqual(30);
  }, 60_000);
});
