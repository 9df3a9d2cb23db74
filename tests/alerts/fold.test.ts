import { beforeEach, describe, expect } from "vitest";
import { createAlertDispatcher } from "../../src/alerts/dispatch.js";
import { createHeldAlertFolding } from "../../src/alerts/fold.js";
import { createAlertMatcher } from "../../src/alerts/matcher.js";
import type { Repositories, Subscriber } from "../../src/db/repositories/index.js";
import { createDigestEngine, createPacer, type DigestEngine } from "../../src/digest/engine.js";
import { createDigestSender } from "../../src/digest/send.js";
import { localClock } from "../../src/digest/schedule.js";
import { createFeatureTranslate } from "../../src/digest/texts.js";
import { Api } from "grammy";
import type { FakeBotApi } from "../helpers/fake-bot-api.js";
import { it, test } from "../helpers/fixtures.js";
import type { TestDatabase } from "../helpers/test-db.js";
import { seedArticles, seedSubscribers, TEST_TOPICS } from "../digest/seed.js";

let database: TestDatabase;
let repos: Repositories;
let fake: FakeBotApi;
let nextChat = 90_000;
const t = createFeatureTranslate("alerts", "digest");

test.beforeAll(({ database: db, repos: r, telegram }) => {
  database = db;
  repos = r;
  fake = telegram;
});

beforeEach(() => fake.reset());

function engine(worker = "digest-a"): DigestEngine {
  return createDigestEngine({
    repos,
    topics: TEST_TOPICS,
    size: 10,
    sendEmpty: false,
    leaseMs: 30_000,
    pacer: createPacer({ rate: 1000 }),
    api: { token: fake.token, apiRoot: fake.url },
    sender: { backoffMs: 10, maxAttempts: 2 },
    heldAlerts: createHeldAlertFolding({ repo: repos.alerts, t, worker, leaseMs: 30_000 }),
  });
}

/** A reader in quiet hours right now (they end in an hour), watching `word`. */
async function readerInQuietHours(word: string, topics: string[] = []): Promise<Subscriber> {
  const minute = localClock(new Date(), "Asia/Almaty").minute;
  const [reader] = await seedSubscribers(database.db, [{ chatId: nextChat++, timeZone: "Asia/Almaty", language: "en", topics }]);
  await repos.alerts.updateSettings(reader!.id, { quiet: { start: (minute + 1380) % 1440, end: (minute + 60) % 1440 } });
  await repos.alerts.addWatch(reader!.id, word, null, 20);
  return reader!;
}

async function arrive(title: string, topics: string[] = []): Promise<void> {
  const ids = await seedArticles(database.db, new Date(), [{ title, age: 1, topics }], "Night Wire");
  await createAlertMatcher({ repo: repos.alerts, revisionCheckMs: 0 }).articlesStored([{ id: ids[0]!, title, text: "", topics }]);
}

const today = (s: Subscriber) => localClock(new Date(), s.timeZone).date;
const texts = (chatId: number) => fake.sent(chatId).map((p) => String(p.text));

describe("held alerts and the digest", () => {
  it("fold into a digest that comes before quiet hours end: its first part, sent once", async () => {
    const reader = await readerInQuietHours("Ташкент", ["energy"]);
    await seedArticles(database.db, new Date(), [{ title: "Pipeline news of the day", age: 30, topics: ["energy"] }]);
    await arrive("Ночью в Ташкенте выпал снег");
    expect((await repos.alerts.ledger(reader.id)).map((r) => [r.status, r.mode])).toEqual([["pending", "held"]]);

    const outcome = await engine().deliverer.deliver(reader, today(reader), new Date());
    expect(outcome).toMatchObject({ kind: "sent", parts: 2 });
    const [alerts, digest] = texts(reader.chatId);
    expect(alerts).toContain("1 alert</b> held for you");
    expect(alerts).toContain("Ночью в Ташкенте выпал снег");
    expect(digest).toContain("Pipeline news of the day");

    const [row] = await repos.alerts.ledger(reader.id);
    const firstId = (fake.calls.find((c) => c.method === "sendMessage" && c.payload.chat_id === reader.chatId)?.result as { message_id: number }).message_id;
    expect(row).toMatchObject({ status: "sent", messageId: firstId });

    // When the quiet hours end, the dispatcher has nothing left for this reader.
    const dispatcher = createAlertDispatcher({
      repo: repos.alerts,
      sender: createDigestSender({ api: new Api(fake.token, { apiRoot: fake.url }), pacer: createPacer({ rate: 1000 }) }),
      deactivate: async () => undefined,
      t, worker: "alerts-a", leaseMs: 30_000, hourlyCap: 10,
    });
    await repos.alerts.bringForward(reader.id, new Date());
    await dispatcher.runOnce();
    expect(texts(reader.chatId)).toHaveLength(2);
  });

  it("stay held when the digest has no news, and when another worker holds them", async () => {
    const quietDay = await readerInQuietHours("Самарканд", ["economy"]);
    await arrive("В Самарканде открыли музей");
    expect(await engine().deliverer.deliver(quietDay, today(quietDay), new Date())).toMatchObject({ kind: "empty" });
    expect(texts(quietDay.chatId)).toEqual([]);
    expect((await repos.alerts.ledger(quietDay.id)).map((r) => r.status)).toEqual(["pending"]);

    const busy = await readerInQuietHours("Бухара", ["energy"]);
    await seedArticles(database.db, new Date(), [{ title: "Grid news", age: 20, topics: ["energy"] }]);
    await arrive("В Бухаре отремонтировали минарет");
    const [held] = await repos.alerts.claimHeld(busy.id, "alerts-b", 30_000);
    expect(held).toBeDefined();
    await engine().deliverer.deliver(busy, today(busy), new Date());
    const sent = texts(busy.chatId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toContain("минарет");
    expect((await repos.alerts.ledger(busy.id)).map((r) => [r.status, r.claimedBy])).toEqual([["claimed", "alerts-b"]]);
  });

  it("go back to waiting when the digest could not be sent", async () => {
    const reader = await readerInQuietHours("Нукус", ["energy"]);
    await seedArticles(database.db, new Date(), [{ title: "Energy market", age: 25, topics: ["energy"] }]);
    await arrive("В Нукусе открыли мост");
    fake.failNext("sendMessage", 5, 502);
    expect(await engine().deliverer.deliver(reader, today(reader), new Date())).toMatchObject({ kind: "failed" });
    const [row] = await repos.alerts.ledger(reader.id);
    expect(row).toMatchObject({ status: "pending", mode: "held", claimedBy: null });
    expect(row!.dueAt.getTime()).toBeGreaterThan(Date.now() + 55 * 60_000);
  });
});
