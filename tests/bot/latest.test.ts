import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCallback } from "../../src/bot/callback-data.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { createNewsQueries } from "../../src/news/queries.js";
import { buttonData, callback, createBotHarness, message, seedArticles, sentText, type BotHarness } from "../helpers/bot-harness.js";
import { parseTelegramHtml } from "../helpers/telegram-html.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

const HOUR = 3_600_000;
/** Fixed, so times render predictably: 2025-06-10 12:00 UTC is 15:00 in Moscow. */
const NEWEST = Date.parse("2025-06-10T12:00:00Z");
const TOTAL = 23;

let database: TestDatabase;
let harness: BotHarness;

/** Titles in the order the store returns them, newest first. */
const titleOf = (i: number) => `Новость номер ${i}`;

/** The article titles of a rendered list, in order (from link text or bold link-less titles). */
function titles(html: string): string[] {
  return html
    .split("\n\n")
    .slice(1)
    .map((block) => /^(?:<a href="[^"]*">|<b>)([^<]*)<\/(?:a|b)>\n<i>/.exec(block)?.[1] ?? `unexpected: ${block}`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  harness = createBotHarness({ news: createNewsQueries(createRepositories(database.db)) });
});

afterAll(async () => {
  await database.close();
});

describe("/latest on an empty store", () => {
  it("says there is no news yet", async () => {
    const calls = await harness.handleUpdate(message("/latest", { languageCode: "ru" }));
    expect(sentText(calls)).toBe("Новостей пока нет: я ещё не успел ничего собрать. Загляните чуть позже.");
    expect(buttonData(calls[0])).toEqual([]);
  });
});

