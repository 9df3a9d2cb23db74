import { Bot, GrammyError } from "grammy";
import type { Message, Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions } from "../helpers/fake-bot-api.js";

interface Answer {
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: { retry_after?: number } };
}

let fake: FakeBotApi;
const started: FakeBotApi[] = [];

async function start(opts?: FakeBotApiOptions): Promise<FakeBotApi> {
  const api = await startFakeBotApi(opts);
  started.push(api);
  return api;
}

async function call(method: string, payload: unknown = {}, init: { token?: string; api?: FakeBotApi } = {}): Promise<Answer> {
  const api = init.api ?? fake;
  const res = await fetch(`${api.url}/bot${init.token ?? api.token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

const send = (payload: Record<string, unknown>) => call("sendMessage", { chat_id: 42, ...payload });
const updateIds = (answer: Answer) => (answer.body.result as Update[]).map((u) => u.update_id);

beforeEach(async () => {
  fake = await start();
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((api) => api.close()));
});

describe("fake Bot API: protocol", () => {
  it("answers getMe with the bot user and rejects a wrong token or unknown method", async () => {
    const me = await call("getMe");
    expect(me.status).toBe(200);
    expect(me.body.result).toMatchObject({ is_bot: true, username: "vestnik_e2e_bot", can_join_groups: true });
    expect(fake.url).not.toMatch(/\/$/);

    const wrong = await call("getMe", {}, { token: "1:wrong" });
    expect(wrong).toEqual({ status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } });
    const unknown = await call("sendTelepathy");
    expect(unknown).toEqual({ status: 404, body: { ok: false, error_code: 404, description: "Not Found" } });
    expect(fake.rejections.map((c) => c.status)).toEqual([401, 404]);
  });

  it("rejects malformed JSON, multipart and oversized bodies, and accepts forms and query strings", async () => {
    const post = (body: string | FormData, type?: string) =>
      fetch(`${fake.url}/bot${fake.token}/sendMessage`, {
        method: "POST",
        ...(type ? { headers: { "content-type": type } } : {}),
        body,
      });
    expect((await post("{not json", "application/json")).status).toBe(400);
    const form = new FormData();
    form.set("chat_id", "1");
    expect((await post(form)).status).toBe(400);
    const huge = JSON.stringify({ chat_id: 1, text: "x".repeat(1_100_000) });
    const tooBig = await post(huge, "application/json");
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ ok: false, error_code: 413 });

    const markup = JSON.stringify({ inline_keyboard: [[{ text: "Go", callback_data: "go" }]] });
    const urlencoded = await post(
      new URLSearchParams({ chat_id: "7", text: "<b>hi</b>", parse_mode: "HTML", reply_markup: markup }).toString(),
      "application/x-www-form-urlencoded",
    );
    expect(urlencoded.status).toBe(200);
    expect(((await urlencoded.json()) as Answer["body"]).result).toMatchObject({
      chat: { id: 7 },
      text: "hi",
      entities: [{ type: "bold", offset: 0, length: 2 }],
      reply_markup: { inline_keyboard: [[{ text: "Go", callback_data: "go" }]] },
    });
    const query = await fetch(`${fake.url}/bot${fake.token}/sendMessage?chat_id=7&text=plain`);
    expect(query.status).toBe(200);
    expect(fake.sent(7).map((p) => p.text)).toEqual(["<b>hi</b>", "plain"]);
  });

  it("returns Messages from a real grammY client with per-chat message ids", async () => {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.url } });
    const first = await bot.api.sendMessage(10, "A &amp; <i>B</i>", { parse_mode: "HTML" });
    const second = await bot.api.sendMessage(10, "again");
    const other = await bot.api.sendMessage(20, "elsewhere");
    expect(first).toMatchObject({ message_id: 1, chat: { id: 10 }, text: "A & B", from: { id: fake.botInfo.id, is_bot: true } });
    expect(first.entities).toEqual([{ type: "italic", offset: 4, length: 1 }]);
    expect([second.message_id, other.message_id]).toEqual([2, 1]);
    expect(typeof first.date).toBe("number");
    await expect(fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 20)).resolves.toMatchObject({
      status: 200,
    });
  });
});

describe("fake Bot API: getUpdates", () => {
  it("holds a long poll until the timeout and then answers []", async () => {
    const t0 = Date.now();
    const answer = await call("getUpdates", { timeout: 1 });
    expect(answer.body).toEqual({ ok: true, result: [] });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("wakes a waiting poll on push and confirms updates through offset", async () => {
    const t0 = Date.now();
    const waiting = call("getUpdates", { timeout: 10 });
    await expect.poll(() => fake.polling).toBe(true);
    const pushed = fake.pushMessage("hello", { chatId: 5, userId: 5, languageCode: "ru" });
    const first = await waiting;
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(first.body.result).toEqual([pushed]);
    expect(pushed.message).toMatchObject({ text: "hello", chat: { id: 5, type: "private" }, from: { language_code: "ru" } });

    const second = fake.pushMessage("two");
    const third = fake.pushMessage("three");
    // Without a higher offset nothing is confirmed: the same updates come again, up to limit.
    expect(updateIds(await call("getUpdates", { limit: 2 }))).toEqual([pushed.update_id, second.update_id]);
    expect(updateIds(await call("getUpdates", { offset: second.update_id }))).toEqual([second.update_id, third.update_id]);
    expect(updateIds(await call("getUpdates", { offset: third.update_id + 1 }))).toEqual([]);
    expect(updateIds(await call("getUpdates", { offset: 0 }))).toEqual([]);
  });

  it("filters by allowed_updates and marks leading commands as bot_command entities", async () => {
    fake.pushUpdate({ edited_message: { message_id: 1, date: 0, chat: { id: 1, type: "private", first_name: "x" }, text: "e" } } as never);
    const cmd = fake.pushMessage("/start@vestnik_e2e_bot now");
    const answer = await call("getUpdates", { allowed_updates: ["message"] });
    expect(updateIds(answer)).toEqual([cmd.update_id]);
    expect(cmd.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: "/start@vestnik_e2e_bot".length }]);
    expect(fake.pushMessage("no /command here").message?.entities).toBeUndefined();
  });

  it("ends the older of two overlapping polls with 409, like Telegram", async () => {
    const older = call("getUpdates", { timeout: 5 });
    await expect.poll(() => fake.polling).toBe(true);
    const newer = call("getUpdates", { timeout: 5 });
    const lost = await older;
    expect(lost.status).toBe(409);
    expect(lost.body.description).toBe(
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    );
    const update = fake.pushMessage("for the survivor");
    expect(updateIds(await newer)).toEqual([update.update_id]);
  });

  it("can refuse the newer poll instead, and answers waiting polls when closing", async () => {
    const api = await start({ pollConflict: "newer" });
    const waiting = call("getUpdates", { timeout: 20 }, { api });
    await expect.poll(() => api.polling).toBe(true);
    expect((await call("getUpdates", { timeout: 0 }, { api })).status).toBe(409);
    const t0 = Date.now();
    await api.close();
    expect((await waiting).body).toEqual({ ok: true, result: [] });
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it("refuses getUpdates while a webhook is set", async () => {
    expect((await call("setWebhook", { url: "http://insecure.example" })).status).toBe(400);
    expect((await call("setWebhook", { url: "https://example.com/hook" })).body.result).toBe(true);
    expect((await call("getWebhookInfo")).body.result).toMatchObject({ url: "https://example.com/hook" });
    expect((await call("getUpdates")).status).toBe(409);
    await call("deleteWebhook");
    expect((await call("getUpdates")).status).toBe(200);
  });

  it("serves grammY long polling: a pushed /start gets a reply, and bot.stop() is clean", async () => {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.url } });
    bot.command("start", (ctx) => ctx.reply(`<b>Hi</b>, ${ctx.from?.first_name ?? "?"}`, { parse_mode: "HTML" }));
    let running!: () => void;
    const onStart = new Promise<void>((resolve) => (running = resolve));
    const stopped = bot.start({ onStart: () => running(), timeout: 5 });
    await onStart;
    const update = fake.pushMessage("/start", { chatId: 77, userId: 77 });
    const reply = await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 77, 5000);
    expect((reply.result as Message).text).toBe("Hi, Test");
    await bot.stop();
    await stopped;
    // stop() confirmed the handled update, so it is not delivered again.
    expect(updateIds(await call("getUpdates"))).toEqual([]);
    expect(fake.calls.some((c) => c.method === "getUpdates" && c.payload.offset === update.update_id + 1)).toBe(true);
    expect(fake.rejections).toEqual([]);
  });
});

describe("fake Bot API: validation", () => {
  it.each([
    ["an unclosed tag", "<b>bold"],
    ["an unsupported tag", "<div>x</div>"],
    ["a raw <", "1 < 2"],
    ["a bare &", "Tom & Jerry"],
    ["a misnested tag", "<b><i>x</b></i>"],
    ["a link without href", "<a>x</a>"],
  ])("rejects HTML with %s", async (_name, text) => {
    const answer = await send({ text, parse_mode: "HTML" });
    expect(answer.status).toBe(400);
    expect(answer.body.description).toMatch(/^Bad Request: can't parse entities: /);
  });

  it("measures length on visible text: 4096 characters pass, 4097 fail", async () => {
    const inTags = `<b>${"x".repeat(4090)}</b>&lt;&amp;&gt;&quot;&#33;&#x21;`;
    expect((await send({ text: inTags, parse_mode: "HTML" })).status).toBe(200);
    const tooLong = await send({ text: "y".repeat(4097) });
    expect(tooLong.body).toEqual({ ok: false, error_code: 400, description: "Bad Request: message is too long" });
    expect((await send({ text: "   " })).body.description).toBe("Bad Request: message text is empty");
    expect((await call("sendMessage", { text: "no chat" })).body.description).toBe("Bad Request: chat_id is empty");
  });

  it("checks inline keyboards: callback_data bytes, url schemes, button actions", async () => {
    const keyboard = (button: Record<string, unknown>) => ({ text: "t", reply_markup: { inline_keyboard: [[{ text: "b", ...button }]] } });
    // 33 Cyrillic letters are 66 UTF-8 bytes although only 33 characters.
    const tooLong = await send(keyboard({ callback_data: "я".repeat(33) }));
    expect(tooLong.body).toEqual({ ok: false, error_code: 400, description: "Bad Request: BUTTON_DATA_INVALID" });
    expect((await send(keyboard({ callback_data: "я".repeat(32) }))).status).toBe(200);
    expect((await send(keyboard({ callback_data: "" }))).body.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect((await send(keyboard({ url: "javascript:alert(1)" }))).status).toBe(400);
    expect((await send(keyboard({ url: "tg://resolve?domain=x" }))).status).toBe(200);
    expect((await send(keyboard({}))).status).toBe(400);
  });

  it("refuses to edit unknown messages and unchanged ones", async () => {
    const sent = (await send({ text: "<b>v1</b>", parse_mode: "HTML" })).body.result as Message;
    const edit = (payload: Record<string, unknown>) => call("editMessageText", { chat_id: 42, message_id: sent.message_id, ...payload });
    const missing = await call("editMessageText", { chat_id: 42, message_id: 999, text: "x" });
    expect(missing.body.description).toBe("Bad Request: message to edit not found");
    expect((await call("editMessageText", { chat_id: 43, message_id: sent.message_id, text: "x" })).status).toBe(400);
    const same = await edit({ text: "<b>v1</b>", parse_mode: "HTML" });
    expect(same.status).toBe(400);
    expect(same.body.description).toMatch(/^Bad Request: message is not modified: /);
    // Same visible text but lost formatting is a real change.
    expect((await edit({ text: "v1" })).body.result).toMatchObject({ text: "v1", edit_date: expect.any(Number) });
    const markup = { inline_keyboard: [[{ text: "b", callback_data: "d" }]] };
    expect((await edit({ text: "v1", reply_markup: markup })).status).toBe(200);
    expect((await edit({ text: "v1", reply_markup: markup })).status).toBe(400);
    expect(fake.sent(42).map((p) => p.text)).toEqual(["<b>v1</b>", "v1", "v1"]);
  });

  it("validates callback and inline query answers and bot commands", async () => {
    const update = fake.pushCallback("go", { chatId: 42, messageId: 1 });
    const id = update.callback_query?.id;
    expect((await call("answerCallbackQuery", { callback_query_id: id })).status).toBe(200);
    expect((await call("answerCallbackQuery", { callback_query_id: id })).status).toBe(400);

    const inline = fake.pushInlineQuery("news").inline_query?.id;
    const result = (rid: string) => ({ type: "article", id: rid, title: "t", input_message_content: { message_text: "m" } });
    const tooMany = Array.from({ length: 51 }, (_, i) => result(`r${i}`));
    expect((await call("answerInlineQuery", { inline_query_id: inline, results: tooMany })).status).toBe(400);
    expect((await call("answerInlineQuery", { inline_query_id: inline, results: [result("a"), result("a")] })).status).toBe(400);
    expect((await call("answerInlineQuery", { inline_query_id: inline, results: [result("x".repeat(65))] })).status).toBe(400);
    expect((await call("answerInlineQuery", { inline_query_id: inline, results: [result("a")] })).status).toBe(200);

    const commands = [{ command: "digest", description: "Today's digest" }];
    expect((await call("setMyCommands", { commands, language_code: "ru" })).status).toBe(200);
    expect((await call("getMyCommands", { language_code: "ru" })).body.result).toEqual(commands);
    expect((await call("getMyCommands")).body.result).toEqual([]);
    expect((await call("setMyCommands", { commands: [{ command: "Bad-Name", description: "x" }] })).status).toBe(400);
    expect((await call("setChatMenuButton", { menu_button: { type: "commands" } })).status).toBe(200);
  });
});

