import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createAlertMatcher } from "../../src/alerts/matcher.js";
import { createIngestor, type ArticleAlerts, type ArticleTagger } from "../../src/news/ingest.js";
import { seedSubscribers } from "../digest/seed.js";
import type { ParsedDocument } from "../../src/news/types.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let repos: Repositories;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
});

afterAll(async () => {
  await database.close();
});

/** Tags every article about gas with `energy`, everything else with `world`. */
const tagger: ArticleTagger = { rank: ({ title }) => (/газ/i.test(title) ? ["energy"] : ["world"]) };

function feed(prefix: string, count: number): ParsedDocument {
  return {
    kind: "rss",
    title: "Atomic feed",
    siteUrl: "https://atomic.example/",
    lang: "ru",
    items: Array.from({ length: count }, (_, i) => ({
      title: i % 2 === 0 ? `Цены на газ, выпуск ${i}` : `Новости мира ${i}`,
      url: `https://atomic.example/${prefix}/${i}`,
      summary: "Текст",
      body: "Текст новости",
      publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      categories: [],
    })),
  };
}
const origin = { key: "https://atomic.example/rss", fallbackTitle: "Atomic", url: "https://atomic.example/rss", kind: "feed" as const };

async function rowsUnder(prefix: string) {
  const result = await database.db.execute(sql`
    select a.url, count(t.topic)::int as topics from articles a left join article_topics t on t.article_id = a.id
    where a.url like ${`https://atomic.example/${prefix}/%`} group by a.url`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { url: string; topics: number }[];
  return rows.map((r) => ({ url: r.url, topics: Number(r.topics) }));
}

describe("ingest is one transaction per document", () => {
  it("stores articles with their topics together", async () => {
    const counts = await createIngestor({ repos, tagger }).ingestDocument(feed("ok", 6), origin);
    expect(counts.added).toBe(6);
    const rows = await rowsUnder("ok");
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.topics === 1)).toBe(true);
  });

  it("leaves nothing behind when a step after the insert fails (no untagged articles)", async () => {
    const failing = createIngestor({
      repos,
      tagger,
      steps: [
        async (tx, added) => {
          // The articles and their topics are visible inside the transaction…
          expect(added).toHaveLength(5);
          expect((await tx.articleTopics.topicsOf(added.map((a) => a.id))).size).toBe(5);
          throw new Error("injected failure after tagging");
        },
      ],
    });
    await expect(failing.ingestDocument(feed("fail", 5), origin)).rejects.toThrow("injected failure");
    // …and gone with it.
    expect(await rowsUnder("fail")).toEqual([]);
    // A later run of the same document stores everything, tagged.
    expect((await createIngestor({ repos, tagger }).ingestDocument(feed("fail", 5), origin)).added).toBe(5);
    expect((await rowsUnder("fail")).every((r) => r.topics === 1)).toBe(true);
  });

  it("fails whole when tagging cannot be stored, and the tagger is asked again next time", async () => {
    const broken: ArticleTagger = { rank: () => ["x".repeat(10)] };
    const ingestor = createIngestor({
      repos: {
        ...repos,
        transaction: (work) =>
          repos.transaction((tx) =>
            work({ ...tx, articleTopics: { ...tx.articleTopics, assign: async () => Promise.reject(new Error("database gone")) } }),
          ),
      },
      tagger: broken,
    });
    await expect(ingestor.ingestDocument(feed("db", 3), origin)).rejects.toThrow("database gone");
    expect(await rowsUnder("db")).toEqual([]);
  });

  it("tags again known articles an older ingest left without topics", async () => {
    await createIngestor({ repos, tagger: { rank: () => [] } }).ingestDocument(feed("old", 4), origin);
    expect((await rowsUnder("old")).map((r) => r.topics)).toEqual([0, 0, 0, 0]);
    const again = await createIngestor({ repos, tagger }).ingestDocument(feed("old", 4), origin);
    expect(again).toMatchObject({ added: 0, known: 4 });
    expect((await rowsUnder("old")).every((r) => r.topics === 1)).toBe(true);
  });

  it("files an article's alerts in its transaction: both land, or neither", async () => {
    const [reader] = await seedSubscribers(database.db, [{ chatId: 77_001, timeZone: "Europe/Moscow", language: "ru", subscribed: false }]);
    await repos.alerts.updateSettings(reader!.id, { quiet: null });
    await repos.alerts.addWatch(reader!.id, "газ", null, 20);
    const matcher = createAlertMatcher({ repo: repos.alerts, revisionCheckMs: 0 });
    let woken = 0;
    const alerts: ArticleAlerts = {
      prepare: () => matcher.prepare(),
      file: (tx, articles) => matcher.articlesStored(articles, tx.alerts),
      filed: () => void woken++,
    };
    // Two different events about gas (two stories, so two alerts) and two other articles.
    const doc = feed("alerts", 4);
    doc.items[0]!.title = "Поставки газа в Казахстан выросли вдвое за год";
    doc.items[2]!.title = "Цены на газ в Европе упали до минимума";
    const killedAfterMatching = createIngestor({
      repos, tagger, alerts,
      steps: [async () => Promise.reject(new Error("killed after matching"))],
    });
    await expect(killedAfterMatching.ingestDocument(doc, origin)).rejects.toThrow("killed after matching");
    expect(await repos.alerts.ledger(reader!.id)).toEqual([]);
    expect(woken).toBe(0);

    // The next poll stores the articles and their alerts together: nothing is lost.
    expect((await createIngestor({ repos, tagger, alerts }).ingestDocument(doc, origin)).added).toBe(4);
    const ledger = await repos.alerts.ledger(reader!.id);
    expect(ledger.map((row) => row.status)).toEqual(["pending", "pending"]);
    expect(woken).toBe(1);
  });

  it("stores each article once, with its story, when two processes ingest the same document at once", async () => {
    // On Postgres the second insert waits for the first transaction and then skips its rows:
    // that document is undone and runs again, finding them known.
    const [a, b] = await Promise.all([
      createIngestor({ repos, tagger }).ingestDocument(feed("race", 8), origin),
      createIngestor({ repos, tagger }).ingestDocument(feed("race", 8), origin),
    ]);
    expect(a.added + b.added).toBe(8);
    expect(a.known + b.known).toBe(8);
    const result = await database.db.execute(sql`
      select count(*)::int as n, count(a.story_id)::int as with_story,
        count(*) filter (where s.article_count = 0)::int as empty_stories
      from articles a left join stories s on s.id = a.story_id
      where a.url like 'https://atomic.example/race/%'`);
    const [row] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number; with_story: number; empty_stories: number }[];
    expect(row).toEqual({ n: 8, with_story: 8, empty_stories: 0 });
    expect((await rowsUnder("race")).every((r) => r.topics === 1)).toBe(true);
  });
  it("defers stories and alerts of a multi-document run to the backlog, then settles them in time order", async () => {
    const [reader] = await seedSubscribers(database.db, [{ chatId: 77_002, timeZone: "Europe/Moscow", language: "ru", subscribed: false }]);
    await repos.alerts.updateSettings(reader!.id, { quiet: null });
    await repos.alerts.addWatch(reader!.id, "нефть", null, 20);
    const matcher = createAlertMatcher({ repo: repos.alerts, revisionCheckMs: 0 });
    let woken = 0;
    const alerts: ArticleAlerts = {
      prepare: () => matcher.prepare(),
      file: (tx, articles) => matcher.articlesStored(articles, tx.alerts),
      filed: (count) => void (woken += count),
    };
    const report = (site: string, minute: number, title: string) => ({
      title, url: `https://${site}.example/deferred/${minute}`, summary: "", body: `${title}. Подробности позже.`,
      publishedAt: new Date(Date.UTC(2026, 0, 2, 10, minute)), categories: [],
    });
    // The later channel's file comes first, as a directory listing may give it.
    const late: ParsedDocument = { kind: "rss", title: "Late", siteUrl: "https://late.example/", items: [
      report("late", 30, "Цены на нефть марки Brent превысили 90 долларов за баррель впервые с апреля"),
    ] };
    const early: ParsedDocument = { kind: "rss", title: "Early", siteUrl: "https://early.example/", items: [
      report("early", 5, "Нефть марки Brent подорожала выше 90 долларов за баррель впервые с апреля"),
    ] };
    const ingestor = createIngestor({ repos, tagger, alerts });
    const lateOrigin = { key: "https://late.example/rss", fallbackTitle: "Late", kind: "feed" as const };
    const earlyOrigin = { key: "https://early.example/rss", fallbackTitle: "Early", kind: "feed" as const };
    expect((await ingestor.ingestDocument(late, lateOrigin, undefined, { deferStories: true })).added).toBe(1);
    expect((await ingestor.ingestDocument(early, earlyOrigin, undefined, { deferStories: true })).added).toBe(1);

    // Stored and tagged, waiting for a story; no alert yet (alerts are keyed by story).
    const waiting = await database.db.execute(sql`
      select a.url, a.story_id from articles a join story_backlog b on b.article_id = a.id where a.url like '%/deferred/%' order by a.url`);
    const waitingRows = (Array.isArray(waiting) ? waiting : (waiting as { rows: unknown[] }).rows) as { url: string; story_id: unknown }[];
    expect(waitingRows.map((r) => r.story_id)).toEqual([null, null]);
    expect(await repos.alerts.ledger(reader!.id)).toEqual([]);

    // A second ingestor (the next `vestnik ingest` or `run`) settles what the first one left.
    expect(await createIngestor({ repos, tagger, alerts }).settleStories()).toBe(2);
    expect(await repos.storyBacklog.size()).toBe(0);
    const settled = await database.db.execute(sql`
      select a.url, a.story_id, s.first_article_id = a.id as first from articles a join stories s on s.id = a.story_id
      where a.url like '%/deferred/%' order by a.published_at`);
    const rows = (Array.isArray(settled) ? settled : (settled as { rows: unknown[] }).rows) as { url: string; story_id: unknown; first: boolean }[];
    // One story, started by the earlier report although its file came second.
    expect(new Set(rows.map((r) => String(r.story_id))).size).toBe(1);
    expect(rows.map((r) => r.first)).toEqual([true, false]);
    // One alert for the one story, filed when the story was known.
    expect((await repos.alerts.ledger(reader!.id)).map((row) => row.status)).toEqual(["pending"]);
    expect(woken).toBe(1);
    expect(await ingestor.settleStories()).toBe(0);
  });
});
