import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { FakeBotApi, RecordedCall } from "../helpers/fake-bot-api.js";
import { ENTITY_BOMB, encode, feed, hang, html, huge, rss, status, type FeedItem, type FeedServer } from "../helpers/feed-server.js";
import { it, test } from "../helpers/fixtures.js";
import { runCli, startCli, type RunningCli } from "../helpers/run-cli.js";

const ADMIN = 777_001;
const HOSTILE = {
  "/hang.xml": /^no complete answer within 2 s$/,
  "/huge.xml": /^body larger than the 20971520-byte limit$/,
  "/bomb.xml": /^XML declares entities/,
  "/page.html": /looks like an HTML page/,
  "/missing.xml": /^HTTP 404 Not Found$/,
  "/broken.xml": /^HTTP 500 Internal Server Error$/,
  "/invalid.xml": /^invalid XML/,
} as const;

interface ListedSource {
  id: number;
  title: string;
  url: string;
  failures: number;
  articles: number;
  last_error: string | null;
  last_ok: string | null;
}

let feeds: FeedServer;
let fake: FakeBotApi;
let bot: RunningCli | undefined;
let dataDir: string;
let env: Record<string, string>;
let chatSeq = 9000;
const newsItems: FeedItem[] = [{ title: "Первая новость ленты", link: "https://example.org/e2e/1", pubDate: new Date(Date.now() - 3_600_000) }];

test.beforeAll(async ({ feeds: feedServer, telegram, cliStore }) => {
  feeds = feedServer;
  fake = telegram;
  dataDir = cliStore.dir;
  env = { ...cliStore.env };
  // The feed server listens on 127.0.0.1, which Vestnik refuses to fetch unless told otherwise.
  env.ALLOW_PRIVATE_FEEDS = "true";
  feeds.route("/news.xml", feed(() => rss({ title: "Лента E2E", items: newsItems })));
  feeds.route("/cp1251.xml", feed(() => encode(rss({ title: "Старая кодировка", encoding: "windows-1251", items: [{ title: "Ёлки и рубли", link: "https://example.org/e2e/cp" }] }), "windows-1251"), { contentType: "text/xml" }));
  feeds.route("/home.html", html("<!doctype html><html><head><title>Home</title></head><body>No feed here</body></html>"));
  feeds.route("/hang.xml", hang());
  // Healthy at first, so the memory it costs later can be measured against a settled process.
  feeds.route("/huge.xml", feed(() => rss({ title: "Скоро огромная", items: [] })));
  feeds.route("/bomb.xml", feed(() => ENTITY_BOMB));
  feeds.route("/page.html", html("<!doctype html><html><head><title>Not a feed</title></head><body></body></html>"));
  feeds.route("/missing.xml", status(404));
  feeds.route("/broken.xml", status(500));
  feeds.route("/invalid.xml", feed(() => "<rss><channel><title>oops</rss>"));
}, 60_000);

afterAll(async () => {
  await bot?.stop("SIGKILL");
});

async function listed(): Promise<ListedSource[]> {
  const result = await runCli(["sources", "list", "--format", "json"], env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ListedSource[];
}

/** The bot's first answer to a message from `userId` (a fresh chat unless given). */
async function ask(text: string, userId = ++chatSeq): Promise<RecordedCall> {
  fake.pushMessage(text, { chatId: userId, userId });
  return fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === userId, 20_000);
}

