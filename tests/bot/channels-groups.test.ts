import type { Chat, Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAlertButton, encodeAlertButton } from "../../src/alerts/buttons.js";
import { decodeCallback, encodeCallback } from "../../src/bot/callback-data.js";
import { BOT_INFO, buttonData, callback, message, sentText, type ApiCall } from "../helpers/bot-harness.js";
import { createSubscriptionWorld, type SubscriptionWorld } from "./subscribe-setup.js";

const NOW = new Date("2025-06-10T03:00:00Z");
let world: SubscriptionWorld;
let nextId = 31_000;
const newUser = () => nextId++;
let nextChat = -100_900_000_000;
const newChatId = () => nextChat--;

beforeAll(async () => {
  world = await createSubscriptionWorld(NOW);
});
afterAll(async () => world.database.close());

const send = (update: Update) => world.harness.handleUpdate(update);
const methods = (calls: ApiCall[]) => calls.map((c) => c.method);
const row = (chatId: number) => world.repos.subscribers.find(chatId);

/** A channel getChat knows, where the bot has the given rights. */
function channel(botRights: { status: "administrator" | "member" | "left"; can_post_messages?: boolean }): { id: number; name: string } {
  const id = newChatId();
  const username = `chan${-id}`;
  world.harness.setChat({ id, type: "channel", title: `Channel ${id}`, username });
  world.harness.setMember(id, BOT_INFO.id, botRights);
  return { id, name: `@${username}` };
}

async function connected(): Promise<{ id: number; name: string; owner: number }> {
  const ch = channel({ status: "administrator", can_post_messages: true });
  const owner = newUser();
  world.harness.setMember(ch.id, owner, { status: "creator" });
  await send(message(`/connect ${ch.name}`, { userId: owner }));
  return { ...ch, owner };
}

describe("groups: admin-only changes", () => {
  it.each([
    ["creator", true],
    ["administrator", true],
    ["member", false],
    ["left", false],
  ] as const)("a %s may change the group's subscription: %s", async (status, allowed) => {
    const chatId = newChatId();
    const user = newUser();
    world.harness.setMember(chatId, user, { status });
    const calls = await send(message("/subscribe energy", { chatType: "supergroup", chatId, userId: user }));
    const getMember = calls.find((c) => c.method === "getChatMember");
    expect(getMember?.payload).toMatchObject({ chat_id: chatId, user_id: user });
    if (allowed) {
      // The subscription is the group's, not the administrator's own.
      expect(sentText(calls)).toContain("✅ This chat is subscribed to the topic <b>Energy</b>.");
      expect(await row(chatId)).toMatchObject({ subscribed: true, topics: ["energy"], chatKind: "supergroup" });
    } else {
      expect(sentText(calls)).toBe("Only the group's administrators can change its digest and settings.");
      expect(await row(chatId)).toBeUndefined();
    }
  });

  it("counts an anonymous administrator writing as the group itself, without asking Telegram", async () => {
    const chatId = newChatId();
    const update = message("/subscribe", { chatType: "supergroup", chatId, userId: 1087968824 });
    const msg = update.message as unknown as Record<string, unknown>;
    msg.sender_chat = { id: chatId, type: "supergroup", title: "Test group" };
    const calls = await send(update);
    expect(methods(calls)).toEqual(["sendMessage"]);
    expect(await row(chatId)).toMatchObject({ subscribed: true });
  });

  it("refuses /unsubscribe, /time, /timezone and /settings to members, and keeps read commands open", async () => {
    const chatId = newChatId();
    const admin = newUser();
    const member = newUser();
    world.harness.setMember(chatId, admin, { status: "administrator" });
    await send(message("/subscribe", { chatType: "group", chatId, userId: admin }));
    for (const command of ["/unsubscribe", "/time 09:00", "/timezone Asia/Almaty", "/settings"]) {
      const calls = await send(message(command, { chatType: "group", chatId, userId: member }));
      expect(sentText(calls)).toContain("Only the group's administrators");
    }
    expect(await row(chatId)).toMatchObject({ subscribed: true, digestMinute: 8 * 60, timeZone: "Europe/Moscow" });
    const latest = await send(message("/latest", { chatType: "group", chatId, userId: member }));
    expect(latest.some((c) => c.method === "getChatMember")).toBe(false);
  });

  it("answers a member's settings button with a toast and changes nothing; asks Telegram once per minute", async () => {
    const chatId = newChatId();
    const admin = newUser();
    const member = newUser();
    world.harness.setMember(chatId, admin, { status: "administrator" });
    await send(message("/subscribe", { chatType: "group", chatId, userId: admin }));
    const press = (userId: number) => {
      const update = callback(encodeCallback({ kind: "settings", action: { op: "time", minute: 600 } }), { userId, messageId: 5 });
      const query = update.callback_query as unknown as { message: { chat: Chat } };
      query.message.chat = { id: chatId, type: "group", title: "Test group" };
      return send(update);
    };
    const refused = await press(member);
    expect(methods(refused)).toEqual(["getChatMember", "answerCallbackQuery"]);
    expect(refused[1]?.payload.text).toBe("Only the group's administrators can change this.");
    expect((await row(chatId))?.digestMinute).toBe(8 * 60);
    const again = await press(member);
    expect(methods(again)).toEqual(["answerCallbackQuery"]);
    const allowed = await press(admin);
    expect(methods(allowed)).toEqual(["editMessageText", "answerCallbackQuery"]);
    expect((await row(chatId))?.digestMinute).toBe(600);
  });
});

