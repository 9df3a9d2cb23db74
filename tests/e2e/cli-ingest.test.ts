import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { runCli } from "../helpers/run-cli.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/ingest/", import.meta.url));
const GOOD = join(FIXTURES, "good");
const BAD = join(FIXTURES, "bad");

let dataDir: string;
let server: TestDatabase | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "vestnik-cli-"));
  if (process.env.DATABASE_URL) {
    server = await createTestDatabase();
    env = { DATABASE_URL: server.url ?? "" };
  } else {
    env = { DATA_DIR: dataDir };
  }
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Opens the store the CLI wrote to (after the CLI exited, so the PGlite lock is free). */
async function withStore<T>(fn: (repos: ReturnType<typeof createRepositories>) => Promise<T>): Promise<T> {
  const database = env.DATABASE_URL ? await openDatabase({ url: env.DATABASE_URL }) : await openDatabase({ dataDir });
  try {
    return await fn(createRepositories(database.db));
  } finally {
    await database.close();
  }
}

describe("vestnik ingest", () => {
  // Two CLI processes, the first creating the embedded database: 13–34 s each on a busy machine.
  it("ingests a directory of RSS, Atom and plain-text articles, then nothing twice", { timeout: 120_000 }, async () => {
    const first = await runCli(["ingest", GOOD], env);
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(/^ingest: 6 new, 0 already known, 0 failed \(3 inputs\)$/m);
    expect(first.code).toBe(0);

    const second = await runCli(["ingest", GOOD], env);
    expect(second.stdout).toMatch(/ingest: 0 new, 6 already known, 0 failed/);
    expect(second.code).toBe(0);
  });

  it("stores clean, canonical, correctly dated articles", async () => {
    const items = await withStore(async (repos) => (await repos.articles.latest(20)).map((a) => a));
    const byTitle = new Map(items.map((a) => [a.title, a]));
    const kmg = byTitle.get("«KMG & Partners» <обновлено>");
    expect(kmg?.url).toBe("https://steppe-news.example/economy/kmg-partners");
    expect(kmg?.sourceTitle).toBe("Степные вести");
    expect(kmg?.summary).not.toMatch(/<|script|alert/);

    const metro = byTitle.get("В Ташкенте открыли три новые станции метро");
    // 14:20 Moscow time (UTC+3) on the date line.
    expect(metro?.publishedAt.toISOString()).toBe("2026-11-24T11:20:00.000Z");
    expect(metro?.url).toMatch(/^urn:vestnik:/);
    expect(metro?.summary).toMatch(/^Кольцевая линия/);

    expect(byTitle.get("Steppe & Sons wins <tender>")).toBeDefined();
    expect(items.map((a) => a.publishedAt.getTime())).toEqual([...items.map((a) => a.publishedAt.getTime())].sort((a, b) => b - a));
  });

  it("refuses each bad input with its reason, still ingests the rest, and exits 1", async () => {
    const inputs = ["broken.xml", "bomb.xml", "page.html", "empty.xml", "missing.rss"].map((f) => join(BAD, f));
    const result = await runCli(["ingest", ...inputs, join(GOOD, "steppe-news.rss")], env);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(5);
    for (const [i, name] of ["broken.xml", "bomb.xml", "page.html", "empty.xml", "missing.rss"].entries()) {
      expect(lines[i]).toMatch(new RegExp(`^vestnik ingest: .*${name.replace(".", "\\.")}: \\S`));
    }
    expect(result.stderr).toMatch(/bomb\.xml: .*(DTD|entit)/i);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack traces
    expect(result.stdout).toMatch(/0 new, 3 already known, 5 failed/);
  });

  it("reads a folder's linked feed files, and names a folder with nothing to read", async () => {
    const folders = mkdtempSync(join(tmpdir(), "vestnik-folders-"));
    const linked = join(folders, "linked");
    const empty = join(folders, "nothing-here");
    mkdirSync(linked);
    mkdirSync(empty);
    symlinkSync(join(GOOD, "steppe-news.rss"), join(linked, "steppe.rss"));
    symlinkSync(linked, join(linked, "loop")); // a link back to the folder is not followed
    writeFileSync(join(empty, "notes.md"), "# not a feed\n");
    const result = await runCli(["ingest", linked, empty], env);
    expect(result.code).toBe(0);
    // The feed's three items, new or known from an earlier test, from the one file read.
    expect(result.stdout).toMatch(/(3 new, 0|0 new, 3) already known, 0 failed.*\(1 input\)/);
    expect(result.stderr.trim().split("\n")).toEqual([
      `vestnik ingest: ${empty}: no file to read in this folder (it reads .xml .rss .atom .rdf .json .txt .feed)`,
    ]);
    rmSync(folders, { recursive: true, force: true });
  });

  it("refuses a file over MAX_FEED_BYTES without reading it", async () => {
    const result = await runCli(["ingest", join(GOOD, "steppe-news.rss")], { ...env, MAX_FEED_BYTES: "500" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/steppe-news\.rss: file of \d+ bytes exceeds the 500-byte limit/);
  });

  it("reads zone-less dates in DEFAULT_TIMEZONE", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vestnik-tz-"));
    try {
      writeFileSync(
        join(dir, "almaty.txt"),
        "3 марта 2026, 09:00\n\nВ Алматы прошёл снегопад\n\nГород засыпало снегом за одну ночь.\n\nВ Алматы прошёл снегопад\n\nКоммунальные службы работали всю ночь.\n\nАвтор: Ерлан Абенов\n",
      );
      const result = await runCli(["ingest", "--source", "Алматы сегодня", dir], { ...env, DEFAULT_TIMEZONE: "Asia/Almaty" });
      expect(result.code).toBe(0);
      const found = await withStore(async (repos) => (await repos.articles.search("снегопад", 5)).at(0));
      expect(found?.publishedAt.toISOString()).toBe("2026-03-03T04:00:00.000Z");
      expect(found?.sourceTitle).toBe("Алматы сегодня");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("vestnik command line", () => {
  it("names the input and the cause in words: a cut-off feed, a host that does not exist", { timeout: 60_000 }, async () => {
    const cut = join(mkdtempSync(join(tmpdir(), "vestnik-cut-")), "cut.xml");
    writeFileSync(cut, '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a');
    const result = await runCli(["ingest", cut, "http://no-such-host.invalid/feed.xml"], { ...env, ALLOW_PRIVATE_FEEDS: "true" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      `vestnik ingest: ${cut}: invalid XML: the document ends while <rss>, <channel>, <item>, <title> are still open`,
      "vestnik ingest: http://no-such-host.invalid/feed.xml: host not found (ENOTFOUND)",
    ]);
  });

  it("refuses a feed on this machine unless private feeds are allowed, and says how to allow them", { timeout: 60_000 }, async () => {
    const result = await runCli(["ingest", "http://127.0.0.1:9/feed.xml"], { ...env, ALLOW_PRIVATE_FEEDS: "false" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "vestnik ingest: http://127.0.0.1:9/feed.xml: could not connect (host unreachable or not allowed); " +
        "a feed on this machine or a private network needs ALLOW_PRIVATE_FEEDS=true",
    ]);
  });

  it("names a malformed variable in one line and exits 2", async () => {
    const result = await runCli(["ingest", GOOD], { ...env, LOG_LEVEL: "loud" });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/LOG_LEVEL/);
  });

  it("explains usage errors with exit 2", async () => {
    expect((await runCli(["frobnicate"], env)).code).toBe(2);
    const noArgs = await runCli(["ingest"], env);
    expect(noArgs.code).toBe(2);
    expect(noArgs.stderr).toMatch(/at least one file/);
    const badFlag = await runCli(["ingest", "--bogus", GOOD], env);
    expect(badFlag.code).toBe(2);
  });

  it("requires BOT_TOKEN for run, naming it", async () => {
    const result = await runCli(["run"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/BOT_TOKEN/);
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))("refuses a data directory held by a running process", async () => {
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      writeFileSync(join(dataDir, "vestnik.lock"), `${holder.pid}\n`);
      const result = await runCli(["ingest", GOOD], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`in use by another Vestnik process \\(pid ${holder.pid}\\)`));
    } finally {
      holder.kill();
      rmSync(join(dataDir, "vestnik.lock"), { force: true });
    }
  });
});
