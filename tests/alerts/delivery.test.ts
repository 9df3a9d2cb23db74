import { beforeEach, describe, expect } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { decodeAlertButton } from "../../src/alerts/buttons.js";
import { createAlertDeactivation } from "../../src/alerts/deactivate.js";
import { createAlertDispatcher, type AlertDispatcher } from "../../src/alerts/dispatch.js";
import { createAlertMatcher, type AlertMatcher } from "../../src/alerts/matcher.js";
import { createAlertService } from "../../src/alerts/service.js";
import { createTopicService } from "../../src/topics/service.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import type { Repositories } from "../../src/db/repositories/index.js";
import { alertDeliveries, articles, stories, subscribers } from "../../src/db/schema.js";
import { createPacer } from "../../src/digest/pacer.js";
import { createDigestSender } from "../../src/digest/send.js";
import { createFeatureTranslate } from "../../src/digest/texts.js";
import { localClock } from "../../src/digest/schedule.js";
import { Api } from "grammy";
import type { FakeBotApi } from "../helpers/fake-bot-api.js";
import { it, test } from "../helpers/fixtures.js";
import type { TestDatabase } from "../helpers/test-db.js";
import { seedArticles, seedSubscribers } from "../digest/seed.js";
import { sendDefaults } from "../../src/shared/send-defaults.js";

let database: TestDatabase;
let repos: Repositories;
let fake: FakeBotApi;
let matcher: AlertMatcher;
let nextChat = 50_000;
const t = createFeatureTranslate("alerts", "digest");

test.beforeAll(({ database: db, repos: r, telegram }) => {
  database = db;
  repos = r;
  fake = telegram;
});

beforeEach(() => {
  fake.reset();
  // A fresh matcher sees the watches each test adds (the revision check is per second otherwise).
  matcher = createAlertMatcher({ repo: repos.alerts, revisionCheckMs: 0 });
});

function dispatcher(opts: { worker?: string; leaseMs?: number; hourlyCap?: number } = {}): AlertDispatcher {
  const api = new Api(fake.token, { apiRoot: fake.url });
  api.config.use(sendDefaults());
  const sender = createDigestSender({ api, pacer: createPacer({ rate: 1000 }), backoffMs: 10, maxAttempts: 2 });
  return createAlertDispatcher({
    repo: repos.alerts,
    sender,
    deactivate: createAlertDeactivation({ repos, send: (chatId, text) => sender.send(chatId, text) }),
    t,
    worker: opts.worker ?? "worker-a",
    leaseMs: opts.leaseMs ?? 30_000,
    hourlyCap: opts.hourlyCap ?? 10,
  });
}

/** A chat with alerts and no quiet hours, so alerts go at once whatever the hour. */
async function newChat(queries: string[], opts: { timeZone?: string; quiet?: { start: number; end: number } | null } = {}) {
  const chatId = nextChat++;
  const [subscriber] = await seedSubscribers(database.db, [{ chatId, timeZone: opts.timeZone ?? "Europe/Moscow", language: "en", subscribed: false }]);
  await repos.alerts.updateSettings(subscriber!.id, { quiet: opts.quiet === undefined ? null : opts.quiet });
  const watches = [];
  for (const q of queries) {
    const added = await repos.alerts.addWatch(subscriber!.id, q, null, 20);
    if (added.kind !== "added") throw new Error(`watch ${q}: ${added.kind}`);
    watches.push(added.watch);
  }
  return { chatId, subscriber: subscriber!, watches };
}

/** Stores articles (optionally as reports of one story) and runs the matching step on them. */
async function arrive(titles: string[], opts: { story?: number; source?: string } = {}) {
  const ids = await seedArticles(database.db, new Date(), titles.map((title) => ({ title, age: 1 })), opts.source ?? "Wire");
  if (opts.story !== undefined) await database.db.update(articles).set({ storyId: opts.story }).where(inArray(articles.id, ids));
  const filed = await matcher.articlesStored(ids.map((id, i) => ({ id, title: titles[i]!, text: "", topics: [] })));
  return { ids, filed };
}

async function newStory(): Promise<number> {
  const now = new Date();
  const [row] = await database.db.insert(stories).values({ firstPublishedAt: now, lastPublishedAt: now }).returning({ id: stories.id });
  return row!.id;
}