describe("groups: the alerts menu", () => {
  /** A press of the settings menu's "Alerts" button, on the bot's message 5 of a group. */
  const pressAlerts = (chatId: number, userId: number) => {
    const update = callback(encodeAlertButton({ op: "show" }), { userId, messageId: 5 });
    (update.callback_query as unknown as { message: { chat: Chat } }).message.chat = { id: chatId, type: "supergroup", title: "Test group" };
    return send(update);
  };

  it("opens only for administrators: a member's press does not turn the shared menu into it", async () => {
    const chatId = newChatId();
    const admin = newUser();
    const member = newUser();
    world.harness.setMember(chatId, admin, { status: "administrator" });
    world.harness.setMember(chatId, member, { status: "member" });
    const refused = await pressAlerts(chatId, member);
    expect(methods(refused)).toEqual(["getChatMember", "answerCallbackQuery"]);
    expect(refused[1]?.payload.text).toMatch(/administrators/);
    const opened = await pressAlerts(chatId, admin);
    expect(methods(opened)).toEqual(["getChatMember", "editMessageText", "answerCallbackQuery"]);
  });

  it("comes as a new message when the menu can no longer be edited", async () => {
    const chatId = newChatId();
    const admin = newUser();
    world.harness.setMember(chatId, admin, { status: "administrator" });
    world.harness.failNext("editMessageText", 400, "Bad Request: message to edit not found");
    const calls = await pressAlerts(chatId, admin);
    expect(methods(calls)).toEqual(["getChatMember", "editMessageText", "sendMessage", "answerCallbackQuery"]);
    expect(calls[2]?.payload).toMatchObject({ chat_id: chatId });
    expect(String(calls[2]?.payload.text)).toContain("alerts");
  });
});

