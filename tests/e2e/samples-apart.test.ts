import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSampleNews, type SampleNews } from "../../src/cli/sample-news.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { runCli, startCli } from "../helpers/run-cli.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

/**
 * A newcomer's path: `npm start` without a token opens the terminal chat on invented sample news;
 * later, with a token, the real bot must show none of it to anyone, and must send nothing to the
 * terminal's reader (chat id 1).
 */

const READER = 888_001;
let fake: FakeBotApi;
let server: TestDatabase | undefined;
let dir: string;
let store: Record<string, string>;
let news: SampleNews;

beforeAll(async () => {
  news = await readSampleNews();
  fake = await startFakeBotApi();
  dir = mkdtempSync(join(tmpdir(), "vestnik-samples-"));
  if (process.env.DATABASE_URL) {
    server = await createTestDatabase();
    store = { DATABASE_URL: server.url ?? "", DATA_DIR: join(dir, "data") };
  } else {
    store = { DATA_DIR: join(dir, "data") };
  }
}, 120_000);

afterAll(async () => {
  await fake.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sampleSites = () => news.sources.map((s) => new URL(s.site).hostname);
const sampleTitles = () => news.sources.flatMap((s) => s.items.map((i) => i.title));

describe("the terminal chat's sample news", () => {
  it("never reaches the real bot: no sample in /latest, no digest to the terminal reader", { timeout: 240_000 }, async () => {
    const chat = await runCli(["start"], store, "/subscribe Центральная Азия\n/latest\n");
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stderr).toMatch(/Loaded 36 sample articles/);
    expect(chat.stdout).toContain(news.sources[0]?.items[0]?.title.slice(0, 20) ?? "?");
    expect(existsSync(join(dir, "data-console"))).toBe(true);

    const withToken = { ...store, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url };
    const digest = await runCli(["digest", "--now"], withToken);
    expect(digest.code, digest.stderr).toBe(0);
    expect(digest.stdout.trim()).toBe("digest: 0 sent, 0 nothing new, 0 failed, 0 deactivated");
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toEqual([]);

    const bot = startCli(["run"], withToken);
    try {
      await fake.waitFor((c) => c.method === "getUpdates", 90_000);
      fake.pushMessage("/latest", { chatId: READER, userId: READER });
      const reply = await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === READER, 60_000);
      const text = String(reply.payload.text);
      for (const site of sampleSites()) expect(text).not.toContain(site);
      for (const title of sampleTitles()) expect(text).not.toContain(title);
      expect(fake.sent(1)).toEqual([]);
    } finally {
      expect(await bot.stop("SIGTERM", 30_000)).toBe(0);
    }
  });
});
