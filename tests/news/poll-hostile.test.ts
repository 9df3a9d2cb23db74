import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PollOutcome } from "../../src/news/poll.js";
import {
  encode,
  ENTITY_BOMB,
  EXTERNAL_ENTITY,
  feed,
  gzipBomb,
  hang,
  html,
  huge,
  rss,
  startFeedServer,
  status,
  type FeedServer,
} from "../helpers/feed-server.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { addFeed, pollerFor, SETTINGS, sourceRow, titlesOf, waitUntil } from "./poll-helpers.js";

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

const MB = 1024 * 1024;

describe("hostile feeds end as stored errors on their own source", () => {
  const cases: { path: string; handler: Parameters<FeedServer["route"]>[1]; error: RegExp; status?: number }[] = [
    { path: "/bomb.xml", handler: feed(() => ENTITY_BOMB), error: /^XML declares entities/ },
    { path: "/xxe.xml", handler: feed(() => EXTERNAL_ENTITY), error: /^XML declares entities/ },
    { path: "/huge.xml", handler: huge(200 * MB), error: /^body larger than the 262144-byte limit$/ },
    { path: "/huge-declared.xml", handler: huge(200 * MB, { declareLength: true }), error: /Content-Length 209715200/ },
    { path: "/gzip-bomb.xml", handler: gzipBomb(200 * MB), error: /^body larger than the 262144-byte limit$/ },
    { path: "/hang.xml", handler: hang(), error: /^no complete answer within 2 s$/ },
    { path: "/page.html", handler: html("<!DOCTYPE html><html><head><title>Home</title></head><body>news</body></html>"), error: /looks like an HTML page/ },
    { path: "/missing.xml", handler: status(404), error: /^HTTP 404 Not Found$/, status: 404 },
    { path: "/broken.xml", handler: status(500), error: /^HTTP 500 Internal Server Error$/, status: 500 },
    { path: "/invalid.xml", handler: feed(() => "<rss><channel><title>unclosed</channel></rss>"), error: /^invalid XML/ },
    { path: "/not-xml.txt", handler: feed(() => "just some words, no markup at all", { contentType: "text/plain" }), error: /not a feed|not an article/ },
    { path: "/empty.xml", handler: feed(() => ""), error: /^empty document$/ },
  ];

  let outcomes: PollOutcome[];
  const ids = new Map<string, number>();

  beforeAll(async () => {
    for (const c of cases) server.route(c.path, c.handler);
    server.route("/healthy.xml", feed(() => rss({ title: "Здоровая лента", items: [{ title: "Живая новость", link: "https://example.org/alive" }] })));
    const { repos, poller } = pollerFor(database.db, { settings: { timeoutMs: 2_000, concurrency: 16 } });
    for (const c of cases) ids.set(c.path, (await addFeed(repos, server.at(c.path))).id);
    ids.set("/healthy.xml", (await addFeed(repos, server.at("/healthy.xml"))).id);
    outcomes = await poller.pollDue();
  }, 30_000);

  it.each(cases.map((c) => [c.path, c] as const))("%s", async (path, c) => {
    const id = ids.get(path)!;
    expect(outcomes.find((o) => o.sourceId === id)).toMatchObject({ result: "failed", error: expect.stringMatching(c.error) });
    const row = await sourceRow(database.db, id);
    expect(row.lastError).toMatch(c.error);
    expect(row).toMatchObject({ failures: 1, lastStatus: c.status ?? null, lockedUntil: null, lastOkAt: null });
    expect(row.nextPollAt!.getTime()).toBeGreaterThan(row.lastPolledAt!.getTime());
    expect(await titlesOf(database.db, id)).toEqual([]);
  });

  it("still ingests the healthy source polled alongside them", async () => {
    expect(outcomes.find((o) => o.sourceId === ids.get("/healthy.xml"))).toMatchObject({ result: "updated", added: 1 });
    expect(await titlesOf(database.db, ids.get("/healthy.xml")!)).toEqual(["Живая новость"]);
  });

  it("stops reading a 200 MB body at the cap, while streaming", async () => {
    // The server generates the body on demand: what it managed to write is what the client let in,
    // plus socket buffers. Far from 200 MB means the download was cut, not read and then refused.
    expect(server.bytesSent("/huge.xml")).toBeGreaterThan(SETTINGS.maxBytes);
    expect(server.bytesSent("/huge.xml")).toBeLessThan(32 * MB);
    expect(server.bytesSent("/huge-declared.xml")).toBeLessThan(32 * MB);
    await waitUntil(() => server.openRequests("/huge.xml") === 0, 5_000, "the huge download to be closed");
  });

  it("gives up on a server that never answers and closes the connection", async () => {
    expect(server.requestsTo("/hang.xml")).toHaveLength(1);
    // The client's close reaches the server a moment after the fetch gave up.
    await waitUntil(() => server.openRequests("/hang.xml") === 0, 5_000, "the hanging request to be closed");
  });
});

describe("encodings", () => {
  const title = "Курс рубля: ЦБ повысил ставку, ёлки";
  const doc = (encoding?: string) =>
    rss({ title: "Кодировки", encoding, items: [{ title, link: `https://example.org/enc/${encoding ?? "none"}/${Math.random()}` }] });

  const cases = [
    { name: "windows-1251 declared in the XML", body: () => encode(doc("windows-1251"), "windows-1251"), contentType: "application/rss+xml" },
    { name: "koi8-r declared in the XML", body: () => encode(doc("koi8-r"), "koi8-r"), contentType: "text/xml" },
    { name: "windows-1251 named only in Content-Type", body: () => encode(doc().replace(' encoding="UTF-8"', ""), "windows-1251"), contentType: "application/rss+xml; charset=windows-1251" },
    { name: "koi8-r named only in Content-Type", body: () => encode(doc().replace(' encoding="UTF-8"', ""), "koi8-r"), contentType: "text/xml; charset=KOI8-R" },
    { name: "Content-Type wrongly says utf-8, the XML says windows-1251", body: () => encode(doc("windows-1251"), "windows-1251"), contentType: "application/xml; charset=utf-8" },
    { name: "no charset anywhere, windows-1251 bytes", body: () => encode(doc().replace(' encoding="UTF-8"', ""), "windows-1251"), contentType: "application/xml" },
    { name: "UTF-8 without any declaration", body: () => Buffer.from(doc().replace(' encoding="UTF-8"', ""), "utf8"), contentType: "application/xml" },
  ];

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (name, c) => {
    const path = `/enc-${cases.indexOf(c)}.xml`;
    server.route(path, feed(c.body, { contentType: c.contentType }));
    const { repos, poller } = pollerFor(database.db);
    const source = await addFeed(repos, server.at(path));
    const [outcome] = await poller.pollDue();
    expect(outcome, name).toMatchObject({ result: "updated", added: 1 });
    expect(await titlesOf(database.db, source.id)).toEqual([title]);
    expect((await sourceRow(database.db, source.id)).title).toBe("Кодировки");
  });
});