describe("forum topics", () => {
  /** A message typed inside a forum topic (no thread: the General topic). */
  function inTopic(text: string, chatId: number, userId: number, thread?: number): Update {
    const update = message(text, { chatType: "supergroup", chatId, userId });
    if (thread !== undefined) Object.assign(update.message as object, { message_thread_id: thread, is_topic_message: true });
    (update.message as unknown as { chat: Record<string, unknown> }).chat.is_forum = true;
    return update;
  }
  const topicRow = (chatId: number, threadId: number | null) => world.repos.subscribers.find({ chatId, threadId });

  it("gives each topic /subscribe came from a subscription of its own, answered in the topic", async () => {
    const chatId = newChatId();
    const admin = newUser();
    world.harness.setMember(chatId, admin, { status: "administrator" });
    const calls = await send(inTopic("/subscribe energy", chatId, admin, 77));
    expect(calls.find((c) => c.method === "sendMessage")?.payload.message_thread_id).toBe(77);
    await send(inTopic("/subscribe", chatId, admin, 78));
    await send(inTopic("/subscribe central-asia", chatId, admin));
    expect(await topicRow(chatId, 77)).toMatchObject({ subscribed: true, messageThreadId: 77, topics: ["energy"] });
    expect(await topicRow(chatId, 78)).toMatchObject({ subscribed: true, messageThreadId: 78, topics: [] });
    expect(await topicRow(chatId, null)).toMatchObject({ subscribed: true, messageThreadId: null, topics: ["central-asia"] });

    // Settings and /unsubscribe in one topic leave the others alone.
    await send(inTopic("/time 07:30", chatId, admin, 78));
    await send(inTopic("/unsubscribe", chatId, admin, 77));
    expect(await topicRow(chatId, 78)).toMatchObject({ digestMinute: 450, subscribed: true });
    expect(await topicRow(chatId, 77)).toMatchObject({ digestMinute: 8 * 60, subscribed: false });
    expect(await topicRow(chatId, null)).toMatchObject({ digestMinute: 8 * 60, subscribed: true });
  });

  it("changes a topic's settings from the buttons of a menu in that topic", async () => {
    const chatId = newChatId();
    const admin = newUser();
    world.harness.setMember(chatId, admin, { status: "administrator" });
    await send(inTopic("/subscribe", chatId, admin, 90));
    await send(inTopic("/subscribe", chatId, admin, 91));
    const press = callback(encodeCallback({ kind: "settings", action: { op: "time", minute: 600 } }), { userId: admin, chatId });
    const pressed = press.callback_query as unknown as { message: Record<string, unknown> };
    Object.assign(pressed.message, { message_thread_id: 91, is_topic_message: true, chat: { id: chatId, type: "supergroup", title: "Forum", is_forum: true } });
    await send(press);
    expect((await topicRow(chatId, 91))?.digestMinute).toBe(600);
    expect((await topicRow(chatId, 90))?.digestMinute).toBe(8 * 60);
  });

  it("speaks the group's language in a topic that never chose one", async () => {
    const chatId = newChatId();
    const admin = newUser();
    world.harness.setMember(chatId, admin, { status: "administrator" });
    await world.repos.subscribers.update(chatId, { timeZone: "UTC", digestMinute: 0 }, { language: "ru" });
    expect(sentText(await send(inTopic("/alerts", chatId, admin, 61)))).toContain("Оповещения группы");
    // The topic has a row of its own now (its alerts), still without a language of its own.
    expect(sentText(await send(inTopic("/alerts", chatId, admin, 61)))).toContain("Оповещения группы");
    await world.repos.subscribers.update({ chatId, threadId: 61 }, { timeZone: "UTC", digestMinute: 0 }, { language: "en" });
    expect(sentText(await send(inTopic("/alerts", chatId, admin, 61)))).toContain("This group's alerts");
  });

  it("keeps a topic's alerts apart from the rest of the group", async () => {
    const chatId = newChatId();
    const admin = newUser();
    world.harness.setMember(chatId, admin, { status: "administrator" });
    await send(inTopic("/alert Токаев", chatId, admin, 55));
    const topic = await topicRow(chatId, 55);
    expect((await world.repos.alerts.listWatches(topic!.id)).map((w) => w.query)).toEqual(["Токаев"]);
    expect(await topicRow(chatId, null)).toBeUndefined();
    const general = sentText(await send(inTopic("/alerts", chatId, admin)));
    expect(general).toContain("The group has no alerts yet");
    // The administrator's list carries the buttons that change it; a member's the same list bare.
    const member = newUser();
    world.harness.setMember(chatId, member, { status: "member" });
    const forAdmin = await send(inTopic("/alerts", chatId, admin, 55));
    const forMember = await send(inTopic("/alerts", chatId, member, 55));
    expect(buttonData(forAdmin[0])).toHaveLength(3);
    expect(buttonData(forMember[0])).toEqual([]);
    expect(sentText(forMember)).toBe(sentText(forAdmin));
  });
});

