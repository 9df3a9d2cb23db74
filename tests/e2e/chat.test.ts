import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSampleNews } from "../../src/cli/sample-news.js";
import { createTagger } from "../../src/topics/tag.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import { runCli } from "../helpers/run-cli.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let env: Record<string, string>;
let server: TestDatabase | undefined;
let dataDir: string | undefined;

// One store for the file, used in order: a fresh store costs seconds (PGlite creates its cluster).
beforeAll(async () => {
  // The chat keeps its own store next to DATA_DIR whatever DATABASE_URL says, so DATA_DIR is set either way.
  dataDir = mkdtempSync(join(tmpdir(), "vestnik-chat-"));
  env = { DATA_DIR: join(dataDir, "data") };
  if (process.env.DATABASE_URL) {
    server = await createTestDatabase();
    env.DATABASE_URL = server.url ?? "";
  }
});

afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The answers to each input line of a piped transcript ("> line" then the bot's messages). */
function turns(stdout: string): { input: string; output: string }[] {
  return stdout
    .split(/^> /m)
    .slice(1)
    .map((chunk) => {
      const [input = "", ...rest] = chunk.split("\n");
      return { input, output: rest.join("\n").trim() };
    });
}

let centralAsia: { urls: Set<string>; others: Set<string>; titles: Map<string, string> };

beforeAll(async () => {
  const news = await readSampleNews();
  const tagger = createTagger(BUILTIN_TOPICS);
  centralAsia = { urls: new Set(), others: new Set(), titles: new Map() };
  for (const source of news.sources) {
    for (const item of source.items) {
      const url = new URL(`/news/${item.slug}`, source.site).toString();
      const isCa = tagger.tag({ title: item.title, text: item.summary, lang: source.lang }).includes("central-asia");
      (isCa ? centralAsia.urls : centralAsia.others).add(url);
      centralAsia.titles.set(url, item.title);
    }
  }
});

describe("vestnik chat", () => {
  it("walks /latest, /topic, a button press, /subscribe and /digest on the sample news, then /quit exits 0", { timeout: 120_000 }, async () => {
    const input = ["/latest", "/topic Central Asia", "1", "/subscribe", "/digest", "/nonsense", "/quit", "/latest"].join("\n");
    const result = await runCli(["chat", "--lang", "en"], env, `${input}\n`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Loaded 36 sample articles/);
    const byInput = turns(result.stdout);
    // Nothing after /quit is read, and /quit itself gets no answer.
    expect(byInput.map((t) => t.input)).toEqual(["/latest", "/topic Central Asia", "1", "/subscribe", "/digest", "/nonsense", "/quit"]);
    const [latest, topic, press, subscribe, digest, unknown, quit] = byInput.map((t) => t.output);

    expect(latest).toMatch(/^Latest news/);
    expect(latest).toContain("Kazakhstan signs deal to expand rail freight to China through Khorgos <https://silkroad-wire.example/news/khorgos-rail-freight>");
    expect(latest).toMatch(/\[1\] Older →$/);
    expect(latest).not.toMatch(/<\/?[ab]\b|&amp;|\x1b\[/); // rendered, not raw HTML, and no ANSI into a pipe

    const topicUrls = [...(topic ?? "").matchAll(/<(https:\/\/[^>]+)>/g)].map((m) => m[1]!);
    expect(topicUrls.length).toBeGreaterThanOrEqual(5);
    for (const url of topicUrls) expect(centralAsia.urls.has(url), `${url} is not a Central Asia item`).toBe(true);

    // The number pressed "Older →" under the topic list: the same message comes back edited with the next page.
    expect(press).toMatch(/^\[pressed: Older →\]\s+\(updated\)/);
    const olderUrls = [...(press ?? "").matchAll(/<(https:\/\/[^>]+)>/g)].map((m) => m[1]!);
    expect(olderUrls.length).toBeGreaterThan(0);
    for (const url of olderUrls) {
      expect(centralAsia.urls.has(url)).toBe(true);
      expect(topicUrls).not.toContain(url);
    }
    expect(press).toContain("«Кайнар & Партнёры» купят долю в ветропарке под Шымкентом");

    expect(subscribe).toMatch(/subscribed/i);
    // No scheduler runs in the terminal: no promise of a digest "within a few minutes" or "tomorrow".
    expect(subscribe).not.toMatch(/on its way|Next: (today|tomorrow)/);
    expect(subscribe).toMatch(/vestnik run delivers them in Telegram\. Send \/digest to see yours now\./);
    expect(digest).toMatch(/digest/i);
    expect(digest).toMatch(/^Central Asia$/m);
    expect(digest).toContain("В Алматы запустили первую линию скоростного автобуса");
    expect(unknown).toMatch(/\/help/);
    expect(quit).toBe("");
  });

  it("exits 0 at the end of piped input, and reads the store the first run filled", { timeout: 120_000 }, async () => {
    const result = await runCli(["chat"], env, "/start\n/latest 2");
    expect(result.code, result.stderr).toBe(0);
    expect(turns(result.stdout).map((t) => t.input)).toEqual(["/start", "/latest 2"]);
    expect(result.stdout).toContain("Vestnik");
    // The samples were loaded once, by the first test's run.
    expect(result.stderr).not.toMatch(/sample articles/);
    expect(result.stdout).toContain("Kazakhstan signs deal to expand rail freight");
  });

  it("speaks the shell's language, or the one given with --lang", { timeout: 120_000 }, async () => {
    const ru = await runCli(["chat"], { ...env, LANG: "ru_RU.UTF-8" }, "/latest 1\n");
    expect(ru.code, ru.stderr).toBe(0);
    expect(ru.stdout).toMatch(/^Свежие новости$/m);
    const en = await runCli(["chat", "--lang", "en"], { ...env, LANG: "ru_RU.UTF-8" }, "/latest 1\n");
    expect(en.stdout).toMatch(/Latest news/);
    const bad = await runCli(["chat", "--lang", "русский"], env, "");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--lang/);
  });

  it("survives bad lines: each gets an answer or a hint, and the chat goes on", { timeout: 120_000 }, async () => {
    const lines = [
      "",
      "   ",
      "7",
      "/latest abc",
      `/search ${"<b>&amp;".repeat(900)}`,
      "\u0007\u0000\u001b[2J<script>",
      "/latest@vestnik_chat_bot 1",
      "/latest@other_bot 1",
      "/topic Атлантида",
      "/latest 1",
      "99",
    ];
    const result = await runCli(["chat", "--lang", "en"], env, `${lines.join("\r\n")}\r\n`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/bot failed/);
    expect(result.stderr).not.toMatch(/error/i);
    const answered = turns(result.stdout);
    // Blank lines are skipped like an empty Telegram message; every other line is answered.
    expect(answered).toHaveLength(lines.filter((l) => l.trim() !== "").length);
    for (const { input, output } of answered) expect(output, `no answer to ${input.slice(0, 40)}`).not.toBe("");
    expect(answered.at(-1)?.output).toMatch(/no button 99: the latest buttons are 1–1/);
    expect(result.stdout).not.toContain("\u001b[2J");
  });

  it("npm start without a token explains how to get one, then opens the chat on sample news", { timeout: 120_000 }, async () => {
    const result = await runCli(["start"], { ...env, BOT_TOKEN: "" }, "/latest 3\n");
    expect(result.code, result.stderr).toBe(0);
    const advice = result.stderr.split("\n").filter((line) => /BotFather|BOT_TOKEN/.test(line));
    expect(advice).toHaveLength(2);
    expect(advice[0]).toMatch(/@BotFather/);
    expect(advice[1]).toMatch(/\.env.*BOT_TOKEN=/);
    expect(result.stdout).toContain("Kazakhstan signs deal to expand rail freight");
  });
});
