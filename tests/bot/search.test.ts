import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCallback, encodeCallback } from "../../src/bot/callback-data.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { createNewsQueries, MAX_QUERY_LENGTH } from "../../src/news/queries.js";
import { buttonData, callback, createBotHarness, message, seedArticles, sentText, type BotHarness } from "../helpers/bot-harness.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

const HOUR = 3_600_000;
const NEWEST = Date.parse("2025-06-10T12:00:00Z");
const OIL_ARTICLES = 25;

let database: TestDatabase;
let harness: BotHarness;

function titles(html: string): string[] {
  return html
    .split("\n\n")
    .slice(1)
    .map((block) => /^(?:<a href="[^"]*">|<b>)([^<]*)<\/(?:a|b)>\n<i>/.exec(block)?.[1] ?? `unexpected: ${block}`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const repos = createRepositories(database.db);
  harness = createBotHarness({ news: createNewsQueries(repos) });
  await seedArticles(repos, { url: "https://kz.example/", title: "KZ News" }, [
    { title: "Казахстан увеличил экспорт зерна", url: "https://kz.example/1", publishedAt: new Date(NEWEST), body: "Урожай вырос." },
    { title: "Казахстанский футбол: итоги сезона", url: "https://kz.example/2", publishedAt: new Date(NEWEST - HOUR), body: "Сезон завершён." },
    { title: "«KMG & Partners» <обновлено>", url: "https://kz.example/3", publishedAt: new Date(NEWEST - 2 * HOUR), body: "Компания из Казахстана." },
    { title: "Погода в Москве", url: "https://kz.example/4", publishedAt: new Date(NEWEST - 3 * HOUR), body: "Дожди и ветер." },
  ]);
  await seedArticles(
    repos,
    { url: "https://oil.example/", title: "Oil Daily" },
    Array.from({ length: OIL_ARTICLES }, (_, i) => ({
      title: `Цены на нефть, выпуск ${i}`,
      url: `https://oil.example/${i}`,
      publishedAt: new Date(NEWEST - (10 + i) * HOUR),
      body: "Нефть дорожает.",
    })),
  );
});

afterAll(async () => {
  await database.close();
});

