import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menuCommands } from "../../src/bot/create-bot.js";
import { formatInterval, packMessages } from "../../src/bot/features/admin.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { createIngestor } from "../../src/news/ingest.js";
import { createNewsQueries } from "../../src/news/queries.js";
import { createSourceService } from "../../src/news/sources.js";
import { createBotHarness, message, sentText, type BotHarness } from "../helpers/bot-harness.js";
import { feed, rss, startFeedServer, status, type FeedServer } from "../helpers/feed-server.js";
import { parseTelegramHtml } from "../helpers/telegram-html.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { NO_TOPICS, SETTINGS } from "../news/poll-helpers.js";

const ADMIN = 500_001;
const STRANGER = 500_002;

let database: TestDatabase;
let server: FeedServer;
let harness: BotHarness;
/** The failing source's id; identity values skipped by upserts make it unpredictable. */
let brokenId = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startFeedServer();
  const repos = createRepositories(database.db);
  const sources = createSourceService({ repos, ingestor: createIngestor({ repos, tagger: NO_TOPICS }), settings: SETTINGS });
  harness = createBotHarness({
    news: createNewsQueries(repos),
    admin: { adminIds: [ADMIN], sources, defaultIntervalMs: 10 * 60_000 },
  });
  server.route("/feed.xml", feed(() => rss({ title: "Лента & Co", items: [{ title: "Новость", link: "https://example.org/n/1" }] })));
  server.route("/broken.xml", status(404));
});

afterAll(async () => {
  await server.close();
  await database.close();
});

const asAdmin = (text: string, languageCode = "en") => message(text, { userId: ADMIN, languageCode });
const asStranger = (text: string, languageCode = "en") => message(text, { userId: STRANGER, languageCode });

describe("for everyone but administrators", () => {
  it.each(["/sources", `/addsource http://127.0.0.1:1/x`, "/removesource 1", "/stats"])("%s gets the same polite refusal and does nothing", async (command) => {
    const before = server.requests.length;
    const calls = await harness.handleUpdate(asStranger(command));
    expect(sentText(calls)).toBe("Sorry, this command is only for the bot's administrators.");
    expect(server.requests.length).toBe(before);
  });

  it("refuses in Russian too", async () => {
    const calls = await harness.handleUpdate(asStranger("/addsource https://lenta.ru/rss", "ru"));
    expect(sentText(calls)).toBe("Извините, эта команда доступна только администраторам бота.");
  });

  it("/help and the menu do not mention admin commands", async () => {
    const help = sentText(await harness.handleUpdate(asStranger("/help")));
    expect(help).toContain("/latest");
    expect(help).not.toMatch(/addsource|removesource|\/sources|\/stats|administrators/);
    for (const locale of ["en", "ru"] as const) {
      expect(menuCommands(locale).map((c) => c.command)).not.toEqual(expect.arrayContaining(["sources"]));
      expect(menuCommands(locale).map((c) => c.command).some((c) => ["sources", "addsource", "removesource", "stats"].includes(c))).toBe(false);
    }
  });
});

