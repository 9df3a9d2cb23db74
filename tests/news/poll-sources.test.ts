import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories } from "../../src/db/repositories/index.js";
import { digestDeliveries, subscribers } from "../../src/db/schema.js";
import { createIngestor } from "../../src/news/ingest.js";
import { createSourceService, normalizeSourceUrl, SourceError, startOfDay, type SourceService } from "../../src/news/sources.js";
import { feed, hang, html, rss, startFeedServer, status, type FeedServer } from "../helpers/feed-server.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { NO_TOPICS, SETTINGS, titlesOf } from "./poll-helpers.js";

let database: TestDatabase;
let server: FeedServer;
let service: SourceService;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startFeedServer();
  const repos = createRepositories(database.db);
  service = createSourceService({ repos, ingestor: createIngestor({ repos, tagger: NO_TOPICS }), settings: SETTINGS });
});

afterAll(async () => {
  await server.close();
  await database.close();
});

const items = [
  { title: "Первая", link: "https://example.org/1" },
  { title: "Вторая", link: "https://example.org/2" },
];

async function refusal(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SourceError)) throw new Error(`expected a SourceError, got ${String(error)}`);
  return error;
}

describe("adding a source", () => {
  it("fetches the feed once, stores it with its validators and ingests its items", async () => {
    server.route("/news.xml", feed(() => rss({ title: "Новости дня", items }), { headers: { "cache-control": "max-age=60" } }));
    const { source, added, discoveredOn } = await service.add(server.at("/news.xml"), { intervalMs: 15 * 60_000 });
    expect(added).toBe(2);
    expect(discoveredOn).toBeUndefined();
    expect(source).toMatchObject({ url: server.at("/news.xml"), title: "Новости дня", kind: "feed", pollIntervalMs: 900_000, lastStatus: 200, failures: 0 });
    expect(source.etag).toMatch(/^"/);
    expect(source.nextPollAt!.getTime() - source.lastOkAt!.getTime()).toBe(900_000);
    expect(await titlesOf(database.db, source.id)).toEqual(["Первая", "Вторая"]);
  });

  it("follows an HTML page to the feed it announces and stores the feed's URL", async () => {
    server.route("/site/", html(`<html><head><link rel="alternate" type="application/rss+xml" href="/site/rss"></head><body>Главная</body></html>`));
    server.route("/site/rss", feed(() => rss({ title: "Сайт", items: [{ title: "С сайта", link: "https://example.org/site/1" }] })));
    const { source, added, discoveredOn } = await service.add(server.at("/site/"));
    expect(source.url).toBe(server.at("/site/rss"));
    expect(discoveredOn).toBe(server.at("/site/"));
    expect(added).toBe(1);
  });

  it.each([
    ["an HTML page without a feed", "/plain-page", html("<!doctype html><html><head><title>x</title></head><body>hello</body></html>"), "not-feed", /announces no feed/],
    ["a page whose feed link is broken", "/bad-link", html(`<html><head><link rel="alternate" type="application/rss+xml" href="/gone.xml"></head></html>`), "unreachable", /HTTP 404/],
    ["a 404", "/nothing.xml", status(404), "unreachable", /^HTTP 404 Not Found$/],
    ["invalid XML", "/garbage.xml", feed(() => "<rss><channel>"), "not-feed", /invalid XML/],
    ["a server that never answers", "/silent.xml", hang(), "unreachable", /no complete answer/],
  ] as const)("refuses %s and stores nothing", async (_name, path, handler, code, detail) => {
    server.route(path, handler);
    const before = (await service.list()).length;
    const error = await refusal(service.add(server.at(path)));
    expect(error.code).toBe(code);
    expect(error.detail).toMatch(detail);
    expect(await service.list()).toHaveLength(before);
  });

  it("refuses an unreachable host, a non-http URL and a feed it already has", async () => {
    expect((await refusal(service.add("http://127.0.0.1:1/rss"))).code).toBe("unreachable");
    expect((await refusal(service.add("ftp://example.org/rss"))).code).toBe("invalid-url");
    const duplicate = await refusal(service.add(server.at("/news.xml")));
    expect(duplicate.code).toBe("exists");
    expect(duplicate.existing?.title).toBe("Новости дня");
    // Found through its page, the known feed is refused too.
    expect((await refusal(service.add(server.at("/site/")))).code).toBe("exists");
  });

  it("reads what people type as URLs", () => {
    expect(normalizeSourceUrl("  lenta.ru/rss ")).toBe("https://lenta.ru/rss");
    expect(normalizeSourceUrl("HTTP://Example.ORG/feed#top")).toBe("http://example.org/feed");
    expect(() => normalizeSourceUrl("javascript:alert(1)")).toThrow(SourceError);
    expect(() => normalizeSourceUrl("hello")).toThrow(/not a valid URL/);
  });
});

describe("listing, removing, OPML", () => {
  it("lists feeds with their article counts and removes by id or URL, articles included", async () => {
    const list = await service.list();
    expect(list.map((s) => [s.title, s.articleCount])).toEqual([
      ["Новости дня", 2],
      ["Сайт", 1],
    ]);
    const news = list.find((s) => s.title === "Новости дня");
    const removed = await service.remove(String(news!.id));
    expect(removed).toMatchObject({ articles: 2, source: { title: "Новости дня" } });
    expect(await titlesOf(database.db, news!.id)).toEqual([]);
    expect(await service.remove(server.at("/site/rss"))).toMatchObject({ articles: 1 });
    expect(await service.remove("999999")).toBeUndefined();
    expect(await service.remove("not a url at all")).toBeUndefined();
    expect(await service.list()).toEqual([]);
  });

  it("imports an OPML list due at once, skips known feeds, and exports it back", async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body>
      <outline text="Один" xmlUrl="https://one.example.org/rss" htmlUrl="https://one.example.org/"/>
      <outline text="Папка"><outline text="Два" xmlUrl="https://two.example.org/atom" vestnik:every="30m"/></outline>
      <outline text="FTP" xmlUrl="ftp://three.example.org/rss"/>
    </body></opml>`;
    const first = await service.importOpml(opml);
    expect(first.added.map((s) => [s.title, s.nextPollAt, s.pollIntervalMs])).toEqual([
      ["Один", null, null],
      ["Два", null, 1_800_000],
    ]);
    expect(first.rejected).toEqual([{ url: "ftp://three.example.org/rss", reason: "not an http(s) URL" }]);
    const again = await service.importOpml(opml);
    expect(again.added).toEqual([]);
    expect(again.existing).toEqual(["https://one.example.org/rss", "https://two.example.org/atom"]);

    const exported = await service.exportOpml();
    expect(exported).toContain(`<outline type="rss" text="Один" title="Один" xmlUrl="https://one.example.org/rss" htmlUrl="https://one.example.org/"/>`);
    expect(exported).toContain(`xmlUrl="https://two.example.org/atom" vestnik:every="30m"`);
  });
});

describe("overview", () => {
  it("counts articles, sources, active subscribers and starts today at midnight in the given zone", async () => {
    const readers = await database.db
      .insert(subscribers)
      .values([
        { chatId: 1, timeZone: "Europe/Moscow", digestMinute: 480, subscribed: true },
        { chatId: 2, timeZone: "Europe/Moscow", digestMinute: 480, subscribed: true, blockedAt: new Date() },
        { chatId: 3, timeZone: "Europe/Moscow", digestMinute: 480, subscribed: false },
      ])
      .returning({ id: subscribers.id });
    const [a, b, c] = readers.map((r) => r.id) as [number, number, number];
    const today = startOfDay(new Date(), "Europe/Moscow");
    await database.db.insert(digestDeliveries).values([
      { subscriberId: a, localDate: "2025-06-10", status: "sent", finishedAt: new Date(today.getTime() + 60_000) },
      { subscriberId: b, localDate: "2025-06-10", status: "sent", finishedAt: new Date(today.getTime() - 60_000) },
      { subscriberId: c, localDate: "2025-06-10", status: "failed", finishedAt: new Date(today.getTime() + 60_000) },
    ]);
    const counts = await service.overview("Europe/Moscow");
    expect(counts).toMatchObject({ sources: 2, feeds: 2, failingFeeds: 0, articles: 0, subscribers: 1, digestsSent: 1 });
    expect(startOfDay(new Date("2025-06-10T22:30:00Z"), "Europe/Moscow").toISOString()).toBe("2025-06-10T21:00:00.000Z");
    expect(startOfDay(new Date("2025-06-10T20:30:00Z"), "Europe/Moscow").toISOString()).toBe("2025-06-09T21:00:00.000Z");
  });
});
