import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffDelay, cacheMaxAgeMs, feedTtlMs, MAX_BACKOFF_MS, nextPollDelay } from "../../src/news/poll.js";
import { feed, redirect, rss, startFeedServer, status, type FeedServer } from "../helpers/feed-server.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { addFeed, makeDue, pollerFor, sourceRow, titlesOf } from "./poll-helpers.js";

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

const item = (n: number) => ({ title: `Новость ${n}`, link: `https://example.org/news/${n}` });

describe("scheduling maths", () => {
  it("backs off exponentially from the interval, capped at six hours, with ±10% jitter", () => {
    const minute = 60_000;
    expect(backoffDelay(minute, 1, () => 0.5)).toBe(2 * minute);
    expect(backoffDelay(minute, 3, () => 0.5)).toBe(8 * minute);
    expect(backoffDelay(minute, 50, () => 0.5)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelay(minute, 3, () => 0)).toBe(Math.round(8 * minute * 0.9));
    expect(backoffDelay(minute, 3, () => 0.999999)).toBeCloseTo(8 * minute * 1.1, -2);
    // A source polled less often than the cap is never retried sooner than its interval.
    expect(backoffDelay(12 * 3_600_000, 1, () => 0.5)).toBe(12 * 3_600_000);
  });

  it("honours ttl and max-age only when they ask for longer than the interval", () => {
    expect(nextPollDelay(600_000, {})).toBe(600_000);
    expect(nextPollDelay(600_000, { ttlMs: 60_000 })).toBe(600_000);
    expect(nextPollDelay(600_000, { ttlMs: 3_600_000, maxAgeMs: 1_800_000 })).toBe(3_600_000);
    expect(nextPollDelay(600_000, { maxAgeMs: 365 * 86_400_000 })).toBe(86_400_000);
    expect(cacheMaxAgeMs("public, max-age=900")).toBe(900_000);
    expect(cacheMaxAgeMs("s-maxage=60, no-store")).toBeUndefined();
    expect(cacheMaxAgeMs(null)).toBeUndefined();
    expect(feedTtlMs(Buffer.from(rss({ title: "t", ttlMinutes: 90, items: [item(1)] })))).toBe(90 * 60_000);
    const ttlInItem = `<rss><channel><title>t</title><item><ttl>999</ttl></item></channel></rss>`;
    expect(feedTtlMs(Buffer.from(ttlInItem))).toBeUndefined();
  });
});

