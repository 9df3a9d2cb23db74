import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createNewsQueries } from "../../src/news/queries.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let repos: Repositories;
let sourceId: number;

const base = Date.parse("2026-05-10T12:00:00Z");

function row(n: number, title: string, body = "", minutesAgo = n) {
  return {
    sourceId,
    url: `https://news.example/${n}`,
    title,
    summary: body.slice(0, 80),
    body,
    publishedAt: new Date(base - minutesAgo * 60_000),
    contentHash: `hash-${n}`,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  sourceId = await repos.sources.upsert({ url: "https://news.example", title: "News Example", kind: "file" });
  await repos.articles.insertMany([
    row(1, "Казахстан увеличил экспорт зерна", "Экспорт зерна из Казахстана вырос на треть."),
    row(2, "Казахстанская нефть пойдёт в обход", "Казахстанский экспорт нефти меняет маршрут."),
    row(3, "Цены на газ снизились", "Газ подешевел на бирже."),
    row(4, "Газета вышла тиражом в миллион", "Тираж газеты рекордный."),
    row(5, "Weather in Bishkek", "Snow is expected in the Kyrgyz capital."),
    // Same timestamp as row 5: paging must neither repeat nor skip it.
    row(6, "Курс сома стабилен", "Нацбанк Кыргызстана удержал курс.", 5),
    row(7, "Новости Бишкека", "Мэрия Бишкека отремонтирует дороги."),
    // Names whose cases Snowball stems apart: Кореи → кор (Корея → коре), Ирану → иран (Иран → ира),
    // Киева → киев (Киев → ки), Китая → кит (Китай → кита).
    row(8, "Парламент Южной Кореи собрался ночью", "Депутаты Кореи проголосовали."),
    row(9, "Посол заявил Ирану протест", "Переговоры с Ираном отложены."),
    row(10, "Мэр Киева предупредил о холодах", "В Киеве похолодает."),
    row(11, "Экспорт из Китая вырос", "Поставки из Китая растут."),
    row(12, "Путин и Трамп созвонились", "Разговор длился час."),
  ]);
});

afterAll(async () => database.close());

describe("article repository", () => {
  it("inserts a URL once and reports known URLs", async () => {
    const again = await repos.articles.insertMany([row(1, "Дубль", "")]);
    expect(again).toEqual([]);
    const known = await repos.articles.knownUrls(["https://news.example/1", "https://news.example/999"]);
    expect([...known]).toEqual(["https://news.example/1"]);
    expect(await repos.articles.count()).toBe(12);
  });

  it("lists newest first and pages without gaps or repeats across equal timestamps", async () => {
    const news = createNewsQueries(repos);
    const seen: number[] = [];
    let page = await news.latest(2);
    for (;;) {
      seen.push(...page.items.map((a) => a.id));
      if (!page.next) break;
      page = await news.latest(2, page.next);
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    const first = (await news.latest(1)).items[0];
    expect(first?.title).toBe("Казахстан увеличил экспорт зерна");
    expect(first?.sourceTitle).toBe("News Example");
  });

  it("finds every word form: «Казахстана» matches «Казахстан» and «казахстанский»", async () => {
    const news = createNewsQueries(repos);
    const titles = (await news.search("Казахстана", 10)).items.map((a) => a.title);
    expect(titles).toEqual(["Казахстан увеличил экспорт зерна", "Казахстанская нефть пойдёт в обход"]);
  });

  it("finds the cases of a name Snowball stems apart, and still keeps stop words out of the way", async () => {
    const news = createNewsQueries(repos);
    const ids = async (query: string) => (await news.search(query, 10)).items.map((a) => a.id).sort((a, b) => a - b);
    const [korea, iran, kyiv, china, call] = (await news.latest(20)).items
      .filter((a) => /Кореи|Ирану|Киева|Китая|Трамп/.test(a.title))
      .sort((a, b) => a.id - b.id)
      .map((a) => a.id);
    expect(await ids("Корея")).toEqual([korea]);
    expect(await ids("Иран")).toEqual([iran]);
    expect(await ids("Киев")).toEqual([kyiv]);
    expect(await ids("Китай")).toEqual([china]);
    expect(await ids("Путин и Трамп")).toEqual([call]);
    expect(await ids("парламент -Корея")).toEqual([]);
    expect(await ids("Корея or Иран")).toEqual([korea, iran]);
    expect(await ids('"Южной Кореи"')).toEqual([korea]);
    // A word typed in two scripts («Kорея» with a Latin K) is read in one, as alerts read it.
    expect(await ids("Kорея")).toEqual([korea]);
    expect(await ids("Киев OR Иран")).toEqual([iran, kyiv]);
  });

  it("keeps short stems exact: «газ» does not find «газета»", async () => {
    const news = createNewsQueries(repos);
    const titles = (await news.search("газ", 10)).items.map((a) => a.title);
    expect(titles).toEqual(["Цены на газ снизились"]);
  });

  it("searches English with the same configuration and supports phrases and exclusions", async () => {
    const news = createNewsQueries(repos);
    expect((await news.search("Kyrgyz capital", 10)).items.map((a) => a.id)).toHaveLength(1);
    const bishkek = (await news.search("Бишкек -мэрия", 10)).items.map((a) => a.title);
    expect(bishkek).toEqual([]);
    expect((await news.search('"экспорт зерна"', 10)).items).toHaveLength(1);
  });

  it("pages search results and survives hostile queries", async () => {
    const news = createNewsQueries(repos);
    const first = await news.search("казахстан", 1);
    expect(first.items).toHaveLength(1);
    expect(first.next).toBeDefined();
    const second = await news.search("казахстан", 1, first.next);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    for (const query of ["<b>&amp;</b>", "' or 1=1 --", "!!! ::: &&& |||", "\u0000\u0007тест", "a".repeat(4000), ""]) {
      await expect(news.search(query, 10)).resolves.toHaveProperty("items");
    }
  });

  it("remembers search phrases under stable ids, per chat", async () => {
    const news = createNewsQueries(repos);
    const id = await news.rememberQuery(7, "нефть  Казахстана");
    expect(await news.rememberQuery(7, "нефть Казахстана")).toBe(id);
    expect(await news.findQuery(id, 7)).toBe("нефть Казахстана");
    expect(await news.findQuery(987654, 7)).toBeUndefined();
    const long = await news.rememberQuery(7, "я".repeat(4000));
    expect((await news.findQuery(long, 7))?.length).toBe(256);
  });

  it("never gives one chat's stored phrase to another chat", async () => {
    const news = createNewsQueries(repos);
    const mine = await news.rememberQuery(7, "мой секретный запрос");
    expect(await news.findQuery(mine, 8)).toBeUndefined();
    const theirs = await news.rememberQuery(8, "мой секретный запрос");
    expect(theirs).not.toBe(mine);
    expect(await news.findQuery(theirs, 8)).toBe("мой секретный запрос");
  });

  it("prunes phrases nobody used for a month, and keeps the rest", async () => {
    const news = createNewsQueries(repos);
    const kept = await news.rememberQuery(9, "свежий запрос");
    const old = await news.rememberQuery(9, "старый запрос");
    await repos.searchQueries.prune(new Date(Date.now() + 1000));
    expect(await news.findQuery(old, 9)).toBeUndefined();
    expect(await news.findQuery(kept, 9)).toBeUndefined();
    const again = await news.rememberQuery(9, "свежий запрос");
    expect(await repos.searchQueries.prune(new Date(Date.now() - 60_000))).toBe(0);
    expect(await news.findQuery(again, 9)).toBe("свежий запрос");
  });
});
