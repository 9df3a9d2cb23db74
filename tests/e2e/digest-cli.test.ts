import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { seedArticles, seedSubscribers, range } from "../digest/seed.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { runCli, startCli } from "../helpers/run-cli.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let dataDir: string;
let server: TestDatabase | undefined;
let store: Record<string, string>;
let fake: FakeBotApi | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "vestnik-digest-"));
  if (process.env.DATABASE_URL) {
    server = await createTestDatabase();
    store = { DATABASE_URL: server.url ?? "" };
  } else {
    store = { DATA_DIR: dataDir };
  }
});

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Opens the store the CLI uses (between CLI runs, so the PGlite lock is free). */
async function withStore<T>(fn: (repos: Repositories, db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = store.DATABASE_URL ? await openDatabase({ url: store.DATABASE_URL }) : await openDatabase({ dataDir });
  try {
    await database.migrate();
    return await fn(createRepositories(database.db), database);
  } finally {
    await database.close();
  }
}

const cliEnv = (api: FakeBotApi, extra: Record<string, string> = {}) => ({
  ...store,
  BOT_TOKEN: api.token,
  TELEGRAM_API_ROOT: api.url,
  ...extra,
});

function sendsPerChat(api: FakeBotApi): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const call of api.calls) {
    if (call.method !== "sendMessage" || call.status !== 200) continue;
    const chat = Number(call.payload.chat_id);
    out.set(chat, [...(out.get(chat) ?? []), String(call.payload.text)]);
  }
  return out;
}

describe("vestnik digest", () => {
  it("refuses to run without --now or without a token", { timeout: 60_000 }, async () => {
    const noFlag = await runCli(["digest"], { ...store, BOT_TOKEN: "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toMatch(/--now/);
    const noToken = await runCli(["digest", "--now"], store);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/BOT_TOKEN/);
  });

  it("sends today's digests, deactivates a blocked reader, and prints a summary", { timeout: 120_000 }, async () => {
    await withStore(async (_repos, database) => {
      await seedArticles(database.db, new Date(), [{ title: "Energy «KMG & Partners» <обновлено>", age: 20, topics: ["energy"] }]);
      await seedSubscribers(database.db, [
        { chatId: 101, topics: ["energy"], language: "ru" },
        { chatId: 102, topics: ["economy"] },
        { chatId: 103 },
        { chatId: 104, subscribed: false },
      ]);
    });
    fake = await startFakeBotApi();
    fake.blockChat(103);
    const first = await runCli(["digest", "--now"], cliEnv(fake));
    expect(first.stdout.trim()).toBe("digest: 1 sent, 1 nothing new, 0 failed, 1 deactivated");
    expect(first.code).toBe(0);
    const sent = sendsPerChat(fake);
    expect([...sent.keys()]).toEqual([101]);
    expect(sent.get(101)![0]).toContain("Ваша сводка новостей");
    expect(sent.get(101)![0]).toContain("«KMG &amp; Partners» &lt;обновлено&gt;");

    const again = await runCli(["digest", "--now"], cliEnv(fake));
    expect(again.stdout.trim()).toBe("digest: 0 sent, 0 nothing new, 0 failed, 0 deactivated");
    expect(sendsPerChat(fake).get(101)).toHaveLength(1);
    const blocked = await withStore((repos) => repos.subscribers.find(103));
    expect(blocked!.blockedReason).toMatch(/blocked/);
  });

  it("follows a group that became a supergroup to its new id, and remembers it", { timeout: 120_000 }, async () => {
    const [group, supergroup] = [-555_201, -1_000_555_201];
    await withStore(async (_repos, database) => {
      await seedArticles(database.db, new Date(), [{ title: "Central Asia: new rail line opens", age: 15, topics: ["central-asia"] }]);
      await seedSubscribers(database.db, [{ chatId: group, topics: ["central-asia"] }]);
    });
    fake = await startFakeBotApi();
    fake.migrateChat(group, supergroup);
    const run = await runCli(["digest", "--now"], cliEnv(fake));
    expect(run.stdout.trim()).toBe("digest: 1 sent, 0 nothing new, 0 failed, 0 deactivated");
    expect(sendsPerChat(fake).get(supergroup)?.[0]).toContain("new rail line");
    const moved = await withStore(async (repos) => ({ old: await repos.subscribers.find(group), now: await repos.subscribers.find(supergroup) }));
    expect(moved.old).toBeUndefined();
    expect(moved.now).toMatchObject({ chatKind: "supergroup", topics: ["central-asia"], blockedAt: null });
  });

  it("after kill -9 mid-run, the next run delivers the rest: nobody lost, only in-flight parts twice", { timeout: 180_000 }, async () => {
    const chats = range(60, 5000);
    await withStore(async (_repos, database) => {
      await seedSubscribers(database.db, chats.map((chatId) => ({ chatId, topics: ["central-asia"] })));
      await seedArticles(database.db, new Date(), [{ title: "Central Asia today", age: 5, topics: ["central-asia"] }]);
    });
    fake = await startFakeBotApi();
    const env = cliEnv(fake, { SEND_RATE: "5", DIGEST_LEASE: "3s" });
    const doomed = startCli(["digest", "--now"], env);
    await fake.waitFor(() => sendsPerChat(fake!).size >= 10, 60_000);
    await doomed.stop("SIGKILL");
    const beforeCrash = sendsPerChat(fake);
    expect(beforeCrash.size).toBeLessThan(chats.length);

    // The dead run's rows are still claimed; this run waits their lease out, then finishes them.
    const rerun = await runCli(["digest", "--now"], cliEnv(fake, { SEND_RATE: "200", DIGEST_LEASE: "3s" }));
    expect(rerun.code).toBe(0);
    const summary = /digest: (\d+) sent, 0 nothing new, 0 failed, 0 deactivated/.exec(rerun.stdout);
    expect(summary).not.toBeNull();

    const after = sendsPerChat(fake);
    expect(after.size).toBe(chats.length);
    const twice = [...after].filter(([, texts]) => texts.length > 1);
    // Only messages in flight at the kill may repeat: at most one per delivery lane (5 at SEND_RATE=5).
    expect(twice.length).toBeLessThanOrEqual(5);
    for (const [, texts] of after) {
      expect(texts.length).toBeLessThanOrEqual(2);
      expect(new Set(texts).size).toBe(1); // a repeat is the same stored text
    }
    // Every reader's ledger row is settled as sent; the dead run's claims were taken over.
    await withStore(async (repos) => {
      const ids = new Set<number>();
      for (const chatId of chats) ids.add((await repos.subscribers.find(chatId))!.id);
      const rows = (await repos.deliveries.entriesSince("2000-01-01")).filter((e) => ids.has(e.subscriberId));
      expect(rows).toHaveLength(chats.length);
      expect(rows.every((r) => r.status === "sent")).toBe(true);
      const resumed = [];
      for (const row of rows) {
        const full = await repos.deliveries.find(row.subscriberId, row.localDate);
        if (full!.attempts > 1) resumed.push(full);
      }
      expect(resumed.length).toBeGreaterThan(0);
    });
  });
});