describe("conditional GET", () => {
  it("stores validators, sends them back, and a 304 changes nothing but the schedule", async () => {
    const items = [item(1), item(2)];
    server.route("/cond.xml", feed(() => rss({ title: "Лента", items }), { lastModified: "Tue, 10 Jun 2025 12:00:00 GMT" }));
    const { repos, poller } = pollerFor(database.db);
    const source = await addFeed(repos, server.at("/cond.xml"));

    const first = await poller.pollDue();
    expect(first).toEqual([expect.objectContaining({ sourceId: source.id, result: "updated", added: 2, status: 200 })]);
    const afterFirst = await sourceRow(database.db, source.id);
    expect(afterFirst).toMatchObject({ title: "Лента", lastStatus: 200, failures: 0, lastError: null, lockedUntil: null });
    expect(afterFirst.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(afterFirst.lastModified).toBe("Tue, 10 Jun 2025 12:00:00 GMT");
    expect(afterFirst.nextPollAt!.getTime() - afterFirst.lastPolledAt!.getTime()).toBeGreaterThanOrEqual(59_000);

    // Not due yet: nothing is fetched.
    expect(await poller.pollDue()).toEqual([]);

    await makeDue(database.db, source.id);
    expect(await poller.pollDue()).toEqual([expect.objectContaining({ result: "not-modified", status: 304 })]);
    const second = server.requestsTo("/cond.xml")[1];
    expect(second?.headers["if-none-match"]).toBe(afterFirst.etag);
    expect(second?.headers["if-modified-since"]).toBe("Tue, 10 Jun 2025 12:00:00 GMT");
    expect(second?.headers["user-agent"]).toMatch(/^Vestnik\//);
    expect((await sourceRow(database.db, source.id)).lastStatus).toBe(304);

    items.push(item(3));
    await makeDue(database.db, source.id);
    expect(await poller.pollDue()).toEqual([expect.objectContaining({ result: "updated", added: 1 })]);
    expect(await titlesOf(database.db, source.id)).toEqual(["Новость 1", "Новость 2", "Новость 3"]);
    expect((await sourceRow(database.db, source.id)).etag).not.toBe(afterFirst.etag);
  });

  it("waits for the feed's ttl or Cache-Control max-age when longer than the interval", async () => {
    server.route("/ttl.xml", feed(() => rss({ title: "ttl", ttlMinutes: 120, items: [item(10)] })));
    server.route("/max-age.xml", feed(() => rss({ title: "max-age", items: [item(11)] }), { headers: { "cache-control": "max-age=10800" } }));
    const { repos, poller } = pollerFor(database.db);
    const ttl = await addFeed(repos, server.at("/ttl.xml"));
    const maxAge = await addFeed(repos, server.at("/max-age.xml"));
    await poller.pollDue();
    const gap = async (id: number) => {
      const row = await sourceRow(database.db, id);
      return (row.nextPollAt!.getTime() - row.lastPolledAt!.getTime()) / 60_000;
    };
    expect(await gap(ttl.id)).toBeCloseTo(120, 0);
    expect(await gap(maxAge.id)).toBeCloseTo(180, 0);
  });

  it("forgets validators the server stops sending", async () => {
    let withEtag = true;
    server.route("/forget.xml", (req, res, served) => feed(() => rss({ title: "f", items: [item(20)] }), { etag: withEtag })(req, res, served));
    const { repos, poller } = pollerFor(database.db);
    const source = await addFeed(repos, server.at("/forget.xml"));
    await poller.pollDue();
    expect((await sourceRow(database.db, source.id)).etag).not.toBeNull();
    withEtag = false;
    await makeDue(database.db, source.id);
    await poller.pollDue();
    expect((await sourceRow(database.db, source.id)).etag).toBeNull();
    await makeDue(database.db, source.id);
    await poller.pollDue();
    expect(server.requestsTo("/forget.xml")[2]?.headers["if-none-match"]).toBeUndefined();
  });
});

describe("redirects", () => {
  it("follows up to five and keeps the articles on the source's own URL", async () => {
    server.route("/final.xml", feed(() => rss({ title: "moved", items: [item(30)] })));
    server.route("/r1", redirect("/r2", 301));
    server.route("/r2", redirect("/r3", 302));
    server.route("/r3", redirect(server.at("/final.xml"), 308));
    const { repos, poller } = pollerFor(database.db);
    const source = await addFeed(repos, server.at("/r1"));
    expect(await poller.pollDue()).toEqual([expect.objectContaining({ result: "updated", added: 1 })]);
    expect(await titlesOf(database.db, source.id)).toEqual(["Новость 30"]);
    expect((await sourceRow(database.db, source.id)).url).toBe(server.at("/r1"));
  });

  it("stops a redirect loop and refuses to leave http(s)", async () => {
    server.route("/loop-a", redirect("/loop-b"));
    server.route("/loop-b", redirect("/loop-a"));
    server.route("/to-file", redirect("file:///etc/passwd"));
    const { repos, poller } = pollerFor(database.db);
    const loop = await addFeed(repos, server.at("/loop-a"));
    const file = await addFeed(repos, server.at("/to-file"));
    const outcomes = await poller.pollDue();
    expect(outcomes.find((o) => o.sourceId === loop.id)).toMatchObject({ result: "failed", error: "more than 5 redirects" });
    expect(outcomes.find((o) => o.sourceId === file.id)).toMatchObject({ result: "failed", error: expect.stringContaining("only http(s)") });
    expect(server.requestsTo("/loop-a").length + server.requestsTo("/loop-b").length).toBe(6);
  });
});

describe("failures and backoff", () => {
  it("backs off on consecutive failures, stores the status, honours Retry-After, and recovers", async () => {
    let healthy = false;
    server.route("/flaky.xml", (req, res, served) =>
      healthy ? feed(() => rss({ title: "flaky", items: [item(40)] }))(req, res, served) : status(500)(req, res, served),
    );
    const { repos, poller } = pollerFor(database.db, { settings: { defaultIntervalMs: 60_000 } });
    const source = await addFeed(repos, server.at("/flaky.xml"));
    const gaps: number[] = [];
    for (let i = 0; i < 3; i++) {
      await makeDue(database.db, source.id);
      const [outcome] = await poller.pollDue();
      expect(outcome).toMatchObject({ result: "failed", status: 500, error: "HTTP 500 Internal Server Error", failures: i + 1 });
      const row = await sourceRow(database.db, source.id);
      expect(row).toMatchObject({ failures: i + 1, lastStatus: 500, lastError: "HTTP 500 Internal Server Error", lockedUntil: null });
      gaps.push(Math.round((row.nextPollAt!.getTime() - row.lastPolledAt!.getTime()) / 60_000));
    }
    expect(gaps).toEqual([2, 4, 8]);

    server.route("/busy.xml", status(503, { "retry-after": "7200" }));
    const busy = await addFeed(repos, server.at("/busy.xml"));
    await poller.pollDue();
    const busyRow = await sourceRow(database.db, busy.id);
    expect(busyRow.nextPollAt!.getTime() - busyRow.lastPolledAt!.getTime()).toBeGreaterThanOrEqual(7_190_000);

    healthy = true;
    await makeDue(database.db, source.id);
    expect(await poller.pollDue()).toEqual([expect.objectContaining({ result: "updated", added: 1 })]);
    expect(await sourceRow(database.db, source.id)).toMatchObject({ failures: 0, lastError: null, lastStatus: 200 });
  });

  it("keeps a failed answer's validators out, so a broken feed is fetched in full next time", async () => {
    let body = rss({ title: "v", items: [item(50)] });
    server.route("/validators.xml", feed(() => body));
    const { repos, poller } = pollerFor(database.db);
    const source = await addFeed(repos, server.at("/validators.xml"));
    await poller.pollDue();
    const goodEtag = (await sourceRow(database.db, source.id)).etag;
    body = "<rss><channel><title>broken";
    await makeDue(database.db, source.id);
    expect(await poller.pollDue()).toEqual([expect.objectContaining({ result: "failed", error: expect.stringMatching(/^invalid XML/) })]);
    expect((await sourceRow(database.db, source.id)).etag).toBe(goodEtag);
  });
});