const sentTo = (chatId: number) => fake.sent(chatId).map((p) => String(p.text));

describe("alert delivery", () => {
  it("alerts a story once per chat, however many reports and watches match it", async () => {
    const reader = await newChat(["Корея", '"военное положение"']);
    const bystander = await newChat(["Казахстан"]);
    const story = await newStory();
    const first = await arrive(["В Южной Корее ввели военное положение", "Корея: военное положение объявлено"], { story });
    expect(first.filed).toBe(1);
    expect(await dispatcher().runOnce()).toBe(1);
    const [text] = sentTo(reader.chatId);
    expect(sentTo(reader.chatId)).toHaveLength(1);
    expect(text).toContain('<a href="https://news.example/');
    expect(text).toContain("Wire");
    expect(text).toContain("Your alert: <i>Корея</i>");
    const markup = fake.sent(reader.chatId)[0]!.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const data = markup.inline_keyboard[0]![0]!.callback_data;
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(decodeAlertButton(data)).toEqual({ op: "mute", watchId: reader.watches[0]!.id });

    // A later report of the same story, from another outlet, adds nothing.
    const later = await arrive(["Парламент Кореи требует отменить военное положение"], { story, source: "Other" });
    expect(later.filed).toBe(0);
    expect(await dispatcher().runOnce()).toBe(0);
    expect(sentTo(reader.chatId)).toHaveLength(1);
    expect(sentTo(bystander.chatId)).toHaveLength(0);

    // An article without a story is a story of its own.
    await arrive(["Корея и Япония провели переговоры"]);
    await dispatcher().runOnce();
    expect(sentTo(reader.chatId)).toHaveLength(2);
  });

  it("names the story's other outlets", async () => {
    const reader = await newChat(["Бишкек"]);
    const story = await newStory();
    await seedArticles(database.db, new Date(), [{ title: "Бишкек: ранний отчёт", age: 5 }], "Early Agency").then((ids) =>
      database.db.update(articles).set({ storyId: story }).where(inArray(articles.id, ids)),
    );
    await arrive(["Мэрия Бишкека закрыла рынок"], { story, source: "Late Wire" });
    await dispatcher().runOnce();
    expect(sentTo(reader.chatId)[0]).toContain("Late Wire · +1 outlet: Early Agency");
  });

  it("holds alerts in quiet hours and sends them as one message when they end", async () => {
    const minute = localClock(new Date(), "Asia/Almaty").minute;
    const quiet = { start: (minute + 1380) % 1440, end: (minute + 60) % 1440 };
    const reader = await newChat(["Алматы"], { timeZone: "Asia/Almaty", quiet });
    await arrive(["В Алматы выпал снег"]);
    await arrive(["Алматы: метро закрыто на ремонт"]);
    const rows = await repos.alerts.ledger(reader.subscriber.id);
    expect(rows.map((r) => [r.status, r.mode])).toEqual([["pending", "held"], ["pending", "held"]]);
    const due = rows[0]!.dueAt.getTime() - Date.now();
    expect(due).toBeGreaterThan(55 * 60_000);
    expect(due).toBeLessThanOrEqual(60 * 60_000);
    expect(await dispatcher().runOnce()).toBe(0);
    expect(sentTo(reader.chatId)).toHaveLength(0);

    // Quiet hours are over.
    await database.db.update(alertDeliveries).set({ dueAt: sql`now()` }).where(eq(alertDeliveries.subscriberId, reader.subscriber.id));
    await dispatcher().runOnce();
    const texts = sentTo(reader.chatId);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain("2 alerts</b> held for you");
    expect(texts[0]).toContain("В Алматы выпал снег");
    expect(texts[0]).toContain("метро закрыто");
  });

  it("releases held alerts when the reader switches quiet hours off, and keeps them when the new hours still cover now", async () => {
    const minute = localClock(new Date(), "Asia/Almaty").minute;
    const quiet = { start: (minute + 1380) % 1440, end: (minute + 60) % 1440 };
    const reader = await newChat(["Алматы"], { timeZone: "Asia/Almaty", quiet });
    const service = createAlertService({ repos, topics: createTopicService({ topics: [...BUILTIN_TOPICS], repos }), defaults: { timeZone: "Asia/Almaty", digestMinute: 480 } });
    await arrive(["В Алматы открыли каток"]);
    expect(await dispatcher().runOnce()).toBe(0);

    // Shorter quiet hours that still cover now: the alert waits for their new, earlier end.
    await service.setQuiet(reader.chatId, { start: quiet.start, end: (minute + 30) % 1440 });
    const [held] = await repos.alerts.ledger(reader.subscriber.id);
    const wait = held!.dueAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(25 * 60_000);
    expect(wait).toBeLessThanOrEqual(30 * 60_000);
    expect(await dispatcher().runOnce()).toBe(0);

    await service.setQuiet(reader.chatId, null);
    await dispatcher().runOnce();
    const texts = sentTo(reader.chatId);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain("каток");
  });

  it("caps alerts per hour and sends the rest as one summary an hour later", async () => {
    const reader = await newChat(["Ташкент"]);
    for (let i = 0; i < 5; i++) await arrive([`Ташкент: новость номер ${i}`]);
    await dispatcher({ hourlyCap: 2 }).runOnce();
    expect(sentTo(reader.chatId)).toHaveLength(2);
    // One chat gets about one message a second, as Telegram asks.
    const times = fake.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === reader.chatId).map((c) => c.at);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    const held = (await repos.alerts.ledger(reader.subscriber.id)).filter((r) => r.status === "pending");
    expect(held).toHaveLength(3);
    expect(held.every((r) => r.mode === "held" && r.dueAt.getTime() - Date.now() > 55 * 60_000)).toBe(true);

    // One more match within the hour joins the same summary.
    await arrive(["Ташкент: ещё одна новость"]);
    await dispatcher({ hourlyCap: 2 }).runOnce();
    expect(sentTo(reader.chatId)).toHaveLength(2);

    await database.db.update(alertDeliveries).set({ dueAt: sql`now()` }).where(eq(alertDeliveries.status, "pending"));
    await dispatcher({ hourlyCap: 2 }).runOnce();
    const texts = sentTo(reader.chatId);
    expect(texts).toHaveLength(3);
    expect(texts[2]).toContain("4 alerts</b> held for you");
  });

  it("takes over alerts of a worker that died after its lease, and the dead worker can settle nothing", async () => {
    const reader = await newChat(["Душанбе"]);
    await arrive(["Душанбе принял делегацию"]);
    const claimed = await repos.alerts.claimDue("dead-worker", 300, 10);
    expect(claimed.map((c) => c.chatId)).toEqual([reader.chatId]);
    // Its lease is live: nobody else sends.
    expect(await dispatcher({ worker: "worker-b" }).runOnce()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await dispatcher({ worker: "worker-b" }).runOnce()).toBe(1);
    expect(sentTo(reader.chatId)).toHaveLength(1);
    expect(await repos.alerts.settle([claimed[0]!.id], "dead-worker", { status: "sent", messageId: 1 })).toEqual([]);
    const [row] = await repos.alerts.ledger(reader.subscriber.id);
    expect(row).toMatchObject({ status: "sent", claimedBy: "worker-b", attempts: 2 });
  });

  it("two dispatchers racing never send one alert twice", async () => {
    const readers = [];
    for (let i = 0; i < 6; i++) readers.push(await newChat(["Ашхабад"]));
    await arrive(["Ашхабад открыл новый аэропорт"]);
    const [a, b] = await Promise.all([dispatcher({ worker: "a" }).runOnce(), dispatcher({ worker: "b" }).runOnce()]);
    expect(a + b).toBe(6);
    for (const reader of readers) expect(sentTo(reader.chatId)).toHaveLength(1);
  });

  it("deactivates a chat that blocked the bot and drops its alerts", async () => {
    const reader = await newChat(["Астана"]);
    fake.blockChat(reader.chatId);
    await arrive(["Астана примет саммит"]);
    await dispatcher().runOnce();
    const [row] = await database.db.select().from(subscribers).where(eq(subscribers.id, reader.subscriber.id));
    expect(row!.blockedReason).toMatch(/403/);
    expect((await repos.alerts.ledger(reader.subscriber.id)).map((r) => r.status)).toEqual(["dropped"]);
    // A blocked chat's watches match nothing any more.
    expect((await arrive(["Астана: саммит открылся"])).filed).toBe(0);
  });

  it("files nothing for a paused chat or a muted watch", async () => {
    const paused = await newChat(["Самарканд"]);
    await repos.alerts.updateSettings(paused.subscriber.id, { paused: true });
    const muted = await newChat(["Самарканд"]);
    await repos.alerts.setMuted(muted.subscriber.id, muted.watches[0]!.id, true);
    expect((await arrive(["Самарканд принимает туристов"])).filed).toBe(0);
  });
});

