import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSampleNews } from "../../src/cli/sample-news.js";
import { createTagger } from "../../src/topics/tag.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import { startFakeBotApi, type FakeBotApi, type RecordedCall } from "../helpers/fake-bot-api.js";
import { rss } from "../helpers/feed-server.js";
import { runCli, startCli, type RunningCli } from "../helpers/run-cli.js";
import { parseTelegramHtml } from "../helpers/telegram-html.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

/**
 * The walk-through with real processes over real HTTP: a reader meets the bot, reads the
 * news, picks Central Asia, subscribes, and `vestnik digest --now` brings them exactly one digest.
 */

const CHAT = 777_001;
let fake: FakeBotApi;
let bot: RunningCli | undefined;
let server: TestDatabase | undefined;
let dataDir: string;
let store: Record<string, string>;
let centralAsiaUrls: Set<string>;

beforeAll(async () => {
  const news = await readSampleNews();
  const tagger = createTagger(BUILTIN_TOPICS);
  centralAsiaUrls = new Set(
    news.sources.flatMap((source) =>
      source.items
        .filter((item) => tagger.tag({ title: item.title, text: item.summary, lang: source.lang }).includes("central-asia"))
        .map((item) => new URL(`/news/${item.slug}`, source.site).toString()),
    ),
  );

  fake = await startFakeBotApi();
  dataDir = mkdtempSync(join(tmpdir(), "vestnik-journey-"));
  if (process.env.DATABASE_URL) {
    server = await createTestDatabase();
    store = { DATABASE_URL: server.url ?? "" };
  } else {
    store = { DATA_DIR: join(dataDir, "db") };
  }
  // An operator's feeds, with the sample news's texts (the terminal chat's samples never reach a real bot).
  const feeds = join(dataDir, "feeds");
  mkdirSync(feeds);
  news.sources.forEach((source, n) => {
    const items = source.items.map((item) => ({
      title: item.title,
      link: new URL(`/news/${item.slug}`, source.site).toString(),
      description: item.summary,
      pubDate: new Date(Date.now() - item.minutesAgo * 60_000),
    }));
    const xml = rss({ title: source.title, link: source.site, items }).replace("<channel>", `<channel><language>${source.lang}</language>`);
    writeFileSync(join(feeds, `feed-${n}.xml`), xml);
  });
  const seed = await runCli(["ingest", feeds], store);
  expect(seed.code, seed.stderr).toBe(0);
}, 90_000);

afterAll(async () => {
  await bot?.stop("SIGKILL");
  await fake?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const botEnv = () => ({
  ...store,
  BOT_TOKEN: fake.token,
  TELEGRAM_API_ROOT: fake.url,
  // The running bot's own digest check stays out of the way: this walk-through is about `digest --now`.
  DIGEST_CHECK_INTERVAL: "1h",
  DIGEST_SIZE: "20",
});

/** Index in `fake.calls` just after the bot confirmed the subscription. */
let afterSubscribe = 0;

const sendsTo = (chatId: number) => fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chatId);

async function say(text: string): Promise<RecordedCall> {
  const before = sendsTo(CHAT).length;
  fake.pushMessage(text, { chatId: CHAT, userId: CHAT, languageCode: "ru" });
  return fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === CHAT && sendsTo(CHAT).length > before, 30_000);
}

const linksOf = (html: string) => [...html.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));