describe("fake Bot API: fault injection", () => {
  it("answers 429 with retry_after above the rate limit and records it", async () => {
    const api = await start({ rateLimit: { perSecond: 3 } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call("sendMessage", { chat_id: 1, text: `m${i}` }, { api }));
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    const limited = answers[3]!;
    expect(limited.status).toBe(429);
    expect(limited.body.parameters?.retry_after).toBeGreaterThanOrEqual(1);
    expect(limited.body.description).toBe(`Too Many Requests: retry after ${limited.body.parameters?.retry_after}`);
    expect(api.rateLimited).toHaveLength(1);
    // Reads are not flood-limited.
    expect((await call("getMe", {}, { api })).status).toBe(200);
  });

  it("answers 403 for blocked chats, injected 5xx, and chat not found when strict", async () => {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.url } });
    fake.blockChat(13);
    const blocked = await bot.api.sendMessage(13, "hi").catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(GrammyError);
    expect(blocked).toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
    expect((await send({ text: "other chats still work" })).status).toBe(200);

    fake.failNext("sendMessage", 2, 502);
    expect((await send({ text: "a" })).body).toEqual({ ok: false, error_code: 502, description: "Bad Gateway" });
    expect((await send({ text: "b" })).status).toBe(502);
    expect((await send({ text: "c" })).status).toBe(200);
    fake.failNext("getMe");
    expect((await call("getMe")).body.description).toBe("Internal Server Error");

    const strict = await start({ knownChatsOnly: true, knownChats: [5] });
    expect((await call("sendMessage", { chat_id: 6, text: "x" }, { api: strict })).body.description).toBe("Bad Request: chat not found");
    expect((await call("sendMessage", { chat_id: 5, text: "x" }, { api: strict })).status).toBe(200);
    strict.pushMessage("hi", { chatId: 6, userId: 6 });
    expect((await call("sendMessage", { chat_id: 6, text: "x" }, { api: strict })).status).toBe(200);

    fake.reset();
    expect(fake.calls).toEqual([]);
    expect((await bot.api.sendMessage(13, "unblocked by reset")).chat.id).toBe(13);
  });

  it("rejects waitFor with the recent calls when nothing matches in time", async () => {
    await send({ text: "unrelated" });
    await expect(fake.waitFor((c) => c.method === "editMessageText", 100)).rejects.toThrow(/sendMessage 200/);
  });
});