describe("vestnik sources (CLI)", () => {
  it("adds a feed after fetching it once, and refuses what is not a feed without storing it", async () => {
    const added = await runCli(["sources", "add", feeds.at("/news.xml"), "--every", "3s"], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^added #\d+ "Лента E2E" .*: 1 article stored, polled every 3s\n$/);
    expect((await runCli(["sources", "add", feeds.at("/cp1251.xml")], env)).code).toBe(0);

    const page = await runCli(["sources", "add", feeds.at("/home.html")], env);
    expect(page.code).toBe(1);
    expect(page.stderr).toContain(`not a feed: ${feeds.at("/home.html")}: an HTML page that announces no feed`);
    // Without the opt-in, the feed server's loopback address is refused, and the operator is told how to allow it.
    const inside = await runCli(["sources", "add", feeds.at("/news.xml").replace("news", "other")], { ...env, ALLOW_PRIVATE_FEEDS: "false" });
    expect(inside.code).toBe(1);
    expect(inside.stderr).toBe(
      `vestnik sources: cannot fetch: ${feeds.at("/other.xml")}: could not connect (host unreachable or not allowed); ` +
        "a feed on this machine or a private network needs ALLOW_PRIVATE_FEEDS=true\n",
    );
    expect((await listed()).map((s) => s.title)).toEqual(["Лента E2E", "Старая кодировка"]);
  }, 120_000); // several `vestnik` processes, each booting the embedded database

  it("imports an OPML list and exports OPML 2.0 on stdout only", async () => {
    const outlines = Object.keys(HOSTILE).map((path) => `<outline type="rss" text="Hostile ${path}" xmlUrl="${feeds.at(path)}"/>`);
    const file = join(dataDir, "hostile.opml");
    writeFileSync(file, `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>${outlines.join("")}</body></opml>`);
    const imported = await runCli(["sources", "import", file], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`import: ${outlines.length} added, 0 already present, 0 rejected`);

    const exported = await runCli(["sources", "export"], env);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe("");
    expect(XMLValidator.validate(exported.stdout)).toBe(true);
    expect(exported.stdout.match(/<outline type="rss" /g)).toHaveLength(2 + outlines.length);
    expect(exported.stdout).toContain(`xmlUrl="${feeds.at("/news.xml")}"`);

    // Round trip into an empty store: the same feeds come back.
    const otherEnv = { DATA_DIR: join(dataDir, "copy") };
    const copy = join(dataDir, "export.opml");
    writeFileSync(copy, exported.stdout);
    expect((await runCli(["sources", "import", copy], otherEnv)).code).toBe(0);
    const back = await runCli(["sources", "export"], otherEnv);
    const urls = (text: string) => [...text.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(urls(back.stdout)).toEqual(urls(exported.stdout));
  }, 120_000);
});

describe("vestnik run polls the sources", () => {
  beforeAll(async () => {
    bot = startCli(["run"], {
      ...env,
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      ADMIN_IDS: String(ADMIN),
      POLL_INTERVAL: "3s",
      FETCH_TIMEOUT: "2s",
    });
    const deadline = Date.now() + 30_000;
    while (!fake.polling) {
      if (Date.now() > deadline) throw new Error(`bot did not start polling:\n${bot.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 60_000);

  it("sends the stored validators and gets a 304 for an unchanged feed", async () => {
    await feeds.waitForRequests("/news.xml", 2, 20_000);
    const poll = feeds.requestsTo("/news.xml")[1];
    expect(poll?.headers["if-none-match"]).toMatch(/^"/);
    expect(poll?.status).toBe(304);
  }, 30_000);

  it("shows a new item in /latest after the next polls", async () => {
    newsItems.push({ title: "Свежая новость из ленты", link: "https://example.org/e2e/2", pubDate: new Date() });
    const changedAt = feeds.requestsTo("/news.xml").length;
    let text = "";
    const deadline = Date.now() + 30_000;
    while (!text.includes("Свежая новость из ленты") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      text = String((await ask("/latest")).payload.text);
    }
    expect(text).toContain("Свежая новость из ленты");
    expect(text).toContain("Ёлки и рубли");
    // The first full answer after the change brought it (with POLL_INTERVAL=3s: within two intervals).
    const after = feeds.requestsTo("/news.xml").slice(changedAt);
    expect(after.find((r) => r.status === 200)).toBeDefined();
  }, 40_000);

  it("cuts a 200 MB body at MAX_FEED_BYTES with memory to spare", async () => {
    await feeds.waitForRequests("/huge.xml", 1, 20_000);
    const pid = bot?.child.pid;
    const before = pid ? peakRss(pid) : undefined;
    const seen = feeds.requestsTo("/huge.xml").length;
    feeds.route("/huge.xml", huge(200 * 1024 * 1024));
    await feeds.waitForRequests("/huge.xml", seen + 1, 20_000);
    await waitFor(() => feeds.openRequests("/huge.xml") === 0 && feeds.bytesSent("/huge.xml") > 20 * 1024 * 1024);
    expect(feeds.bytesSent("/huge.xml")).toBeLessThan(64 * 1024 * 1024);
    const after = pid ? peakRss(pid) : undefined;
    if (before !== undefined && after !== undefined) {
      // Reading the whole body would cost 200 MB, decoding it twice that; the cap costs a few times 20 MB.
      process.stderr.write(`vestnik run peak RSS: ${before} MB before the 200 MB body, ${after} MB after\n`);
      expect(after - before).toBeLessThan(150);
    }
  }, 40_000);

  it("records every hostile source as failing while the bot keeps answering", async () => {
    for (const path of Object.keys(HOSTILE)) await feeds.waitForRequests(path, 1, 20_000);
    // Wait out the slowest (the server that never answers: FETCH_TIMEOUT) before asking for health.
    await feeds.waitForRequests("/hang.xml", 2, 30_000);
    const reply = await ask("/latest 1");
    expect(String(reply.payload.text)).toContain("Свежая новость из ленты");

    const health = await ask("/sources", ADMIN);
    const all = fake.sent(ADMIN).map((m) => String(m.text)).join("\n");
    expect(String(health.payload.text)).toContain("Feed sources: 9");
    expect(all).toContain("no complete answer within 2 s");
    expect(all).toContain("body larger than the 20971520-byte limit");
    expect(fake.rejections).toEqual([]);
  }, 60_000);

  it("stops cleanly on SIGTERM, polls in flight or not", async () => {
    const code = await bot?.stop("SIGTERM", 15_000);
    expect(code, bot?.output()).toBe(0);
    bot = undefined;
  }, 30_000);
});

describe("vestnik sources list after the run", () => {
  it("shows each source's health", async () => {
    const sources = await listed();
    const byPath = (path: string) => sources.find((s) => s.url === feeds.at(path));
    expect(byPath("/news.xml")).toMatchObject({ failures: 0, articles: 2, last_error: null });
    expect(byPath("/cp1251.xml")).toMatchObject({ failures: 0, articles: 1 });
    for (const [path, error] of Object.entries(HOSTILE)) {
      const source = byPath(path);
      expect(source?.failures, path).toBeGreaterThanOrEqual(1);
      expect(source?.last_error, path).toMatch(error);
      // The huge feed was healthy until the test turned it hostile.
      if (path !== "/huge.xml") expect(source?.last_ok, path).toBeNull();
    }
    const table = await runCli(["sources", "list", "--format", "table"], env);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+TITLE\s+EVERY\s+LAST OK\s+FAILS\s+ARTICLES\s+NEXT POLL\s+LAST STATUS\s+LAST ERROR\s+URL$/);
    expect(table.stdout).toContain("HTTP 404 Not Found");
  }, 30_000);
});

/** The process's peak resident memory in MB (Linux); undefined where /proc is missing. */
function peakRss(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

async function waitFor(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