describe("channels: /connect", () => {
  it("connects a channel the reader administers and where the bot may post", async () => {
    const ch = await connected();
    expect(await row(ch.id)).toMatchObject({ chatKind: "channel", chatTitle: ch.name, subscribed: true, topics: [] });
    expect(await world.repos.chatManagers.chatsOf(ch.owner)).toEqual([ch.id]);
    const list = sentText(await send(message("/channels", { userId: ch.owner })));
    expect(list).toContain(`${ch.name}: digest on`);
  });

  it.each([
    [{ status: "left" as const }, "I am not an administrator of"],
    [{ status: "member" as const }, "I am not an administrator of"],
    [{ status: "administrator" as const, can_post_messages: false }, "without the right to <b>Post messages</b>"],
  ])("names what the bot lacks (%o) and stores nothing", async (rights, expected) => {
    const ch = channel(rights);
    const user = newUser();
    world.harness.setMember(ch.id, user, { status: "creator" });
    const text = sentText(await send(message(`/connect ${ch.name}`, { userId: user })));
    expect(text).toContain(expected);
    expect(text).toContain(ch.name);
    expect(await row(ch.id)).toBeUndefined();
    expect(await world.repos.chatManagers.chatsOf(user)).toEqual([]);
  });

  it("refuses a reader who is not an administrator of the channel", async () => {
    const ch = channel({ status: "administrator", can_post_messages: true });
    const user = newUser();
    const text = sentText(await send(message(`/connect https://t.me/${ch.name.slice(1)}`, { userId: user })));
    expect(text).toBe(`You are not an administrator of ${ch.name}. Only its administrators can connect it.`);
    expect(await row(ch.id)).toBeUndefined();
  });

  it("says what is wrong with an unknown channel, a bad name, and a group", async () => {
    const user = newUser();
    expect(sentText(await send(message("/connect @nosuchchannel", { userId: user })))).toContain("I can't see that channel");
    expect(sentText(await send(message("/connect hello world", { userId: user })))).toContain("is not a channel name");
    const group = newChatId();
    world.harness.setChat({ id: group, type: "supergroup", title: "A group" });
    expect(sentText(await send(message(`/connect ${group}`, { userId: user })))).toContain("is not a channel");
  });

  it("connects through a forwarded post and through the chat-sharing button", async () => {
    const a = channel({ status: "administrator", can_post_messages: true });
    const b = channel({ status: "administrator", can_post_messages: true });
    const user = newUser();
    world.harness.setMember(a.id, user, { status: "administrator" });
    world.harness.setMember(b.id, user, { status: "administrator" });
    const forward = message("a post", { userId: user });
    Object.assign(forward.message as object, { forward_origin: { type: "channel", chat: { id: a.id, type: "channel", title: "A" }, message_id: 3, date: 0 } });
    expect(sentText(await send(forward))).toContain(`${a.name} is connected`);
    const shared = message("", { userId: user });
    const sharedMessage = shared.message as unknown as Record<string, unknown>;
    delete sharedMessage.text;
    sharedMessage.chat_shared = { request_id: 14, chat_id: b.id };
    expect(sentText(await send(shared))).toContain(`${b.name} is connected`);
    expect(await world.repos.chatManagers.chatsOf(user)).toEqual([a.id, b.id]);
  });
});

