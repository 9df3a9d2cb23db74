import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createNewsQueries } from "../../src/news/queries.js";
import { createTopicService, type TopicService } from "../../src/topics/service.js";
import { loadTopics } from "../../src/topics/topics-file.js";
import type { ApiCall } from "../helpers/bot-harness.js";
import { buttonData, callback, createBotHarness, message, seedArticles, sentText, type BotHarness } from "../helpers/bot-harness.js";
import { joinStory, seedStory } from "../helpers/story-seed.js";
import { parseTelegramHtml } from "../helpers/telegram-html.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

/**
 * Lists of stories: one event reported by five outlets is one line, with the other outlets named
 * briefly; articles without a story (old rows) are lines of their own; paging never repeats a story,
 * even one that grows between two pages.
 */

const MIN = 60_000;
const NOW = Date.parse("2025-06-10T12:00:00Z");
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * MIN);

const KOREA = "В Южной Корее введено военное положение";
const WON = "Курс южнокорейской воны упал до минимума";
const WEATHER = "В Москве ожидается гроза";
const NORTH = "Северная Корея провела запуск ракеты";
const FILLER = 8;
const filler = (i: number) => `Городская хроника, выпуск ${i}`;

let database: TestDatabase;
let repos: Repositories;
let topics: TopicService;
let harness: BotHarness;
let koreaStory: number;
let koreaIds: number[];

const sourceSlugs = new Map<string, string>();
const urlOf = new Map<number, string>();

async function report(source: string, title: string, minutesAgo: number, text = title): Promise<number> {
  const slug = sourceSlugs.get(source) ?? `outlet${sourceSlugs.size + 1}`;
  sourceSlugs.set(source, slug);
  const url = `https://${slug}.example/news/${urlOf.size + 1}?from=rss&x=1`;
  const [id] = await seedArticles(repos, { url: `https://${slug}.example/`, title: source }, [
    { title, url, publishedAt: at(minutesAgo), summary: text, body: text },
  ]);
  urlOf.set(id!, url);
  return id!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  topics = createTopicService({ topics: loadTopics({}), repos });
  harness = createBotHarness({ news: createNewsQueries(repos), topics });

  // Five outlets, each in its own words; ТАСС was first, Интерфакс is the newest.
  const korea: [string, number, string][] = [
    ["ТАСС", 50, "Президент Республики Корея объявил военное положение"],
    ["РИА Новости", 40, "В Корее ввели военное положение, сообщает агентство Yonhap"],
    ["BBC Russian", 30, "Южная Корея: президент Юн Сок Ёль ввёл военное положение"],
    ["Mash", 20, "⚡️ Военное положение в Корее"],
    ["Интерфакс", 10, "Военное положение в Республике Корея введено впервые с 1980 года"],
  ];
  koreaIds = [];
  for (const [source, age, title] of korea) koreaIds.push(await report(source, title, age, `${title}. Корея.`));
  koreaStory = await seedStory(database.db, koreaIds, KOREA);
  await repos.articleTopics.assign(koreaIds.map((articleId, i) => ({ articleId, publishedAt: at(korea[i]![1]), topics: ["security"] })));

  // A story of two reports far apart: it must not come back on a later page for its older report.
  const wonNew = await report("РИА Новости", "Вона упала к доллару", 15);
  const wonOld = await report("Лента", "Южнокорейская вона дешевеет", 300);
  await seedStory(database.db, [wonNew, wonOld], WON);

  // A story of one report, and articles that no story claims (stored before stories existed).
  await seedStory(database.db, [await report("Mash", WEATHER, 5)], "");
  await report("Лента", NORTH, 70, "Северная Корея провела запуск баллистической ракеты.");
  for (let i = 1; i <= FILLER; i += 1) await report("Лента", filler(i), 60 + i * 30);
});

afterAll(async () => database.close());

