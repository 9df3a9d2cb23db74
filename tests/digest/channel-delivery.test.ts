import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRepositories, type Repositories, type Subscriber } from "../../src/db/repositories/index.js";
import { createDigestEngine, createPacer, type DigestEngine } from "../../src/digest/engine.js";
import { deliverAll, findDue } from "../../src/digest/pass.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { seedArticles, seedSubscribers, TEST_TOPICS } from "./seed.js";

let database: TestDatabase;
let repos: Repositories;
let fake: FakeBotApi;
let nextChat = -100_700_000_000;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  await seedArticles(database.db, new Date(), [{ title: "Pipeline news", age: 30, topics: ["energy"] }]);
});
afterAll(async () => database.close());
beforeEach(async () => {
  fake = await startFakeBotApi();
});
afterEach(async () => fake.close());

function engine(): DigestEngine {
  return createDigestEngine({
    repos,
    topics: TEST_TOPICS,
    size: 10,
    sendEmpty: false,
    leaseMs: 30_000,
    pacer: createPacer({ rate: 1000, pauseMarginMs: 50 }),
    api: { token: fake.token, apiRoot: fake.url },
    sender: { backoffMs: 20, maxAttempts: 2 },
  });
}

async function runPass(chats: number[]) {
  const now = new Date();
  const wanted = new Set(chats);
  const due = (await findDue(repos, now, { ignoreTime: true })).filter((d) => wanted.has(d.subscriber.chatId));
  const e = engine();
  return deliverAll(due, now, { deliverer: e.deliverer, builder: e.builder, repos, concurrency: e.concurrency });
}

async function chatSubscriber(
  changes: Partial<Pick<Subscriber, "chatKind" | "chatTitle">> & { threadId?: number },
  chatId = nextChat--,
): Promise<Subscriber> {
  const { threadId, ...rest } = changes;
  await seedSubscribers(database.db, [{ chatId, threadId }]);
  return repos.subscribers.update({ chatId, threadId: threadId ?? null }, { timeZone: "UTC", digestMinute: 0 }, rest);
}

describe("forum topics", () => {
  it("delivers a group's digest into its topic, once a day", async () => {
    const group = await chatSubscriber({ chatKind: "supergroup", threadId: 5 });
    fake.addChat({ id: group.chatId, type: "supergroup", title: "Forum", is_forum: true });
    fake.setForumTopic(group.chatId, 5, true);
    expect(await runPass([group.chatId])).toMatchObject({ sent: 1 });
    const sent = fake.sent(group.chatId);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.message_thread_id).toBe(5);
    expect(await runPass([group.chatId])).toMatchObject({ sent: 0 });
  });

  it("deactivates a group whose topic was deleted, with the reason", async () => {
    const group = await chatSubscriber({ chatKind: "supergroup", threadId: 9 });
    fake.addChat({ id: group.chatId, type: "supergroup", title: "Forum", is_forum: true });
    expect(await runPass([group.chatId])).toMatchObject({ deactivated: 1 });
    const row = await repos.subscribers.find({ chatId: group.chatId, threadId: 9 });
    expect(row?.blockedReason).toMatch(/400.*message thread not found/);
  });

  it("gives two topics of one group and its General topic each their own digest, in their own thread", async () => {
    const chatId = nextChat--;
    fake.addChat({ id: chatId, type: "supergroup", title: "Forum", is_forum: true });
    fake.setForumTopic(chatId, 11, true);
    fake.setForumTopic(chatId, 12, true);
    await chatSubscriber({ chatKind: "supergroup", threadId: 11 }, chatId);
    await chatSubscriber({ chatKind: "supergroup", threadId: 12 }, chatId);
    await chatSubscriber({ chatKind: "supergroup" }, chatId);
    // Topic 12 wants another language: settings are per topic.
    await repos.subscribers.update({ chatId, threadId: 12 }, { timeZone: "UTC", digestMinute: 0 }, { language: "ru" });
    expect(await runPass([chatId])).toMatchObject({ sent: 3 });
    const sent = fake.sent(chatId);
    expect(sent.map((m) => m.message_thread_id ?? null).sort()).toEqual([11, 12, null]);
    const [inEleven, inTwelve] = [11, 12].map((t) => String(sent.find((m) => m.message_thread_id === t)?.text));
    expect(inEleven).not.toBe(inTwelve);
    expect(await runPass([chatId])).toMatchObject({ sent: 0 });
    expect(fake.sent(chatId)).toHaveLength(3);
  });

  it("stops only the deleted topic; the group's other topics keep their digests", async () => {
    const chatId = nextChat--;
    fake.addChat({ id: chatId, type: "supergroup", title: "Forum", is_forum: true });
    fake.setForumTopic(chatId, 21, true);
    // Topic 22 was deleted: Telegram answers "message thread not found".
    await chatSubscriber({ chatKind: "supergroup", threadId: 21 }, chatId);
    await chatSubscriber({ chatKind: "supergroup", threadId: 22 }, chatId);
    expect(await runPass([chatId])).toMatchObject({ sent: 1, deactivated: 1 });
    expect(fake.sent(chatId).map((m) => m.message_thread_id)).toEqual([21]);
    const gone = await repos.subscribers.find({ chatId, threadId: 22 });
    const alive = await repos.subscribers.find({ chatId, threadId: 21 });
    expect(gone?.blockedReason).toMatch(/message thread not found/);
    expect(alive?.blockedAt).toBeNull();
    // The bot being added back to the group does not revive a deleted topic.
    await repos.subscribers.markChatBlocked(chatId, "my_chat_member: removed from the chat");
    await repos.subscribers.reactivateChat(chatId);
    expect((await repos.subscribers.find({ chatId, threadId: 21 }))?.blockedAt).toBeNull();
    expect((await repos.subscribers.find({ chatId, threadId: 22 }))?.blockedReason).toMatch(/message thread not found/);
  });
});

