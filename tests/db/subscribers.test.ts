import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { subscribers } from "../../src/db/schema.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let repos: Repositories;
const defaults = { timeZone: "Asia/Bishkek", digestMinute: 8 * 60 };

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
});
afterAll(async () => database.close());

describe("subscriber repository", () => {
  it("creates a reader once with the defaults, unsubscribed", async () => {
    const first = await repos.subscribers.ensure(100, defaults);
    const again = await repos.subscribers.ensure(100, { timeZone: "UTC", digestMinute: 0 });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ chatId: 100, timeZone: "Asia/Bishkek", digestMinute: 480, topics: [], subscribed: false });
  });

  it("updates choices and lists only subscribed, unblocked readers", async () => {
    await repos.subscribers.update(201, defaults, { subscribed: true, topics: ["central-asia", "energy"] });
    await repos.subscribers.update(202, defaults, { subscribed: true });
    await repos.subscribers.update(203, defaults, { subscribed: false });
    await repos.subscribers.markBlocked(202, "403: Forbidden: bot was blocked by the user");
    const active = (await repos.subscribers.listActive()).map((s) => s.chatId);
    expect(active).toEqual([201]);
    expect((await repos.subscribers.find(201))?.topics).toEqual(["central-asia", "energy"]);
    const blocked = await repos.subscribers.find(202);
    expect(blocked?.blockedReason).toMatch(/blocked by the user/);
    expect(blocked?.blockedAt).toBeInstanceOf(Date);
  });

  it("reactivates a blocked reader, keeping their choices", async () => {
    await repos.subscribers.reactivate(202);
    const back = await repos.subscribers.find(202);
    expect(back?.blockedAt).toBeNull();
    expect(back?.subscribed).toBe(true);
    expect((await repos.subscribers.listActive()).map((s) => s.chatId)).toEqual([201, 202]);
  });

  it("holds 64-bit chat ids of groups and channels", async () => {
    const group = await repos.subscribers.ensure(-1001234567890, defaults);
    expect(group.chatId).toBe(-1001234567890);
  });
});

describe("subscriptions per forum topic", () => {
  const chatId = -1009876543210;

  it("keeps one row per chat and topic; the General topic is the chat itself", async () => {
    const general = await repos.subscribers.ensure(chatId, defaults);
    const topic = await repos.subscribers.ensure({ chatId, threadId: 5 }, defaults);
    const again = await repos.subscribers.ensure({ chatId, threadId: 5 }, defaults);
    expect(again.id).toBe(topic.id);
    expect(topic.id).not.toBe(general.id);
    expect(await repos.subscribers.find({ chatId, threadId: null })).toMatchObject({ id: general.id, messageThreadId: null });
    expect(topic.messageThreadId).toBe(5);
    await repos.subscribers.update({ chatId, threadId: 5 }, defaults, { digestMinute: 600 });
    expect((await repos.subscribers.find(chatId))?.digestMinute).toBe(480);
    expect((await repos.subscribers.find({ chatId, threadId: 5 }))?.digestMinute).toBe(600);
  });

  it("starts a new topic from the group's own choices", async () => {
    await repos.subscribers.update(chatId, defaults, { language: "ru", digestMinute: 420, timeZone: "Asia/Almaty" });
    const topic = await repos.subscribers.ensure({ chatId, threadId: 7 }, defaults);
    expect(topic).toMatchObject({ language: "ru", digestMinute: 420, timeZone: "Asia/Almaty", subscribed: false, messageThreadId: 7 });
    // Later changes of the group's settings are the group's only.
    await repos.subscribers.update(chatId, defaults, { digestMinute: 540 });
    expect((await repos.subscribers.find({ chatId, threadId: 7 }))?.digestMinute).toBe(420);
  });

  it("refuses a second row for the same chat and topic at the database too", async () => {
    await expect(database.db.insert(subscribers).values({ chatId, messageThreadId: 5, timeZone: "UTC", digestMinute: 0 })).rejects.toThrow();
    await expect(database.db.insert(subscribers).values({ chatId, messageThreadId: null, timeZone: "UTC", digestMinute: 0 })).rejects.toThrow();
  });

  it("looks a subscription up through the (chat, topic) index", async () => {
    await database.db.execute(sql`set enable_seqscan = off`);
    try {
      const plan = await database.db.execute(
        sql`explain select * from subscribers where chat_id = ${chatId} and coalesce(message_thread_id, 0) = ${5}`,
      );
      const rows = (Array.isArray(plan) ? plan : (plan as { rows: unknown[] }).rows) as Record<string, string>[];
      expect(rows.map((r) => Object.values(r).join(" ")).join("\n")).toContain("subscribers_chat_thread_key");
    } finally {
      await database.db.execute(sql`set enable_seqscan = on`);
    }
  });

  it("stops only a deleted topic after a send, and the whole chat for anything else", async () => {
    const other = await repos.subscribers.ensure({ chatId, threadId: 6 }, defaults);
    expect(await repos.subscribers.deactivateAfterSend({ chatId, messageThreadId: 5 }, "400: Bad Request: message thread not found")).toBe(true);
    expect((await repos.subscribers.find({ chatId, threadId: 5 }))?.blockedAt).toBeInstanceOf(Date);
    expect((await repos.subscribers.find({ chatId, threadId: other.messageThreadId }))?.blockedAt).toBeNull();
    expect((await repos.subscribers.find(chatId))?.blockedAt).toBeNull();
    expect(await repos.subscribers.deactivateAfterSend({ chatId, messageThreadId: 6 }, "403: Forbidden: bot was kicked from the supergroup chat")).toBe(true);
    const rows = await repos.subscribers.findMany([chatId]);
    const byTopic = [...rows].sort((a, b) => (a.messageThreadId ?? 0) - (b.messageThreadId ?? 0));
    expect(byTopic.map((r) => [r.messageThreadId, r.blockedReason?.slice(0, 3)])).toEqual([
      [null, "403"],
      [5, "400"],
      [6, "403"],
      [7, "403"],
    ]);
  });
});