describe("channels: settings from the private chat", () => {
  it("switches to the channel and changes only the channel's settings", async () => {
    const ch = await connected();
    const menu = await send(message("/settings", { userId: ch.owner }));
    expect(sentText(menu)).toContain("Settings for: <b>👤 My chat</b>");
    const switcher = buttonData(menu[0]).map((d) => decodeCallback(d)).filter((a) => a?.kind === "settings" && a.action.op === "show" && a.action.view === "main");
    expect(switcher).toEqual([{ kind: "settings", action: { op: "show", view: "main" } }, { kind: "settings", action: { op: "show", view: "main" }, chatId: ch.id }]);

    const open = await send(callback(encodeCallback({ kind: "settings", action: { op: "show", view: "main" }, chatId: ch.id }), { userId: ch.owner }));
    expect(open[0]?.payload.text).toContain(`Settings for: <b>${ch.name}</b>`);
    // Every button of the channel's menu is bound to the channel.
    for (const data of buttonData(open[0])) {
      const action = decodeCallback(data);
      if (action?.kind === "settings" && !(action.action.op === "show" && action.action.view === "main")) expect(action.chatId).toBe(ch.id);
    }
    await send(callback(encodeCallback({ kind: "settings", action: { op: "time", minute: 420 }, chatId: ch.id }), { userId: ch.owner }));
    await send(callback(encodeCallback({ kind: "settings", action: { op: "topic", slug: "energy", on: true }, chatId: ch.id }), { userId: ch.owner }));
    expect(await row(ch.id)).toMatchObject({ digestMinute: 420, topics: ["energy"] });
    expect(await row(ch.owner)).toMatchObject({ digestMinute: 8 * 60, topics: [], subscribed: false, clientLanguage: "en" });
  });

  it("refuses a forged button for a channel the presser doesn't manage", async () => {
    const ch = await connected();
    const stranger = newUser();
    world.harness.setMember(ch.id, stranger, { status: "administrator" });
    const calls = await send(callback(encodeCallback({ kind: "settings", action: { op: "time", minute: 60 }, chatId: ch.id }), { userId: stranger }));
    expect(methods(calls)).toEqual(["answerCallbackQuery"]);
    expect(calls[0]?.payload.text).toBe("You don't manage this channel with me.");
    const disconnect = await send(callback(encodeCallback({ kind: "disconnect", op: "yes", chatId: ch.id }), { userId: stranger }));
    expect(methods(disconnect)).toEqual(["answerCallbackQuery"]);
    expect(await row(ch.id)).toMatchObject({ digestMinute: 8 * 60, subscribed: true });
  });

  it("takes the right away from a manager who is no longer an administrator", async () => {
    const ch = await connected();
    world.harness.setMember(ch.id, ch.owner, { status: "member" });
    // Changes ask Telegram anew, whatever the cache still says.
    const calls = await send(callback(encodeCallback({ kind: "settings", action: { op: "time", minute: 60 }, chatId: ch.id }), { userId: ch.owner }));
    expect(methods(calls)).toEqual(["getChatMember", "answerCallbackQuery"]);
    expect(calls[1]?.payload.text).toBe(`You are no longer an administrator of ${ch.name}, so you can't manage it here any more.`);
    expect((await row(ch.id))?.digestMinute).toBe(8 * 60);
    expect(await world.repos.chatManagers.isManager(ch.id, ch.owner)).toBe(false);
    // From then on the channel is not theirs to manage at all.
    const later = await send(callback(encodeCallback({ kind: "settings", action: { op: "show", view: "main" }, chatId: ch.id }), { userId: ch.owner }));
    expect(later[0]?.payload.text).toBe("You don't manage this channel with me.");
  });

  it("disconnects after confirmation and forgets the channel", async () => {
    const ch = await connected();
    const ask = await send(message("/disconnect", { userId: ch.owner }));
    const [askData] = buttonData(ask[0]);
    expect(decodeCallback(askData ?? "")).toEqual({ kind: "disconnect", op: "ask", chatId: ch.id });
    const confirm = await send(callback(askData ?? "", { userId: ch.owner }));
    expect(confirm[0]?.payload.text).toBe(`Stop posting to ${ch.name} and forget its settings?`);
    const cancel = await send(callback(encodeCallback({ kind: "disconnect", op: "no", chatId: ch.id }), { userId: ch.owner }));
    expect(cancel[0]?.payload.text).toContain("Nothing changed");
    expect(await row(ch.id)).toBeDefined();
    await send(callback(encodeCallback({ kind: "disconnect", op: "yes", chatId: ch.id }), { userId: ch.owner }));
    expect(await row(ch.id)).toBeUndefined();
    expect(await world.repos.chatManagers.chatsOf(ch.owner)).toEqual([]);
  });
});

describe("channels: the bot loses its rights", () => {
  it("deactivates the channel with the reason and tells its managers once", async () => {
    const ch = await connected();
    const note = (status: "administrator" | "left", canPost: boolean): Update =>
      ({
        update_id: nextId++,
        my_chat_member: {
          chat: { id: ch.id, type: "channel", title: "Channel", username: ch.name.slice(1) },
          from: { id: ch.owner, is_bot: false, first_name: "Owner" },
          date: 0,
          old_chat_member: { status: "administrator", user: { ...BOT_INFO, is_bot: true }, can_post_messages: true },
          new_chat_member: { status, user: { ...BOT_INFO, is_bot: true }, can_post_messages: canPost },
        },
      }) as unknown as Update;
    const first = await send(note("administrator", false));
    expect(first.filter((c) => c.method === "sendMessage").map((c) => c.payload.chat_id)).toEqual([ch.owner]);
    expect(String(first[0]?.payload.text)).toContain("no longer have the right to post");
    expect((await row(ch.id))?.blockedReason).toContain("not enough rights");
    const second = await send(note("left", false));
    expect(second).toEqual([]);
  });
});

