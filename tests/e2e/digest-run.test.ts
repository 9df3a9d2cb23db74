import { afterAll, describe, expect } from "vitest";
import { localClock } from "../../src/digest/schedule.js";
import { range, seedArticles, seedSubscribers } from "../digest/seed.js";
import type { FakeBotApi } from "../helpers/fake-bot-api.js";
import { it, test } from "../helpers/fixtures.js";
import { runCli, startCli, type RunningCli } from "../helpers/run-cli.js";

let store: Record<string, string>;
let fake: FakeBotApi;
let bot: RunningCli | undefined;

const DUE = range(30, 7000);
const NOT_DUE = range(3, 8000);

test.beforeAll(async ({ cliStore, telegram }) => {
  store = { ...cliStore.env };
  const database = await cliStore.open();
  try {
    await database.migrate();
    await seedArticles(database.db, new Date(), [
      { title: "Pipeline news", age: 30, topics: ["energy"] },
      { title: "Bishkek news", age: 40, topics: ["central-asia"] },
    ]);
    const zone = ["Pacific/Honolulu", "America/New_York", "UTC", "Asia/Tashkent"].find((z) => localClock(new Date(), z).minute < 23 * 60)!;
    await seedSubscribers(database.db, [
      // A 00:00 digest is due all day in any zone.
      ...DUE.map((chatId, i) => ({ chatId, digestMinute: 0, timeZone: i % 2 ? "Asia/Almaty" : "Europe/Kyiv", topics: i % 3 ? ["energy"] : [] })),
      ...NOT_DUE.map((chatId) => ({ chatId, digestMinute: 1439, timeZone: zone })),
    ]);
  } finally {
    await database.close();
  }
  fake = telegram;
});

afterAll(async () => {
  await bot?.stop("SIGKILL");
});

const sends = (chatId: number) => fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chatId);

describe("vestnik run: the digest scheduler", () => {
  it("delivers exactly one digest to every due reader, also alongside `digest --now` on Postgres", { timeout: 180_000 }, async () => {
    bot = startCli(["run"], {
      ...store,
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      DIGEST_CHECK_INTERVAL: "1s",
      // Slow enough that the manual run below starts while the scheduler is still delivering.
      SEND_RATE: store.DATABASE_URL ? "4" : "50",
    });
    if (store.DATABASE_URL) {
      // Several processes on one Postgres: a manual run races the scheduler for the same readers.
      await fake.waitFor((c) => c.method === "sendMessage", 60_000);
      const manual = await runCli(["digest", "--now"], { ...store, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
      expect(manual.code).toBe(0);
      expect(manual.stdout).toMatch(/^digest: \d+ sent/m);
    }
    const deadline = Date.now() + 120_000;
    while (!DUE.every((chat) => sends(chat).length > 0)) {
      if (Date.now() > deadline) throw new Error(`not all digests arrived; output:\n${bot.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // A few more checks happen meanwhile; none may send again.
    await new Promise((r) => setTimeout(r, 3000));
    for (const chat of DUE) expect(sends(chat)).toHaveLength(1);
    // Not due yet for the scheduler; `digest --now` ignores the time of day, so there they got theirs.
    for (const chat of NOT_DUE) expect(sends(chat)).toHaveLength(store.DATABASE_URL ? 1 : 0);
    const text = String(sends(DUE[1]!)[0]!.payload.text);
    expect(text).toContain("Pipeline news");
    expect(text).not.toContain("Bishkek news");

    expect(await bot.stop("SIGTERM", 30_000)).toBe(0);
    bot = undefined;
  });
});
