import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { rowsOf } from "../../src/db/repositories/raw-rows.js";
import { createIngestor, type IngestStep } from "../../src/news/ingest.js";
import type { ParsedDocument } from "../../src/news/types.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

// The story window a process keeps between ingests (src/stories/window.ts): what another process
// wrote meanwhile, what a failed transaction must not leave behind, and old reports in a live feed.

let database: TestDatabase;
let repos: Repositories;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
});

afterAll(async () => database.close());

const NOW = Date.parse("2024-12-03T18:00:00Z");
const now = () => new Date(NOW);
const tagger = { rank: () => [] };

function doc(site: string, posts: { id: string; at: string; text: string }[]): ParsedDocument {
  return {
    kind: "json",
    title: site,
    siteUrl: `https://${site}.example/`,
    items: posts.map((p) => ({
      title: "",
      url: `https://${site}.example/${p.id}`,
      summary: "",
      body: p.text,
      publishedAt: new Date(p.at),
      categories: [],
    })),
  };
}

const origin = (site: string) => ({ key: `https://${site}.example/feed`, fallbackTitle: site, kind: "feed" as const });

async function storyOf(url: string): Promise<number | null> {
  const [row] = rowsOf<{ story_id: number | string | null }>(await database.db.execute(sql`select story_id from articles where url = ${url}`));
  return row?.story_id === null || row?.story_id === undefined ? null : Number(row.story_id);
}

async function storyRow(id: number | null) {
  const [row] = rowsOf<{ article_count: number; first_article_id: number | string }>(
    await database.db.execute(sql`select article_count, first_article_id from stories where id = ${id ?? -1}`),
  );
  return row ? { articleCount: Number(row.article_count), firstArticleId: Number(row.first_article_id) } : undefined;
}

const SHOOTING = "Стрельба в центре Москвы: неизвестный открыл огонь возле «Кофемании» на Большой Никитской, ранен один человек.";
const SHOOTING_AGAIN = "⚡️Стрельба в центре Москвы — неизвестный открыл огонь возле «Кофемании» на Большой Никитской. Ранен один человек.";
const KOREA = "Президент Южной Кореи объявил о введении военного положения, передает агентство Рёнхап.";

