import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAlertButton, encodeAlertButton } from "../../src/alerts/buttons.js";
import { createAlertService, MAX_WATCHES_PER_CHAT } from "../../src/alerts/service.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createNewsQueries } from "../../src/news/queries.js";
import { createTopicService } from "../../src/topics/service.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import type { Context } from "../../src/bot/context.js";
import { buttonData, callback, createBotHarness, message, seedArticles, sentText, type BotHarness } from "../helpers/bot-harness.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let repos: Repositories;
let harness: BotHarness;
let nextUser = 700_000;
/** Chats whose members may not manage alerts (the group admin check plugs in here). */
const readOnly = new Set<number>();

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  const topics = createTopicService({ topics: [...BUILTIN_TOPICS], repos });
  const news = createNewsQueries(repos);
  harness = createBotHarness({
    news,
    topics,
    alerts: {
      alerts: createAlertService({ repos, topics, defaults: { timeZone: "Europe/Moscow", digestMinute: 480 } }),
      news,
      topics,
      hourlyCap: 10,
      canManage: async (ctx: Context) => !readOnly.has(ctx.chat!.id),
    },
  });
  await seedArticles(repos, { url: "https://wire.example/feed", title: "Wire" }, [
    { title: "Токаев провёл встречу с инвесторами", url: "https://wire.example/1", publishedAt: new Date(Date.now() - 3_600_000) },
  ]);
});

afterAll(async () => {
  await database.close();
});

const send = (text: string, userId: number, opts: { chatId?: number; chatType?: "group" } = {}) => harness.handleUpdate(message(text, { userId, ...opts }));
const press = (data: string, userId: number, chatId = userId) => harness.handleUpdate(callback(data, { userId, chatId, messageId: 5 }));

async function watchesOf(chatId: number) {
  const subscriber = await repos.subscribers.find(chatId);
  return subscriber ? repos.alerts.listWatches(subscriber.id) : [];
}

describe("/alert", () => {
  it("explains itself when given nothing", async () => {
    expect(sentText(await send("/alert", nextUser++))).toContain("/alert Tokayev");
  });

  it("starts a word watch and shows the latest story it would have matched", async () => {
    const user = nextUser++;
    const text = sentText(await send("/alert Токаев", user));
    expect(text).toContain("Watching: <b>Токаев</b>");
    expect(text).toContain("The latest story that matches:");
    expect(text).toContain('<a href="https://wire.example/1">Токаев провёл встречу с инвесторами</a>');
    expect((await watchesOf(user)).map((w) => [w.query, w.topic])).toEqual([["Токаев", null]]);
  });

  it("resolves topic names as /topic does, in either language or with `topic`", async () => {
    const user = nextUser++;
    expect(sentText(await send("/alert Центральная Азия", user))).toContain("Watching the topic <b>Central Asia</b>");
    expect(sentText(await send("/alert topic energy", user))).toContain("Watching the topic <b>Energy</b>");
    expect(sentText(await send("/alert topic nonsense-words", user))).toContain("I don't know the topic <b>nonsense-words</b>");
    // A country is an alias of Central Asia for /topic, but as an alert it is the word.
    expect(sentText(await send("/alert Казахстан", user))).toContain("Watching: <b>Казахстан</b>");
    expect(sentText(await send("/alert Центральной Азии", user))).toContain("already watching");
    expect((await watchesOf(user)).map((w) => w.topic)).toEqual(["central-asia", "energy", null]);
  });

  it("refuses a query with nothing to look for, and a duplicate", async () => {
    const user = nextUser++;
    expect(sentText(await send("/alert -Корея", user))).toContain("nothing to watch");
    await send("/alert Бишкек", user);
    expect(sentText(await send("/alert бишкек", user))).toContain("already watching");
    expect(await watchesOf(user)).toHaveLength(1);
  });

  it(`stops at ${MAX_WATCHES_PER_CHAT} watches per chat with a clear message`, async () => {
    const user = nextUser++;
    for (let i = 0; i < MAX_WATCHES_PER_CHAT; i++) await send(`/alert слово${i}x город`, user);
    expect(await watchesOf(user)).toHaveLength(MAX_WATCHES_PER_CHAT);
    expect(sentText(await send("/alert ещё одно", user))).toContain(`at most ${MAX_WATCHES_PER_CHAT} alerts`);
    expect(await watchesOf(user)).toHaveLength(MAX_WATCHES_PER_CHAT);
  });

  it("leaves a chat's alerts alone when the sender may not manage them", async () => {
    const user = nextUser++;
    const group = -4_000_000 - user;
    readOnly.add(group);
    expect(sentText(await send("/alert Токаев", user, { chatId: group, chatType: "group" }))).toContain("Only the group's administrators");
    expect(await watchesOf(group)).toHaveLength(0);
    // Any member may read the list; it is the group's, not the reader's own.
    const listed = await send("/alerts", user, { chatId: group, chatType: "group" });
    const list = sentText(listed);
    // …without the pause and quiet-hours buttons, which would refuse every press of theirs.
    expect(buttonData(listed[0])).toEqual([]);
    expect(list).toContain("This group's alerts");
    expect(list).toContain("The group has no alerts yet. Its administrators start one");
    expect(list).not.toContain("Your alerts");
  });
});

