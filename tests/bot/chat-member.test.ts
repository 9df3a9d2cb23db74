import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { message, sentText } from "../helpers/bot-harness.js";
import { createSubscriptionWorld, myChatMember, type SubscriptionWorld } from "./subscribe-setup.js";

let world: SubscriptionWorld;

beforeAll(async () => {
  world = await createSubscriptionWorld(new Date("2025-06-10T03:00:00Z"));
});
afterAll(async () => world.database.close());

const row = (chatId: number) => world.repos.subscribers.find(chatId);
const active = async () => (await world.repos.subscribers.listActive()).map((s) => s.chatId);

describe("my_chat_member", () => {
  it("deactivates a reader who blocks the bot, silently, and /start brings them back with their choices", async () => {
    const user = 8001;
    await world.harness.handleUpdate(message("/subscribe energy", { userId: user }));
    const calls = await world.harness.handleUpdate(myChatMember("kicked", { chatId: user }));
    expect(calls).toEqual([]);
    const blocked = await row(user);
    expect(blocked?.blockedAt).toBeInstanceOf(Date);
    expect(blocked?.blockedReason).toBe("my_chat_member: blocked by the user");
    expect(await active()).not.toContain(user);

    const greeting = await world.harness.handleUpdate(message("/start", { userId: user }));
    expect(sentText(greeting)).toContain("Vestnik");
    expect(await row(user)).toMatchObject({ blockedAt: null, blockedReason: null, subscribed: true, topics: ["energy"] });
    expect(await active()).toContain(user);
  });

  it("reactivates a reader who unblocks the bot", async () => {
    const user = 8002;
    await world.harness.handleUpdate(message("/subscribe", { userId: user }));
    await world.harness.handleUpdate(myChatMember("kicked", { chatId: user }));
    expect(await active()).not.toContain(user);
    await world.harness.handleUpdate(myChatMember("member", { chatId: user, from: "kicked" }));
    expect(await row(user)).toMatchObject({ blockedAt: null, subscribed: true });
    expect(await active()).toContain(user);
  });

  it("leaves an /unsubscribe in force when the chat becomes reachable again", async () => {
    const user = 8003;
    await world.harness.handleUpdate(message("/subscribe", { userId: user }));
    await world.harness.handleUpdate(message("/unsubscribe", { userId: user }));
    await world.harness.handleUpdate(myChatMember("kicked", { chatId: user }));
    await world.harness.handleUpdate(myChatMember("member", { chatId: user, from: "kicked" }));
    expect(await row(user)).toMatchObject({ blockedAt: null, subscribed: false });
  });

  it("deactivates a group that removes the bot, and reactivates it when the bot is added back", async () => {
    const chatId = -100_555_001;
    world.harness.setMember(chatId, 8004, { status: "creator" });
    await world.harness.handleUpdate(message("/subscribe@vestnik_test_bot", { chatType: "supergroup", chatId, userId: 8004 }));
    await world.harness.handleUpdate(myChatMember("left", { chatId, chatType: "supergroup" }));
    expect((await row(chatId))?.blockedReason).toBe("my_chat_member: left");
    await world.harness.handleUpdate(myChatMember("administrator", { chatId, chatType: "supergroup", from: "left" }));
    expect(await row(chatId)).toMatchObject({ blockedAt: null, subscribed: true });

    await world.harness.handleUpdate(myChatMember("kicked", { chatId, chatType: "supergroup" }));
    expect((await row(chatId))?.blockedReason).toBe("my_chat_member: removed from the chat");
  });

  it("stores nothing for a chat that never subscribed", async () => {
    await world.harness.handleUpdate(myChatMember("kicked", { chatId: 8005 }));
    await world.harness.handleUpdate(myChatMember("member", { chatId: 8006, from: "left" }));
    expect(await row(8005)).toBeUndefined();
    expect(await row(8006)).toBeUndefined();
  });
});
