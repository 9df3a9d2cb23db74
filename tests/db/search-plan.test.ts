import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseSearchPlan, createArticleRepository, matchQuery } from "../../src/db/repositories/articles.js";
import { rowsOf } from "../../src/db/repositories/raw-rows.js";
import { createSearchPlanCache } from "../../src/db/repositories/search-plan-cache.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createStoryListRepository } from "../../src/db/repositories/story-lists.js";
import { countingStatements } from "../helpers/statement-counter.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

// A store where one word is everywhere in recent news and another appears only in a few
// articles from eight to ten months ago: the two cases the search plan is chosen between.
let database: TestDatabase;
let repos: Repositories;

const now = Date.parse("2026-11-30T12:00:00Z");
const DAY = 86_400_000;
const RECENT = 150;
/** Days ago of the old articles that mention the rare word; two share a timestamp (ties go by id). */
const OLD_DAYS = [250, 262, 262, 275, 281, 290];

interface Expected {
  id: number;
  publishedAt: number;
}
let oldOnes: Expected[] = [];
let recentOnes: Expected[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  const sourceId = await repos.sources.upsert({ url: "https://plan.example", title: "Plan Example", kind: "file" });
  const article = (n: number, at: number, body: string) => ({
    sourceId,
    url: `https://plan.example/${n}`,
    title: `Сводка номер ${n}`,
    summary: body.slice(0, 80),
    body,
    publishedAt: new Date(at),
    contentHash: `plan-${n}`,
  });
  const rows = [
    ...Array.from({ length: RECENT }, (_, i) => article(i, now - i * 60_000, "Правительство обсудило бюджет на заседании.")),
    ...OLD_DAYS.map((days, i) => article(1000 + i, now - days * DAY, "Мэрия Ванадзора отремонтирует мост через реку.")),
  ];
  const inserted = await repos.articles.insertMany(rows);
  const at = new Map(rows.map((r) => [r.url, r.publishedAt.getTime()]));
  const expected = inserted.map((r) => ({ id: r.id, publishedAt: at.get(r.url)! }));
  const newestFirst = (a: Expected, b: Expected) => b.publishedAt - a.publishedAt || b.id - a.id;
  oldOnes = expected.filter((e) => e.publishedAt < now - 200 * DAY).sort(newestFirst);
  recentOnes = expected.filter((e) => e.publishedAt >= now - 200 * DAY).sort(newestFirst);
  // The plan is chosen from the planner's statistics.
  await database.db.execute(sql`analyze articles`);
});

afterAll(async () => database.close());

describe("search plan by word frequency", () => {
  it("sorts the matches of a rare word and walks the date index for a frequent one", async () => {
    const plan = (query: string, fewMatches?: number) =>
      database.db.transaction((tx) => chooseSearchPlan(tx as unknown as typeof database.db, matchQuery(query), fewMatches));
    expect(await plan("Ванадзор")).toBe("sort");
    // The estimate is read from the plan: a threshold between the two words' counts separates them.
    expect(await plan("Ванадзор", 50)).toBe("sort");
    expect(await plan("бюджет", 50)).toBe("walk");
    expect(await plan("бюджет", 1_000_000)).toBe("sort");
  });

  it("remembers a query's plan for ten minutes, then measures it again", async () => {
    let clock = 0;
    let explains = 0;
    const cache = createSearchPlanCache(() => clock);
    const choose = (query: string, fewMatches = 50) =>
      database.db.transaction((tx) => {
        // Counts the statements the choice runs (its EXPLAIN), passing them through.
        return cache.choose(countingStatements(tx, () => explains++), query, fewMatches);
      });
    expect(await choose("бюджет")).toBe("walk");
    expect(explains).toBe(1);
    // The same words, however typed: from memory.
    expect(await choose("  Бюджет ")).toBe("walk");
    expect(explains).toBe(1);
    // Other words, or another threshold: measured.
    expect(await choose("Ванадзор")).toBe("sort");
    expect(await choose("бюджет", 1_000_000)).toBe("sort");
    expect(explains).toBe(3);
    clock += 10 * 60_000 + 1;
    expect(await choose("бюджет")).toBe("walk");
    expect(explains).toBe(4);
  });

  // fewMatches 0 forces the walk, the default takes the sort here: both must give the same rows.
  for (const [name, fewMatches] of [["sort", undefined], ["walk", 0]] as const) {
    it(`finds a word known only from old news, newest first, through every page (${name})`, async () => {
      const articles = createArticleRepository(database.db, { fewMatches });
      expect((await articles.search("Ванадзор", 10)).map((a) => a.id)).toEqual(oldOnes.map((e) => e.id));
      const paged: number[] = [];
      let page = await articles.search("Ванадзор", 2);
      while (page.length > 0) {
        paged.push(...page.map((a) => a.id));
        const last = page.at(-1)!;
        page = await articles.search("Ванадзор", 2, { publishedAt: last.publishedAt, id: last.id });
      }
      expect(paged).toEqual(oldOnes.map((e) => e.id));

      const lists = createStoryListRepository(database.db, { fewMatches });
      const first = await lists.search("Ванадзор", 4);
      expect(first.items.map((i) => i.id)).toEqual(oldOnes.slice(0, 4).map((e) => e.id));
      expect(first.items[0]?.sourceTitle).toBe("Plan Example");
      expect(first.next).toBeDefined();
      const second = await lists.search("Ванадзор", 4, first.next);
      expect(second.items.map((i) => i.id)).toEqual(oldOnes.slice(4).map((e) => e.id));
      expect(second.next).toBeUndefined();

      expect((await articles.search("бюджет", 10)).map((a) => a.id)).toEqual(recentOnes.slice(0, 10).map((e) => e.id));
      expect((await lists.search("бюджет", 10)).items.map((i) => i.id)).toEqual(recentOnes.slice(0, 10).map((e) => e.id));
    });
  }
});

describe("a word of the past in a walked search", () => {
  it("is found beyond the walk's cap by sorting its matches, and sorted from then on", async () => {
    let statements = 0;
    const counted = countingStatements(database.db, () => statements++);
    // fewMatches 0: every word is walked; the cap lets the walk read only the 20 newest articles.
    const lists = createStoryListRepository(counted, { fewMatches: 0, walkCap: 20 });
    const first = await lists.search("Ванадзор", 4);
    expect(first.items.map((i) => i.id)).toEqual(oldOnes.slice(0, 4).map((e) => e.id));
    // The plan's EXPLAIN, the capped walk that found nothing, the sorted page.
    expect(statements).toBe(3);
    const second = await lists.search("Ванадзор", 4, first.next);
    expect(second.items.map((i) => i.id)).toEqual(oldOnes.slice(4).map((e) => e.id));
    expect(second.next).toBeUndefined();
    expect(statements).toBe(4);
    // A frequent word of today is still walked: its page is found within the cap.
    const recent = await lists.search("бюджет", 10);
    expect(recent.items.map((i) => i.id)).toEqual(recentOnes.slice(0, 10).map((e) => e.id));
    expect(statements).toBe(6);
  });
});

describe("the search index", () => {
  it("keeps its pending list small: every search reads all of it", async () => {
    const result = await database.db.execute(sql`select reloptions from pg_class where relname = 'articles_tsv_idx'`);
    expect(rowsOf<{ reloptions: string[] | null }>(result)[0]?.reloptions).toContain("gin_pending_list_limit=512");
  });
});