describe("/alerts and the buttons", () => {
  it("lists the watches with remove buttons, a pause switch and quiet hours", async () => {
    const user = nextUser++;
    await send("/alert Токаев", user);
    await send("/alert topic energy", user);
    const calls = await send("/alerts", user);
    const text = sentText(calls);
    expect(text).toContain("2 watches of 20");
    expect(text).toContain("1. Токаев");
    expect(text).toContain("2. topic: Energy");
    expect(text).toContain("Quiet hours: <b>23:00–08:00</b> (Europe/Moscow)");
    const [first, second] = await watchesOf(user);
    expect(buttonData(calls[0])).toEqual([
      encodeAlertButton({ op: "remove", watchId: first!.id }),
      encodeAlertButton({ op: "remove", watchId: second!.id }),
      encodeAlertButton({ op: "pause", on: true }),
      encodeAlertButton({ op: "quiet", on: false }),
    ]);

    const removed = await press(encodeAlertButton({ op: "remove", watchId: first!.id }), user);
    expect(removed.map((c) => c.method)).toEqual(["editMessageText", "answerCallbackQuery"]);
    expect(removed[1]!.payload.text).toBe("Removed: Токаев");
    expect((await watchesOf(user)).map((w) => w.id)).toEqual([second!.id]);

    const paused = await press(encodeAlertButton({ op: "pause", on: true }), user);
    expect(String(paused[0]!.payload.text)).toContain("Alerts are <b>paused</b>");
    const subscriber = await repos.subscribers.find(user);
    expect((await repos.alerts.settings(subscriber!.id)).paused).toBe(true);
  });

  it("mutes a watch from the button under an alert, and only in the chat that owns it", async () => {
    const owner = nextUser++;
    const stranger = nextUser++;
    await send("/alert Бишкек", owner);
    await send("/alert Ош", stranger);
    const [watch] = await watchesOf(owner);
    const forged = encodeAlertButton({ op: "mute", watchId: watch!.id });
    expect(decodeAlertButton(forged)).toEqual({ op: "mute", watchId: watch!.id });

    // The stranger presses a button naming the owner's watch in their own chat: nothing changes.
    const refused = await press(forged, stranger);
    expect(refused.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(refused[0]!.payload.text).toBe("This alert no longer exists.");
    expect((await watchesOf(owner))[0]!.muted).toBe(false);
    expect((await watchesOf(stranger))[0]!.muted).toBe(false);
    const removeForged = await press(encodeAlertButton({ op: "remove", watchId: watch!.id }), stranger);
    expect(removeForged[0]!.payload.text).toBe("This alert no longer exists.");
    expect(await watchesOf(owner)).toHaveLength(1);

    const muted = await press(forged, owner);
    expect(muted.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(muted[0]!.payload.text).toBe("Muted: Бишкек");
    expect((await watchesOf(owner))[0]!.muted).toBe(true);
    const list = sentText(await send("/alerts", owner));
    expect(list).toContain("1. Бишкек (muted)");
  });

  it("/quiet changes or switches off quiet hours", async () => {
    const user = nextUser++;
    expect(sentText(await send("/quiet 22:30-07:00", user))).toContain("<b>22:30–07:00</b> in Europe/Moscow");
    const id = (await repos.subscribers.find(user))!.id;
    expect((await repos.alerts.settings(id)).quiet).toEqual({ start: 22 * 60 + 30, end: 7 * 60 });
    expect(sentText(await send("/quiet off", user))).toContain("Quiet hours are off");
    expect((await repos.alerts.settings(id)).quiet).toBeNull();
    expect(sentText(await send("/quiet sometimes", user))).toContain("/quiet 23:00-08:00");
  });

  it("opens from the /settings alerts button", async () => {
    const user = nextUser++;
    await send("/alert Токаев", user);
    const calls = await press(encodeAlertButton({ op: "show" }), user);
    expect(calls.map((c) => c.method)).toEqual(["editMessageText", "answerCallbackQuery"]);
    expect(String(calls[0]!.payload.text)).toContain("1. Токаев");
  });
});