describe("channels", () => {
  it("posts a channel's digest once a day when the bot may post", async () => {
    const channel = await chatSubscriber({ chatKind: "channel", chatTitle: "@posting" });
    fake.addChat({ id: channel.chatId, type: "channel", title: "Posting", username: "posting" });
    fake.setChatMember(channel.chatId, fake.botInfo.id, { status: "administrator", can_post_messages: true });
    expect(await runPass([channel.chatId])).toMatchObject({ sent: 1 });
    expect(await runPass([channel.chatId])).toMatchObject({ sent: 0 });
    expect(fake.sent(channel.chatId)).toHaveLength(1);
  });

  it("deactivates a channel where the bot lost its rights and tells each manager once, in their language", async () => {
    const channel = await chatSubscriber({ chatKind: "channel", chatTitle: "@lost" });
    fake.addChat({ id: channel.chatId, type: "channel", title: "Lost", username: "lost" });
    fake.setChatMember(channel.chatId, fake.botInfo.id, { status: "administrator", can_post_messages: false });
    const [ru, en] = [880_001 + Math.abs(channel.chatId % 1000), 890_001 + Math.abs(channel.chatId % 1000)];
    await seedSubscribers(database.db, [
      { chatId: ru, language: "ru", subscribed: false },
      { chatId: en, language: "en", subscribed: false },
    ]);
    await repos.chatManagers.add(channel.chatId, ru);
    await repos.chatManagers.add(channel.chatId, en);
    expect(await runPass([channel.chatId])).toMatchObject({ deactivated: 1 });
    expect((await repos.subscribers.find(channel.chatId))?.blockedReason).toMatch(/need administrator rights/);
    expect(String(fake.sent(ru)[0]?.text)).toContain("Я перестал публиковать дайджест в @lost: у меня больше нет права публиковать сообщения.");
    expect(String(fake.sent(en)[0]?.text)).toContain("I stopped posting the digest to @lost: I no longer have the right to post messages there.");
    expect(await runPass([channel.chatId])).toMatchObject({ sent: 0, deactivated: 0 });
    expect(fake.sent(ru)).toHaveLength(1);
    expect(fake.sent(en)).toHaveLength(1);
  });
});