describe("alerts into channels and forum topics", () => {
  /** A channel or forum topic with one watch, as /alert from a manager's private chat or from the topic sets it up. */
  async function place(query: string, at: { chatId: number; threadId?: number; chatKind: "channel" | "supergroup" }) {
    const [seeded] = await seedSubscribers(database.db, [{ chatId: at.chatId, threadId: at.threadId ?? null, language: "en", subscribed: false }]);
    await repos.subscribers.update({ chatId: at.chatId, threadId: at.threadId ?? null }, { timeZone: "UTC", digestMinute: 0 }, { chatKind: at.chatKind });
    await repos.alerts.updateSettings(seeded!.id, { quiet: null });
    const added = await repos.alerts.addWatch(seeded!.id, query, null, 20);
    if (added.kind !== "added") throw new Error(added.kind);
    return seeded!;
  }

  it("posts a channel's alert to the channel once per story, without a mute button its readers could not use", async () => {
    const chatId = -100_555_000_001;
    fake.addChat({ id: chatId, type: "channel", title: "Wire channel", username: "wirechannel" });
    fake.setChatMember(chatId, fake.botInfo.id, { status: "administrator", can_post_messages: true });
    await place("Ташкент", { chatId, chatKind: "channel" });
    const story = await newStory();
    await arrive(["Ташкент принял инвесторов"], { story });
    await arrive(["В Ташкенте прошёл форум инвесторов"], { story, source: "Other" });
    await dispatcher().runOnce();
    await dispatcher().runOnce();
    const sent = fake.sent(chatId);
    expect(sent).toHaveLength(1);
    expect(String(sent[0]?.text)).toContain("Ташкент принял инвесторов");
    expect(sent[0]?.reply_markup).toBeUndefined();
  });

  it("stops a channel's alerts when the bot lost its right to post, and tells its manager once", async () => {
    const chatId = -100_555_000_002;
    const manager = nextChat++;
    fake.addChat({ id: chatId, type: "channel", title: "Lost channel", username: "lostchannel" });
    fake.setChatMember(chatId, fake.botInfo.id, { status: "administrator", can_post_messages: false });
    await place("Самарканд", { chatId, chatKind: "channel" });
    await repos.subscribers.update(chatId, { timeZone: "UTC", digestMinute: 0 }, { chatTitle: "@lostchannel" });
    await seedSubscribers(database.db, [{ chatId: manager, language: "en", subscribed: false }]);
    await repos.chatManagers.add(chatId, manager);
    await arrive(["Самарканд встречает туристов"]);
    await dispatcher().runOnce();
    expect(fake.sent(chatId)).toHaveLength(0);
    expect((await repos.subscribers.find(chatId))?.blockedReason).toMatch(/rights/);
    expect(sentTo(manager)).toEqual([expect.stringContaining("I stopped posting the digest to @lostchannel")]);
    // Its later matches are not even filed: the channel is off until it is connected again.
    await arrive(["Самарканд: туристов стало больше"]);
    await dispatcher().runOnce();
    expect(sentTo(manager)).toHaveLength(1);
  });

  it("alerts each forum topic in its own thread, and a deleted topic stops only itself", async () => {
    const chatId = -100_555_000_003;
    fake.addChat({ id: chatId, type: "supergroup", title: "Forum", is_forum: true });
    fake.setForumTopic(chatId, 31, true);
    await place("Нукус", { chatId, threadId: 31, chatKind: "supergroup" });
    await place("Нукус", { chatId, threadId: 32, chatKind: "supergroup" });
    await arrive(["Нукус: новая дорога открыта"]);
    await dispatcher().runOnce();
    expect(fake.sent(chatId).map((m) => m.message_thread_id)).toEqual([31]);
    expect((await repos.subscribers.find({ chatId, threadId: 32 }))?.blockedReason).toMatch(/message thread not found/);
    expect((await repos.subscribers.find({ chatId, threadId: 31 }))?.blockedAt).toBeNull();
  });
});
