import { Bot, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { createEmulator, inProcessApi, parseTelegramHtml, type EmulatorOptions } from "../../src/emulator/index.js";
import { test as fixtureTest } from "../helpers/fixtures.js";

const botInfo = { id: 555, is_bot: true, first_name: "Emu", username: "emu_bot" } as UserFromGetMe;

function botOver(options: Partial<EmulatorOptions> = {}) {
  const emulator = createEmulator({ botInfo, ...options });
  const bot = new Bot("555:in-process-token", { botInfo });
  bot.api.config.use(inProcessApi(emulator));
  return { emulator, bot };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof GrammyError ? { code: error.error_code, description: error.description, parameters: error.parameters } : error),
  );

describe("emulator, in-process front", () => {
  it("gives per-chat message ids, stores visible text and entities, and records every call", async () => {
    const { emulator, bot } = botOver();
    const first = await bot.api.sendMessage(42, " <b>Hi</b> &amp; <a href=\"https://ex.example/\">more</a> ", { parse_mode: "HTML" });
    const second = await bot.api.sendMessage(42, "again");
    const elsewhere = await bot.api.sendMessage(43, "other chat");
    expect([first.message_id, second.message_id, elsewhere.message_id]).toEqual([1, 2, 1]);
    expect(first.text).toBe("Hi & more");
    expect(first.entities).toEqual([
      { type: "bold", offset: 0, length: 2 },
      { type: "text_link", offset: 5, length: 4, url: "https://ex.example/" },
    ]);
    expect(emulator.sent(42).map((p) => p.text)).toEqual([" <b>Hi</b> &amp; <a href=\"https://ex.example/\">more</a> ", "again"]);
  });

  it("answers with Telegram's errors: bad HTML and oversized callback data are violations, a missing message is not", async () => {
    const { emulator, bot } = botOver();
    expect(await refusal(bot.api.sendMessage(42, "1 < 2", { parse_mode: "HTML" }))).toMatchObject({ code: 400, description: expect.stringMatching(/^Bad Request: can't parse entities: /) });
    const keyboard = { inline_keyboard: [[{ text: "b", callback_data: "ж".repeat(33) }]] };
    expect(await refusal(bot.api.sendMessage(42, "x", { reply_markup: keyboard }))).toMatchObject({ description: "Bad Request: BUTTON_DATA_INVALID" });
    expect(await refusal(bot.api.editMessageText(42, 9, "x"))).toMatchObject({ description: "Bad Request: message to edit not found" });
    expect(emulator.rejections.map((c) => c.error?.violation)).toEqual([true, true, false]);
  });

  it("counts sends per sliding second and answers 429 with retry_after above the limit", async () => {
    const { emulator, bot } = botOver({ rateLimit: { perSecond: 2 } });
    await bot.api.sendMessage(1, "a");
    await bot.api.sendMessage(2, "b");
    expect(await refusal(bot.api.sendMessage(3, "c"))).toMatchObject({ code: 429, parameters: { retry_after: 1 } });
    expect(emulator.rateLimited).toHaveLength(1);
  });

  it("refuses an unchanged edit and an unknown callback query unless told to trust unseen references", async () => {
    const strict = botOver();
    const sent = await strict.bot.api.sendMessage(42, "<i>v1</i>", { parse_mode: "HTML" });
    expect(await refusal(strict.bot.api.editMessageText(42, sent.message_id, "<i>v1</i>", { parse_mode: "HTML" }))).toMatchObject({
      description: expect.stringMatching(/^Bad Request: message is not modified/),
    });
    expect(await refusal(strict.bot.api.answerCallbackQuery("never-seen"))).toMatchObject({ code: 400 });

    const trusting = botOver({ trustUnseenReferences: true });
    expect(await trusting.bot.api.editMessageText(42, 77, "edited")).toMatchObject({ message_id: 77, text: "edited" });
    expect(await trusting.bot.api.answerCallbackQuery("never-seen")).toBe(true);
  });

  it("knows only introduced chats for getChat when asked to, and injects faults", async () => {
    const { emulator, bot } = botOver({ getChat: "introduced" });
    await bot.api.sendMessage(-100_5, "seen, not introduced");
    expect(await refusal(bot.api.getChat(-100_5))).toMatchObject({ description: "Bad Request: chat not found" });
    emulator.addChat({ id: -100_6, type: "channel", title: "News", username: "news" });
    expect(await bot.api.getChat("@NEWS")).toMatchObject({ id: -100_6 });
    emulator.failNext("sendMessage", { code: 403, description: "Forbidden: bot was blocked by the user" });
    expect(await refusal(bot.api.sendMessage(7, "x"))).toMatchObject({ code: 403 });
    expect(await bot.api.sendMessage(7, "x")).toMatchObject({ text: "x" });
  });
});

describe("the HTML validator's entities", () => {
  it("puts the outer of two entities over the same text first and merges <pre><code class> into one pre", () => {
    expect(parseTelegramHtml('<a href="https://a.example/"><b>x</b></a>').entities.map((e) => e.type)).toEqual(["text_link", "bold"]);
    expect(parseTelegramHtml('<pre><code class="language-ts">let x</code></pre>').entities).toEqual([{ type: "pre", offset: 0, length: 5, language: "ts" }]);
  });
});

describe("the emulator fixture", () => {
  fixtureTest("gives each test a fresh emulator that a grammY bot can talk to in-process", async ({ emulator }) => {
    const bot = new Bot("1:fixture", { botInfo: emulator.botInfo });
    bot.api.config.use(inProcessApi(emulator));
    expect(await bot.api.sendMessage(5, "hello")).toMatchObject({ message_id: 1, chat: { id: 5 } });
    expect(emulator.calls.map((c) => c.method)).toEqual(["sendMessage"]);
  });
});