/** Headlines of a rendered list, in order. */
function headlines(html: string): string[] {
  return html
    .split("\n\n")
    .slice(1)
    .map((block) => /^(?:<a href="[^"]*">|<b>)([^<]*)<\/(?:a|b)>\n<i>/.exec(block)?.[1] ?? `unexpected: ${block}`);
}

function line(html: string, headline: string): string {
  return html.split("\n\n").find((block) => block.includes(`>${headline}<`)) ?? "";
}

describe("a story in /latest", () => {
  it("is one line with its headline, the newest report linked and the other outlets named (ru)", async () => {
    const text = sentText(await harness.handleUpdate(message("/latest 20", { languageCode: "ru" })));
    const shown = headlines(text);
    expect(shown.filter((h) => h === KOREA)).toHaveLength(1);
    expect(new Set(shown).size).toBe(shown.length);
    // Three stories and nine articles without a story, newest first.
    expect(shown.slice(0, 4)).toEqual([WEATHER, KOREA, WON, NORTH]);
    expect(shown).toHaveLength(3 + 1 + FILLER);
    const korea = line(text, KOREA);
    // The newest report (Интерфакс) is the link, escaped.
    expect(korea).toContain(`<a href="${urlOf.get(koreaIds[4]!)!.replace("&", "&amp;")}">${KOREA}</a>`);
    expect(korea).toMatch(/<i>Интерфакс · 10 июн[^,]*, 14:50 · \+4 источника: ТАСС, РИА Новости, BBC Russian…<\/i>$/);
    expect(line(text, WON)).toMatch(/ · \+1 источник: Лента<\/i>$/);
    // A story of one report and an article without a story read as before: source and time only.
    expect(line(text, WEATHER)).toMatch(/<i>Mash · 10 июн[^,]*, 14:55<\/i>$/);
    expect(line(text, NORTH)).toMatch(/<i>Лента · 10 июн[^,]*, 13:50<\/i>$/);
    expect(parseTelegramHtml(text).length).toBeLessThanOrEqual(4096);
  });

  it("names the other outlets in English for English readers", async () => {
    const text = sentText(await harness.handleUpdate(message("/latest 3", { languageCode: "en" })));
    expect(line(text, KOREA)).toMatch(/ · \+4 outlets: ТАСС, РИА Новости, BBC Russian…<\/i>$/);
    expect(line(text, WON)).toMatch(/ · \+1 outlet: Лента<\/i>$/);
  });
});

describe("a story in /search, /topic and inline mode", () => {
  it("is found once by /search, with its other outlets", async () => {
    const text = sentText(await harness.handleUpdate(message("/search Корея", { languageCode: "ru" })));
    expect(headlines(text)).toEqual([KOREA, NORTH]);
    expect(line(text, KOREA)).toMatch(/ · \+4 источника: ТАСС, РИА Новости, BBC Russian…<\/i>$/);
  });

  it("is listed once on its topic's page", async () => {
    const name = topics.bySlug("security")!.names.en;
    const text = sentText(await harness.handleUpdate(message(`/topic ${name}`, { languageCode: "en" })));
    expect(headlines(text)).toEqual([KOREA]);
    expect(line(text, KOREA)).toContain("outlets: ТАСС, РИА Новости, BBC Russian…");
  });

  it("is one inline result, naming its other outlets in the message and the description", async () => {
    const calls = await harness.handleUpdate({
      update_id: 90_001,
      inline_query: { id: "iq-story", from: { id: 42, is_bot: false, first_name: "Anna", language_code: "ru" }, query: "военное положение", offset: "" },
    });
    const answer = calls[0]?.payload as { results: { id: string; title: string; description?: string; input_message_content: { message_text: string } }[] };
    expect(answer.results.map((r) => r.title)).toEqual([KOREA]);
    const [result] = answer.results;
    expect(result?.description).toMatch(/источник(а|ов)?: ТАСС, РИА Новости, BBC Russian…/);
    expect(result?.input_message_content.message_text).toMatch(/<i>[^<]* · \+\d+ источник(а|ов)?: ТАСС, РИА Новости, BBC Russian…<\/i>$/);
  });

  it("keeps articles without a story as lines of their own", async () => {
    const page = await repos.storyLists.search("хроника", 20);
    expect(page.items.map((i) => i.storyId)).toEqual(Array(FILLER).fill(null));
    expect(page.items.every((i) => i.others.length === 0)).toBe(true);
  });
});

describe("paging through stories", () => {
  /** Presses "older" until the end; returns the headlines of every page, first page included. */
  async function pageThrough(first: ApiCall[], between?: (page: number) => Promise<void>): Promise<string[][]> {
    const pages = [headlines(sentText(first))];
    let data = buttonData(first[0])[0];
    for (let page = 1; data !== undefined && page < 30; page += 1) {
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      await between?.(page);
      const calls = await harness.handleUpdate(callback(data, { languageCode: "ru" }));
      const edit = calls.find((c) => c.method === "editMessageText");
      pages.push(headlines(typeof edit?.payload.text === "string" ? edit.payload.text : ""));
      data = buttonData(edit)[0];
    }
    return pages;
  }

  it("shows every story once, even one whose older report lies on a later page", async () => {
    const pages = await pageThrough(await harness.handleUpdate(message("/latest 2", { languageCode: "ru" })));
    const all = pages.flat();
    expect(all).toHaveLength(3 + 1 + FILLER);
    expect(new Set(all).size).toBe(all.length);
    expect(pages[1]).toEqual([WON, NORTH]);
  });

  it("does not show a story again when it grows while the reader pages", async () => {
    let grown = false;
    const pages = await pageThrough(await harness.handleUpdate(message("/latest 2", { languageCode: "ru" })), async (page) => {
      if (page !== 1) return;
      // After page 1 (which showed the Korea story) a new report arrives, and a late-filed old one.
      const fresh = await report("Лента", "Парламент Кореи потребовал отменить военное положение", 1);
      const late = await report("Коммерсантъ", "Военное положение в Корее: подробности", 100);
      await joinStory(database.db, koreaStory, [fresh, late]);
      grown = true;
    });
    expect(grown).toBe(true);
    expect(pages[0]).toEqual([WEATHER, KOREA]);
    const all = pages.flat();
    expect(all.filter((h) => h === KOREA)).toHaveLength(1);
    expect(new Set(all).size).toBe(all.length);
  });
});
