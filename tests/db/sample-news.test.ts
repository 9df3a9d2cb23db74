import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/app/store.js";
import { ensureSampleNews, readSampleNews, SAMPLE_MAX_AGE_MS, sampleSourceKey } from "../../src/cli/sample-news.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { createNewsQueries } from "../../src/news/queries.js";
import { createTopicService } from "../../src/topics/service.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let store: Store;
const topics = [...BUILTIN_TOPICS];

beforeAll(async () => {
  database = await createTestDatabase();
  store = { database, repos: createRepositories(database.db), onClose: () => {}, close: async () => {} };
});

afterAll(async () => {
  await database?.close();
});

async function newest(): Promise<Date | undefined> {
  const page = await createNewsQueries(store.repos).latest(1);
  return page.items[0]?.publishedAt;
}

describe("sample news", () => {
  it("is written for the demo: a few dozen items in both languages, several on Central Asia", async () => {
    const news = await readSampleNews();
    const items = news.sources.flatMap((s) => s.items.map((item) => ({ ...item, lang: s.lang })));
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(new Set(items.map((i) => i.lang))).toEqual(new Set(["ru", "en"]));
    expect(new Set(items.map((i) => i.slug)).size).toBe(items.length);
    // Enough within the last day for a digest, and older ones for paging.
    expect(items.filter((i) => i.minutesAgo < 24 * 60).length).toBeGreaterThanOrEqual(20);
    expect(items.some((i) => i.minutesAgo > 24 * 60)).toBe(true);
  });

  it("loads into an empty store, dated back from now and tagged with topics", async () => {
    const now = new Date();
    const result = await ensureSampleNews(store, topics, { now });
    expect(result).toEqual({ outcome: "loaded", articles: 36 });
    expect(await store.repos.articles.count()).toBe(36);
    expect(now.getTime() - (await newest())!.getTime()).toBe(8 * 60_000);
    const page = await createTopicService({ topics, repos: store.repos }).latest("central-asia", 50);
    expect(page.items.length).toBeGreaterThanOrEqual(15);
  });

  it("is kept while fresh, and reloaded with new dates once older than the limit", async () => {
    expect(await ensureSampleNews(store, topics)).toEqual({ outcome: "kept", articles: 0 });
    const later = new Date(Date.now() + SAMPLE_MAX_AGE_MS + 60 * 60_000);
    expect(await ensureSampleNews(store, topics, { now: later })).toEqual({ outcome: "refreshed", articles: 36 });
    expect(await store.repos.articles.count()).toBe(36);
    expect(later.getTime() - (await newest())!.getTime()).toBe(8 * 60_000);
  });

  it("stays out of a store that holds other news, unless forced", async () => {
    const news = await readSampleNews();
    for (const source of news.sources) {
      const row = await store.repos.sources.findByUrl(sampleSourceKey(source));
      if (row) await store.repos.sources.remove(row.id);
    }
    const sourceId = await store.repos.sources.upsert({ url: "https://real.example", title: "Real", kind: "file" });
    await store.repos.articles.insertMany([
      { sourceId, url: "https://real.example/1", title: "Real news", publishedAt: new Date(), contentHash: "h1" },
    ]);
    expect(await ensureSampleNews(store, topics)).toEqual({ outcome: "skipped", articles: 0 });
    expect(await store.repos.articles.count()).toBe(1);
    expect(await ensureSampleNews(store, topics, { force: true })).toEqual({ outcome: "loaded", articles: 36 });
    expect(await store.repos.articles.count()).toBe(37);
  });
});