describe("/search", () => {
  it("finds Казахстан, казахстанский and Казахстана when asked for «Казахстана»", async () => {
    const calls = await harness.handleUpdate(message("/search Казахстана", { languageCode: "ru" }));
    const text = sentText(calls);
    expect(text.startsWith("<b>Найдено по запросу «Казахстана»</b>\n\n")).toBe(true);
    expect(titles(text)).toEqual([
      "Казахстан увеличил экспорт зерна",
      "Казахстанский футбол: итоги сезона",
      "«KMG &amp; Partners» &lt;обновлено&gt;",
    ]);
    expect(calls[0]?.payload).toMatchObject({ parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    expect(buttonData(calls[0])).toEqual([]);
  });

  it("finds «казахстанский» too", async () => {
    const text = sentText(await harness.handleUpdate(message("/search казахстанский")));
    expect(titles(text)).toContain("Казахстанский футбол: итоги сезона");
  });

  it("pages through results ten at a time with a remembered query", async () => {
    const first = await harness.handleUpdate(message("/search нефть"));
    const seen = titles(sentText(first));
    expect(seen).toHaveLength(10);
    let data = buttonData(first[0]);
    const action = decodeCallback(data[0] ?? "");
    expect(action?.kind).toBe("search");
    const sizes = [seen.length];
    while (data.length > 0) {
      const calls = await harness.handleUpdate(callback(data[0] as string, { messageId: 7 }));
      expect(calls.map((c) => c.method)).toEqual(["editMessageText", "answerCallbackQuery"]);
      const text = calls[0]?.payload.text as string;
      expect(text.startsWith("<b>Earlier results for “нефть”</b>")).toBe(true);
      sizes.push(titles(text).length);
      seen.push(...titles(text));
      data = buttonData(calls[0]);
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual(Array.from({ length: OIL_ARTICLES }, (_, i) => `Цены на нефть, выпуск ${i}`));
  });

  it("a paging button forged in another chat shows nothing of this chat's search", async () => {
    const first = await harness.handleUpdate(message("/search нефть", { userId: 77_001 }));
    const data = buttonData(first[0])[0] ?? "";
    expect(decodeCallback(data)?.kind).toBe("search");
    const forged = await harness.handleUpdate(callback(data, { userId: 77_002, messageId: 7 }));
    expect(forged.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(JSON.stringify(forged)).not.toContain("нефть");
    const own = await harness.handleUpdate(callback(data, { userId: 77_001, messageId: 7 }));
    expect(own[0]?.method).toBe("editMessageText");
    expect(own[0]?.payload.text as string).toContain("нефть");
  });

  it("does not store a query that needs no paging", async () => {
    const news = createNewsQueries(createRepositories(database.db));
    let remembered = 0;
    const local = createBotHarness({ news: { ...news, rememberQuery: (chatId: number, q: string) => ((remembered += 1), news.rememberQuery(chatId, q)) } });
    await local.handleUpdate(message("/search Москва"));
    expect(remembered).toBe(0);
  });

  it.each(["/search", "/search    ", "/search \u0000\u0007\u200b"])("explains the usage for %j", async (text) => {
    const calls = await harness.handleUpdate(message(text, { languageCode: "ru" }));
    expect(sentText(calls)).toBe("Напишите, что искать, например: <code>/search цены на нефть</code>");
  });

  it("says so, with the query escaped, when nothing is found", async () => {
    const text = sentText(await harness.handleUpdate(message('/search zzz < 5 > 3 & "qq"')));
    expect(text).toBe("Nothing found for “zzz &lt; 5 &gt; 3 &amp; &quot;qq&quot;”. Try other words, or fewer of them.");
  });

  it("finds through control and invisible characters", async () => {
    const text = sentText(await harness.handleUpdate(message("/search \u202eКазахстан\u0000\u0007\u200b")));
    expect(text.startsWith("<b>Results for “Казахстан”</b>")).toBe(true);
    expect(titles(text)).toContain("Казахстан увеличил экспорт зерна");
  });

  it("drops pasted tags from the query and escapes what it echoes", async () => {
    const text = sentText(await harness.handleUpdate(message("/search <i>Казахстан</i> & <зерно>")));
    expect(text.startsWith("<b>Results for “Казахстан &amp; &lt;зерно&gt;”</b>\n\n")).toBe(true);
    expect(titles(text)).toEqual(["Казахстан увеличил экспорт зерна"]);
  });

  it("handles a 4000-character query", async () => {
    const calls = await harness.handleUpdate(message(`/search ${"нефть ".repeat(700)}`.slice(0, 4008)));
    const text = sentText(calls);
    expect(titles(text)).toHaveLength(10);
    // The echo is shortened; the search used up to MAX_QUERY_LENGTH characters of it.
    expect(text.split("\n")[0]?.length).toBeLessThan(200);
    const action = decodeCallback(buttonData(calls[0])[0] ?? "");
    if (action?.kind !== "search") throw new Error("expected a search button");
    const stored = await createNewsQueries(createRepositories(database.db)).findQuery(action.queryId, 42);
    expect(stored?.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
  });

  it("handles a 4000-character query that matches nothing", async () => {
    const text = sentText(await harness.handleUpdate(message(`/search ${"<&ж".repeat(1333)}`)));
    expect(text).toMatch(/^Nothing found for “(&lt;&amp;ж)+…”/);
  });

  it("answers a button for a forgotten query as outdated", async () => {
    const data = encodeCallback({ kind: "search", queryId: 987_654_321, cursor: { publishedAt: new Date(NEWEST), id: 5 } });
    const calls = await harness.handleUpdate(callback(data, { languageCode: "kk" }));
    expect(calls).toEqual([
      { method: "answerCallbackQuery", payload: expect.objectContaining({ text: "Эта кнопка устарела. Отправьте команду ещё раз." }) },
    ]);
  });

  it.each(["s1:0:lq8c9s00:9", "s1:-1:lq8c9s00:9", "s1:1:lq8c9s00:9:", "s1:1::9", "s1:1:1.5:9"])(
    "answers forged search data %j as outdated",
    async (data) => {
      const calls = await harness.handleUpdate(callback(data));
      expect(calls).toEqual([{ method: "answerCallbackQuery", payload: expect.objectContaining({ text: expect.stringContaining("outdated") }) }]);
    },
  );
});