describe("/latest", () => {
  beforeAll(async () => {
    const repos = createRepositories(database.db);
    await seedArticles(
      repos,
      { url: "https://tengrinews.kz/", title: "Tengri News" },
      Array.from({ length: TOTAL }, (_, i) => ({
        title: titleOf(i),
        url: `https://tengrinews.kz/news/${i}?a=1&b=2`,
        publishedAt: new Date(NEWEST - i * HOUR),
      })),
    );
  });

  it("shows the five newest by default, newest first, with links, source and time", async () => {
    const calls = await harness.handleUpdate(message("/latest", { languageCode: "ru" }));
    const text = sentText(calls);
    expect(text.startsWith("<b>Свежие новости</b>\n\n")).toBe(true);
    expect(titles(text)).toEqual([0, 1, 2, 3, 4].map(titleOf));
    expect(text).toContain(`<a href="https://tengrinews.kz/news/0?a=1&amp;b=2">${titleOf(0)}</a>\n<i>Tengri News · 10 июн`);
    expect(text).toContain("15:00");
    expect(calls[0]?.payload).toMatchObject({ parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    expect(buttonData(calls[0])).toHaveLength(1);
  });

  it("shows times in the configured zone and English dates for English readers", async () => {
    const local = createBotHarness({
      news: createNewsQueries(createRepositories(database.db)),
      preferences: { defaultTimeZone: "Asia/Almaty" },
    });
    const text = sentText(await local.handleUpdate(message("/latest 1")));
    expect(text.startsWith("<b>Latest news</b>")).toBe(true);
    // Almaty is UTC+5: 12:00 UTC is 17:00 there.
    expect(text).toMatch(/<i>Tengri News · 10 Jun(?: 2025)?, 17:00<\/i>/);
  });

  it.each(["3", " 3 ", "03"])("shows the N newest for /latest %j", async (arg) => {
    const text = sentText(await harness.handleUpdate(message(`/latest ${arg}`)));
    expect(titles(text)).toEqual([0, 1, 2].map(titleOf));
  });

  it("answers /latest@username in a group", async () => {
    const text = sentText(await harness.handleUpdate(message("/latest@vestnik_test_bot 3", { chatType: "group" })));
    expect(titles(text)).toEqual([0, 1, 2].map(titleOf));
  });

  it.each(["abc", "-5", "0", "1.5", "5 6", "1e3", "٣"])("explains the usage for /latest %s", async (arg) => {
    const calls = await harness.handleUpdate(message(`/latest ${arg}`));
    expect(sentText(calls)).toContain("a whole number from 1 to 20");
    expect(buttonData(calls[0])).toEqual([]);
  });

  it.each(["100000", "21", "99999999999999999999999999"])("caps /latest %s at 20 and says so", async (arg) => {
    const calls = await harness.handleUpdate(message(`/latest ${arg}`, { languageCode: "ru" }));
    const text = sentText(calls);
    expect(text).toContain("<i>За раз я показываю не больше 20 новостей — вот самые свежие.</i>");
    expect(titles(text)).toEqual(Array.from({ length: 20 }, (_, i) => titleOf(i)));
    expect(buttonData(calls[0])).toHaveLength(1);
  });

  it("pages through everything with the Older button, editing the message, and ends without a button", async () => {
    const first = await harness.handleUpdate(message("/latest 10", { languageCode: "ru" }));
    const seen = titles(sentText(first));
    const messageId = 1; // any message: the fake API edits whatever it is told
    let data = buttonData(first[0]);
    const pages: number[] = [];
    while (data.length > 0) {
      const calls = await harness.handleUpdate(callback(data[0] as string, { messageId, languageCode: "ru" }));
      expect(calls.map((c) => c.method)).toEqual(["editMessageText", "answerCallbackQuery"]);
      expect(calls[0]?.payload).toMatchObject({ message_id: messageId, parse_mode: "HTML", link_preview_options: { is_disabled: true } });
      expect(calls[1]?.payload.text).toBeUndefined();
      const text = calls[0]?.payload.text as string;
      expect(text.startsWith("<b>Более ранние новости</b>")).toBe(true);
      pages.push(titles(text).length);
      seen.push(...titles(text));
      data = buttonData(calls[0]);
    }
    expect(pages).toEqual([10, 3]);
    expect(seen).toEqual(Array.from({ length: TOTAL }, (_, i) => titleOf(i)));
  });

  it("sends the page as a new message when the old one can no longer be edited", async () => {
    const data = buttonData((await harness.handleUpdate(message("/latest 2")))[0])[0] as string;
    harness.failNext("editMessageText", 400, "Bad Request: message can't be edited");
    const calls = await harness.handleUpdate(callback(data));
    expect(calls.map((c) => c.method)).toEqual(["editMessageText", "sendMessage", "answerCallbackQuery"]);
    expect(calls[1]?.payload.text).toBe(calls[0]?.payload.text);
    expect(String(calls[1]?.payload.text)).toMatch(/^<b>Earlier news<\/b>/);
    expect(buttonData(calls[1])).toEqual(buttonData(calls[0]));
    expect(calls[2]?.payload.text).toBeUndefined(); // no "Sorry, something went wrong"
  });

  it("takes an expired button press (query is too old) in its stride: the page is shown, nothing counted as failed", async () => {
    const failed: string[] = [];
    const counted = createBotHarness({ news: createNewsQueries(createRepositories(database.db)), onFeatureError: (f) => failed.push(f) });
    const data = buttonData((await counted.handleUpdate(message("/latest 2")))[0])[0] as string;
    counted.failNext("answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
    // handleUpdate throws if anything is logged at warn or error.
    const calls = await counted.handleUpdate(callback(data));
    expect(calls.map((c) => c.method)).toEqual(["editMessageText", "answerCallbackQuery"]);
    expect(failed).toEqual([]);
    expect(counted.logs.some((l) => l.msg === "callback query expired before it was answered" && l.level === 30)).toBe(true);
  });

  it("treats a double tap (Telegram: message is not modified) as done", async () => {
    const data = buttonData((await harness.handleUpdate(message("/latest 2")))[0])[0] as string;
    harness.failNext("editMessageText", 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same");
    const calls = await harness.handleUpdate(callback(data));
    expect(calls.map((c) => c.method)).toEqual(["editMessageText", "answerCallbackQuery"]);
  });

  it.each([
    ["a forged size", "l1:1k:lq8c9s00:9"],
    ["leading zeros", "l1:05:lq8c9s00:9"],
    ["an upper-case number", "l1:5:LQ8C9S00:9"],
    ["a non-numeric id", "l1:5:lq8c9s00:x!"],
    ["a huge number", "l1:5:lq8c9s00:zzzzzzzzzzzz"],
    ["an extra part", "l1:5:lq8c9s00:9:1"],
    ["a missing part", "l1:5:lq8c9s00"],
    ["another version", "l2:5:lq8c9s00:9"],
  ])("answers a button with %s as outdated", async (_, data) => {
    const calls = await harness.handleUpdate(callback(data));
    expect(calls).toEqual([
      { method: "answerCallbackQuery", payload: expect.objectContaining({ text: "This button is outdated. Please send the command again." }) },
    ]);
  });

  it("answers a button past the oldest article as outdated", async () => {
    const data = encodeCallback({ kind: "latest", size: 5, cursor: { publishedAt: new Date(NEWEST - 1000 * HOUR), id: 1 } });
    const calls = await harness.handleUpdate(callback(data, { languageCode: "ru" }));
    expect(calls).toEqual([
      { method: "answerCallbackQuery", payload: expect.objectContaining({ text: "Эта кнопка устарела. Отправьте команду ещё раз." }) },
    ]);
  });
});

describe("/latest rendering", () => {
  beforeAll(async () => {
    // Newer than everything above, so these come first from here on.
    await seedArticles(createRepositories(database.db), { url: "file:special", title: "Курсив & <Ко>" }, [
      { title: "«KMG & Partners» <обновлено>", url: "https://kmg.kz/?q=\"x\"&r=<1>", publishedAt: new Date(NEWEST + 2 * HOUR) },
      { title: "Статья без ссылки", url: "urn:vestnik:plain:abc", publishedAt: new Date(NEWEST + 1 * HOUR) },
    ]);
  });

  it("escapes titles, sources and links exactly", async () => {
    const text = sentText(await harness.handleUpdate(message("/latest 2")));
    expect(text).toContain(
      '<a href="https://kmg.kz/?q=&quot;x&quot;&amp;r=&lt;1&gt;">«KMG &amp; Partners» &lt;обновлено&gt;</a>\n<i>Курсив &amp; &lt;Ко&gt; · ',
    );
    expect(parseTelegramHtml(text)).toContain("«KMG & Partners» <обновлено>");
  });

  it("shows a link-less article's title without a link", async () => {
    const text = sentText(await harness.handleUpdate(message("/latest 2")));
    expect(text).toContain("<b>Статья без ссылки</b>\n<i>");
    expect(text).not.toContain("urn:vestnik");
  });

  it("keeps a list of long titles and links within 4096 characters and loses nothing when paging", async () => {
    const long = Array.from({ length: 20 }, (_, i) => ({
      title: `Очень длинный заголовок ${i} `.padEnd(400, "ж&"),
      url: `https://example.com/${i}/${"x&y".repeat(400)}`,
      publishedAt: new Date(NEWEST + (100 - i) * HOUR),
    }));
    await seedArticles(createRepositories(database.db), { url: "https://example.com/", title: "Example" }, long);
    const first = await harness.handleUpdate(message("/latest 20"));
    const seen: string[] = [];
    let calls = first;
    for (;;) {
      const text = sentText(calls);
      expect(text.length).toBeLessThanOrEqual(4096);
      seen.push(...titles(text));
      const data = buttonData(calls[0])[0];
      if (data === undefined || seen.length >= 20) break;
      calls = await harness.handleUpdate(callback(data));
    }
    expect(seen.slice(0, 20).map((t) => t.slice(0, 27))).toEqual(long.map((a) => a.title.slice(0, 27).replace("&", "&amp;")));
    expect(titles(sentText(first)).length).toBeLessThan(20);
  });
});
