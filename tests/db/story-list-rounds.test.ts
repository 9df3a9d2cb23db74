import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import type { StoryPage } from "../../src/db/repositories/story-lists.js";
import { seedArticles } from "../helpers/bot-harness.js";
import { seedStory } from "../helpers/story-seed.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

/**
 * A page's first walk reads four reports per line wanted. A busy story whose newest reports fill
 * that walk must still be one line, and the lines after it must follow on the same page: the list
 * walks on in further rounds instead of stopping at the first.
 */

const NOW = Date.parse("2025-06-10T12:00:00Z");
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000);
const BUSY = "Наводнение в Оренбургской области: уровень воды растёт";
const BUSY_REPORTS = 30;

let database: TestDatabase;
let repos: Repositories;
let quiet: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  const busy = await seedArticles(
    repos,
    { url: "https://wire.example/", title: "Лента" },
    Array.from({ length: BUSY_REPORTS }, (_, i) => ({
      title: `Паводок, сводка ${i + 1}`,
      url: `https://wire.example/flood/${i + 1}`,
      publishedAt: at(i + 1),
    })),
  );
  await seedStory(database.db, busy, BUSY);
  quiet = ["Курс рубля на торгах", "Погода в Москве на выходные", "Матч ЦСКА перенесён", "Выставка в Эрмитаже"];
  const others = await seedArticles(
    repos,
    { url: "https://city.example/", title: "Городские новости" },
    quiet.map((title, i) => ({ title, url: `https://city.example/${i + 1}`, publishedAt: at(BUSY_REPORTS + 10 + i) })),
  );
  for (const [i, id] of others.entries()) await seedStory(database.db, [id], quiet[i]);
});

afterAll(async () => database.close());

async function pages(limit: number): Promise<string[][]> {
  const out: string[][] = [];
  let page: StoryPage = await repos.storyLists.latest(limit);
  out.push(page.items.map((item) => item.title));
  while (page.next && out.length < 10) {
    page = await repos.storyLists.latest(limit, page.next);
    out.push(page.items.map((item) => item.title));
  }
  return out;
}

describe("a story busier than the first walk", () => {
  it("is one line, and the page goes on past it", async () => {
    expect(await pages(2)).toEqual([[BUSY, quiet[0]], [quiet[1], quiet[2]], [quiet[3]]]);
  });

  it("is not shown again on the page after it, though most of its reports lie there", async () => {
    const first = await repos.storyLists.latest(1);
    expect(first.items.map((item) => item.title)).toEqual([BUSY]);
    const second = await repos.storyLists.latest(3, first.next);
    expect(second.items.map((item) => item.title)).toEqual(quiet.slice(0, 3));
  });

  it("names the other outlets and counts them for a story told by more than one", async () => {
    const [id] = await seedArticles(repos, { url: "https://agency.example/", title: "ТАСС" }, [
      { title: "Паводок: эвакуированы жители", url: "https://agency.example/flood", publishedAt: at(0) },
    ]);
    const [story] = (await repos.storyLists.latest(1)).items;
    expect(story?.id).toBe(id);
    // The new report is not in the busy story until joined; then the story lists Лента as the other outlet.
    const busyId = (await repos.storyLists.latest(2)).items[1]?.storyId;
    expect(busyId).toBeTypeOf("number");
    await database.db.execute(`update articles set story_id = ${busyId} where id = ${id}`);
    await database.db.execute(`update stories set source_count = 2 where id = ${busyId}`);
    const [joined] = (await repos.storyLists.latest(1)).items;
    expect(joined).toMatchObject({ id, title: BUSY, sourceTitle: "ТАСС", others: ["Лента"], otherCount: 1 });
  });
});