describe("channels: alerts from the private chat", () => {
  const watchesOf = async (chatId: number) => {
    const subscriber = await row(chatId);
    return subscriber ? world.repos.alerts.listWatches(subscriber.id) : [];
  };

  it("adds, lists and changes the channel's alerts, leaving the reader's own alone", async () => {
    const ch = await connected();
    const added = sentText(await send(message(`/alert ${ch.name} Токаев`, { userId: ch.owner })));
    expect(added).toContain(`${ch.name} watches: <b>Токаев</b>`);
    expect((await watchesOf(ch.id)).map((w) => w.query)).toEqual(["Токаев"]);
    expect(await watchesOf(ch.owner)).toEqual([]);

    const quiet = sentText(await send(message(`/quiet ${ch.name} off`, { userId: ch.owner })));
    expect(quiet).toContain("Quiet hours are off");
    expect((await world.repos.alerts.settings((await row(ch.id))!.id)).quiet).toBeNull();
    expect((await world.repos.alerts.settings((await row(ch.owner))!.id)).quiet).not.toBeNull();

    const list = await send(message(`/alerts ${ch.name}`, { userId: ch.owner }));
    expect(sentText(list)).toContain(`Alerts for: <b>${ch.name}</b>`);
    // Every button of the channel's list is bound to the channel; the switcher offers the own chat too.
    const buttons = buttonData(list[0]).map((d) => decodeAlertButton(d));
    expect(buttons.filter((b) => b?.op !== "show").every((b) => b?.chatId === ch.id)).toBe(true);
    expect(buttons.filter((b) => b?.op === "show")).toEqual([{ op: "show" }, { op: "show", chatId: ch.id }]);
    for (const data of buttonData(list[0])) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);

    const [watch] = await watchesOf(ch.id);
    const removed = await send(callback(encodeAlertButton({ op: "remove", watchId: watch!.id, chatId: ch.id }), { userId: ch.owner }));
    expect(methods(removed)).toContain("editMessageText");
    expect(await watchesOf(ch.id)).toEqual([]);
  });

  it("opens the channel's alerts from the channel's settings menu", async () => {
    const ch = await connected();
    const menu = await send(callback(encodeCallback({ kind: "settings", action: { op: "show", view: "main" }, chatId: ch.id }), { userId: ch.owner }));
    const alertsButton = buttonData(menu[0]).map((d) => decodeAlertButton(d)).find((b) => b?.op === "show");
    expect(alertsButton).toEqual({ op: "show", chatId: ch.id });
  });

  it("refuses a forged alert button for a channel the presser doesn't manage", async () => {
    const ch = await connected();
    await send(message(`/alert ${ch.name} Бишкек`, { userId: ch.owner }));
    const [watch] = await watchesOf(ch.id);
    const stranger = newUser();
    world.harness.setMember(ch.id, stranger, { status: "administrator" });
    for (const forged of [
      { op: "remove" as const, watchId: watch!.id, chatId: ch.id },
      { op: "pause" as const, on: true, chatId: ch.id },
      { op: "show" as const, chatId: ch.id },
    ]) {
      const calls = await send(callback(encodeAlertButton(forged), { userId: stranger }));
      expect(methods(calls)).toEqual(["answerCallbackQuery"]);
      expect(calls[0]?.payload.text).toBe("You don't manage this channel with me.");
    }
    // The same watch id without the channel is looked up in the presser's own chat: nothing there.
    const own = await send(callback(encodeAlertButton({ op: "remove", watchId: watch!.id }), { userId: stranger }));
    expect(own[0]?.payload.text).toBe("This alert no longer exists.");
    expect((await watchesOf(ch.id)).map((w) => w.query)).toEqual(["Бишкек"]);
    expect((await world.repos.alerts.settings((await row(ch.id))!.id)).paused).toBe(false);
    // A typed command naming someone else's channel is refused too, and stores nothing.
    expect(sentText(await send(message(`/alert ${ch.name} Ош`, { userId: stranger })))).toContain(`You don't manage ${ch.name} with me`);
    expect((await watchesOf(ch.id)).map((w) => w.query)).toEqual(["Бишкек"]);
  });

  it("re-checks that the manager is still an administrator before a change", async () => {
    const ch = await connected();
    world.harness.setMember(ch.id, ch.owner, { status: "member" });
    const text = sentText(await send(message(`/alert ${ch.name} Алматы`, { userId: ch.owner })));
    expect(text).toBe(`You are no longer an administrator of ${ch.name}, so you can't manage it here any more.`);
    expect(await watchesOf(ch.id)).toEqual([]);
  });
});