describe("the story window of a process", () => {
  it("sees a story another process created after the window was loaded", async () => {
    const first = createIngestor({ repos, tagger, now });
    const second = createIngestor({ repos, tagger, now });
    // The first process loads its window with the Korea story.
    await first.ingestDocument(doc("w1-flash", [{ id: "1", at: "2024-12-03T13:42:00Z", text: KOREA }]), origin("w1-flash"));
    // Another process stores the shooting.
    await second.ingestDocument(doc("w1-agency", [{ id: "2", at: "2024-12-03T14:05:00Z", text: SHOOTING }]), origin("w1-agency"));
    // The first process's next report of the shooting joins that story.
    await first.ingestDocument(doc("w1-flash", [{ id: "3", at: "2024-12-03T14:20:00Z", text: SHOOTING_AGAIN }]), origin("w1-flash"));

    const shooting = await storyOf("https://w1-agency.example/2");
    expect(shooting).not.toBeNull();
    expect(await storyOf("https://w1-flash.example/3")).toBe(shooting);
    expect((await storyRow(shooting))?.articleCount).toBe(2);
    expect(await storyOf("https://w1-flash.example/1")).not.toBe(shooting);
  });

  it("gives one story to one event reported to two processes at the same moment", async () => {
    const quake = "Землетрясение магнитудой 5,8 произошло у берегов Камчатки, сообщили в Единой геофизической службе РАН.";
    const quakeAgain = "⚡️Землетрясение магнитудой 5,8 произошло у берегов Камчатки — Единая геофизическая служба РАН.";
    // On Postgres the two transactions run at once: the second assigns once the first committed.
    await Promise.all([
      createIngestor({ repos, tagger, now }).ingestDocument(doc("w4-a", [{ id: "1", at: "2024-12-03T17:00:00Z", text: quake }]), origin("w4-a")),
      createIngestor({ repos, tagger, now }).ingestDocument(doc("w4-b", [{ id: "2", at: "2024-12-03T17:01:00Z", text: quakeAgain }]), origin("w4-b")),
    ]);
    const story = await storyOf("https://w4-a.example/1");
    expect(story).not.toBeNull();
    expect(await storyOf("https://w4-b.example/2")).toBe(story);
    expect((await storyRow(story))?.articleCount).toBe(2);
  });

  it("forgets what a failed transaction assigned: the next report starts a story that exists", async () => {
    let failures = 1;
    const failOnce: IngestStep = async () => {
      if (failures-- > 0) throw new Error("the database went away");
    };
    const ingestor = createIngestor({ repos, tagger, now, steps: [failOnce] });
    const fire = "Пожар на складе Wildberries в Хабаровске: горит пять тысяч квадратных метров, сотрудников эвакуировали.";
    const fireAgain = "❗️Пожар на складе Wildberries в Хабаровске: горит пять тысяч квадратных метров, сотрудников эвакуировали.";
    await expect(
      ingestor.ingestDocument(doc("w2-a", [{ id: "1", at: "2024-12-03T15:00:00Z", text: fire }]), origin("w2-a")),
    ).rejects.toThrow("the database went away");
    expect(await storyOf("https://w2-a.example/1")).toBeNull();

    await ingestor.ingestDocument(doc("w2-b", [{ id: "2", at: "2024-12-03T15:03:00Z", text: fireAgain }]), origin("w2-b"));
    const story = await storyOf("https://w2-b.example/2");
    const [article] = rowsOf<{ id: number | string }>(await database.db.execute(sql`select id from articles where url = 'https://w2-b.example/2'`));
    // Not the story the failed transaction had started in memory: that one was never stored.
    expect(await storyRow(story)).toEqual({ articleCount: 1, firstArticleId: Number(article!.id) });

    // The failed report, ingested again, joins the story that exists.
    await ingestor.ingestDocument(doc("w2-a", [{ id: "1", at: "2024-12-03T15:00:00Z", text: fire }]), origin("w2-a"));
    expect(await storyOf("https://w2-a.example/1")).toBe(story);
    expect((await storyRow(story))?.articleCount).toBe(2);
  });

  it("assigns an old report against its own time without reloading the live window", async () => {
    let loads = 0;
    const counting: Repositories = {
      ...repos,
      transaction: (work) =>
        repos.transaction((tx) =>
          work({ ...tx, stories: { ...tx.stories, coresSeeded: (from, to) => (loads++, tx.stories.coresSeeded(from, to)) } }),
        ),
    };
    const ingestor = createIngestor({ repos: counting, tagger, now });
    const flood = "Наводнение в Оренбурге: уровень воды в реке Урал превысил критическую отметку, эвакуированы жители трёх улиц.";
    const floodAgain = "⚡️Наводнение в Оренбурге: уровень воды в реке Урал превысил критическую отметку, эвакуированы жители трёх улиц.";
    // A month ago, stored earlier.
    await ingestor.ingestDocument(doc("w3-old", [{ id: "1", at: "2024-11-03T09:00:00Z", text: flood }]), origin("w3-old"));
    // Live news.
    await ingestor.ingestDocument(doc("w3-live", [{ id: "2", at: "2024-12-03T16:00:00Z", text: KOREA }]), origin("w3-live"));
    const afterLive = loads;
    // A feed brings an old report of the flood late: it joins the flood's story.
    await ingestor.ingestDocument(doc("w3-late", [{ id: "3", at: "2024-11-03T09:30:00Z", text: floodAgain }]), origin("w3-late"));
    expect(await storyOf("https://w3-late.example/3")).toBe(await storyOf("https://w3-old.example/1"));
    expect(loads).toBeGreaterThan(afterLive);
    const afterOld = loads;
    // Live news again: the live window was kept.
    await ingestor.ingestDocument(doc("w3-live", [{ id: "4", at: "2024-12-03T16:10:00Z", text: SHOOTING }]), origin("w3-live"));
    expect(loads).toBe(afterOld);
  });
});