describe("for administrators", () => {
  it("/help adds an administrators' section", async () => {
    const help = parseTelegramHtml(sentText(await harness.handleUpdate(asAdmin("/help"))));
    expect(help).toContain("For administrators");
    expect(help).toContain("/addsource <url> — Add a feed source");
    expect(help).toContain("/removesource <id> — Remove a source and its articles");
  });

  it("/sources says there are none yet", async () => {
    expect(sentText(await harness.handleUpdate(asAdmin("/sources")))).toContain("There are no feed sources yet");
  });

  it("/addsource checks the feed, stores it and says how many articles it brought", async () => {
    const calls = await harness.handleUpdate(asAdmin(`/addsource ${server.at("/feed.xml")}`));
    expect(calls.map((c) => c.method)).toEqual(["sendChatAction", "sendMessage"]);
    expect(sentText(calls)).toBe("Added <b>#1</b> Лента &amp; Co: 1 article stored. I'll check it every 10 min.");
  });

  it("/addsource explains what is wrong and stores nothing", async () => {
    const missing = sentText(await harness.handleUpdate(asAdmin(`/addsource ${server.at("/broken.xml")}`)));
    expect(missing).toBe(`I couldn't fetch ${server.at("/broken.xml")}: HTTP 404 Not Found. Nothing was added.`);
    const duplicate = sentText(await harness.handleUpdate(asAdmin(`/addsource ${server.at("/feed.xml")}`, "ru")));
    expect(duplicate).toBe("Эта лента уже есть среди источников: <b>#1</b> Лента &amp; Co.");
    expect(sentText(await harness.handleUpdate(asAdmin("/addsource")))).toContain("/addsource https://example.org/rss");
    expect(sentText(await harness.handleUpdate(asAdmin("/addsource <script>")))).toBe("That doesn't look like a web address: not a valid URL: &lt;script&gt;");
  });

  it("/sources shows each source's health, failing ones with their error", async () => {
    const repos = createRepositories(database.db);
    const { source } = await repos.sources.addFeed({ url: server.at("/broken.xml"), title: "Сломанная <лента>", nextPollAt: null });
    brokenId = source.id;
    const lease = new Date(Date.now() + 60_000);
    await repos.sources.claimDue({ now: new Date(), limit: 10, leaseUntil: lease });
    await repos.sources.recordFailure(source.id, lease, { at: new Date(), status: 404, error: "HTTP 404 Not Found", failures: 3, nextPollAt: new Date(Date.now() + 3_600_000) });

    const text = parseTelegramHtml(sentText(await harness.handleUpdate(asAdmin("/sources"))));
    expect(text).toContain("Feed sources: 2");
    expect(text).toContain("#1 Лента & Co");
    expect(text).toContain("every 10 min · 1 article");
    expect(text).toMatch(/✅ fetched fine at/);
    expect(text).toContain(`#${brokenId} Сломанная <лента>`);
    expect(text).toContain("every 10 min · 0 articles\n⚠️ failed 3 times in a row: HTTP 404 Not Found");

    const ru = parseTelegramHtml(sentText(await harness.handleUpdate(asAdmin("/sources", "ru"))));
    expect(ru).toContain("раз в 10 мин · 1 статья");
    expect(ru).toContain("⚠️ не загружается 3 раза подряд: HTTP 404 Not Found");
  });

  it("/stats counts what is stored", async () => {
    const text = parseTelegramHtml(sentText(await harness.handleUpdate(asAdmin("/stats"))));
    expect(text).toContain("Articles: 1");
    expect(text).toContain("Sources: 2, of them polled feeds: 2 (failing: 1)");
    expect(text).toContain("Digest subscribers: 0");
    expect(text).toContain("Digests sent today: 0");
  });

  it("/removesource removes the source with its articles", async () => {
    expect(sentText(await harness.handleUpdate(asAdmin("/removesource 1")))).toBe("Removed <b>#1</b> Лента &amp; Co along with its only article.");
    expect(sentText(await harness.handleUpdate(asAdmin("/removesource 1")))).toBe("There is no source #1. See the list: /sources");
    expect(sentText(await harness.handleUpdate(asAdmin(`/removesource #${brokenId}`, "ru")))).toBe(
      `Источник <b>#${brokenId}</b> Сломанная &lt;лента&gt; удалён. Статей у него не было.`,
    );
    expect(sentText(await harness.handleUpdate(asAdmin("/removesource abc")))).toContain("/removesource 3");
  });

  it("keeps a long /sources list within Telegram's limits, in several messages", async () => {
    const repos = createRepositories(database.db);
    for (let i = 0; i < 120; i++) {
      await repos.sources.addFeed({ url: `https://feeds${i}.example.org/${"long-path/".repeat(20)}rss`, title: `Источник ${"очень длинное название ".repeat(6)}${i}`, nextPollAt: null });
    }
    const calls = await harness.handleUpdate(asAdmin("/sources"));
    const texts = calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.length).toBeLessThanOrEqual(5);
    expect(texts.at(-1)).toMatch(/…and \d+ more sources\. The full list: <code>vestnik sources list<\/code>$/);
  });
});

describe("in groups", () => {
  it("answers only commands addressed to the bot, and only with a pointer to a private chat", async () => {
    const group = { chatType: "group" as const, chatId: -1000, userId: ADMIN };
    expect(await harness.handleUpdate(message("/sources", group))).toEqual([]);
    const calls = await harness.handleUpdate(message("/stats@vestnik_test_bot", group));
    expect(sentText(calls)).toBe("Administrator commands only work in a private chat with me.");
  });
});

describe("helpers", () => {
  it("formats intervals in the reader's language", () => {
    expect(formatInterval(10 * 60_000, "en")).toBe("10 min");
    expect(formatInterval(3_600_000, "ru")).toBe("1 ч");
    expect(formatInterval(3_000, "en")).toBe("3 sec");
    expect(formatInterval(90 * 60_000, "en")).toBe("90 min");
  });

  it("packs blocks into messages and counts what did not fit", () => {
    const blocks = Array.from({ length: 30 }, (_, i) => `${i}`.padEnd(1000, "x"));
    const messages = packMessages("header", blocks, 2, (n) => `+${n}`);
    expect(messages).toHaveLength(2);
    expect(messages.every((m) => m.length <= 4096)).toBe(true);
    expect(messages[1]).toMatch(/\+\d+$/);
    expect(packMessages("h", ["a", "b"], 5, (n) => `+${n}`)).toEqual(["h\n\na\n\nb"]);
  });
});