describe("a reader's journey over the Bot API", () => {
  it("starts `vestnik run` against the fake Bot API", { timeout: 60_000 }, async () => {
    bot = startCli(["run"], botEnv());
    const deadline = Date.now() + 45_000;
    while (!fake.polling) {
      if (Date.now() > deadline) throw new Error(`bot did not start polling:\n${bot.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it("/start greets in Russian", { timeout: 45_000 }, async () => {
    const reply = await say("/start");
    expect(String(reply.payload.text)).toMatch(/Вестник|Vestnik/);
    expect(String(reply.payload.text)).toMatch(/[а-яё]{4}/i);
  });

  it("/latest lists the sample news, newest first, with a button to older ones", { timeout: 45_000 }, async () => {
    const reply = await say("/latest");
    const text = String(reply.payload.text);
    expect(reply.payload.parse_mode).toBe("HTML");
    expect(linksOf(text)[0]).toBe("https://silkroad-wire.example/news/khorgos-rail-freight");
    expect((reply.payload.reply_markup as { inline_keyboard: unknown[][] }).inline_keyboard.flat()).toHaveLength(1);
  });

  it("/topic Центральная Азия lists only Central Asia", { timeout: 45_000 }, async () => {
    const reply = await say("/topic Центральная Азия");
    const links = linksOf(String(reply.payload.text));
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const link of links) expect(centralAsiaUrls.has(link), link).toBe(true);
  });

  it("/subscribe Центральная Азия subscribes to that topic", { timeout: 45_000 }, async () => {
    const reply = await say("/subscribe Центральная Азия");
    afterSubscribe = fake.calls.indexOf(reply) + 1;
    expect(String(reply.payload.text)).toContain("Вы подписаны");
    expect(String(reply.payload.text)).toContain("Центральная Азия");
  });

  it("`vestnik digest --now` sends the reader exactly one Central Asia digest", { timeout: 120_000 }, async () => {
    const before = afterSubscribe;
    // The embedded database has one user at a time, so the bot stops first; Postgres serves both at once.
    if (!process.env.DATABASE_URL) expect(await bot!.stop("SIGTERM", 15_000), bot!.output()).toBe(0);
    const digest = await runCli(["digest", "--now"], botEnv());
    expect(digest.code, digest.stderr).toBe(0);
    if (process.env.DATABASE_URL) {
      // The running bot's scheduler may have found the reader due first (their 08:00 has passed):
      // then `--now` has nothing left to send, and the one digest is the scheduler's — done before
      // `--now` looked, or claimed by it meanwhile ("delivered by another process").
      expect(digest.stdout.trim()).toMatch(
        /^digest: (?:1 sent, 0 nothing new, 0 failed, 0 deactivated|0 sent, 0 nothing new, 0 failed, 0 deactivated(?:, 1 delivered by another process)?)$/,
      );
      await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === CHAT && fake.calls.indexOf(c) >= before, 30_000);
      // A digest in several parts is sent part by part; let the last parts arrive.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } else {
      expect(digest.stdout.trim()).toBe("digest: 1 sent, 0 nothing new, 0 failed, 0 deactivated");
    }

    const messages = fake.calls.slice(before).filter((c) => c.method === "sendMessage" && c.status === 200);
    expect(messages.length).toBeGreaterThanOrEqual(1);
    expect(new Set(messages.map((m) => m.payload.chat_id))).toEqual(new Set([CHAT]));
    const texts = messages.map((m) => String(m.payload.text));
    expect(new Set(texts).size).toBe(texts.length);
    for (const message of messages) {
      expect(message.payload.parse_mode).toBe("HTML");
      const visible = parseTelegramHtml(String(message.payload.text));
      expect(visible.length).toBeLessThanOrEqual(4096);
    }
    const all = texts.join("\n");
    expect(all).toContain("Центральная Азия");
    const links = linksOf(all);
    expect(links.length).toBeGreaterThanOrEqual(10);
    for (const link of links) expect(centralAsiaUrls.has(link), link).toBe(true);
    // An ampersand in a title arrives escaped, exactly once.
    expect(all).toContain("«Кайнар &amp; Партнёры»");
    expect(all).not.toContain("&amp;amp;");
    expect(fake.rejections).toEqual([]);

    const again = await runCli(["digest", "--now"], botEnv());
    expect(again.stdout.trim()).toBe("digest: 0 sent, 0 nothing new, 0 failed, 0 deactivated");
    expect(fake.calls.slice(before).filter((c) => c.method === "sendMessage").length).toBe(messages.length);

    if (process.env.DATABASE_URL) expect(await bot!.stop("SIGTERM", 15_000), bot!.output()).toBe(0);
  });
});
