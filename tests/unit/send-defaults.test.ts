import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { sendDefaults, withSendDefaults } from "../../src/shared/send-defaults.js";

const NO_PREVIEW = { is_disabled: true };

describe("send defaults", () => {
  it("makes message text HTML without link previews unless the caller chose otherwise", () => {
    expect(withSendDefaults("sendMessage", { chat_id: 1, text: "<b>x</b>" })).toEqual({ chat_id: 1, text: "<b>x</b>", parse_mode: "HTML", link_preview_options: NO_PREVIEW });
    expect(withSendDefaults("editMessageText", { chat_id: 1, message_id: 2, text: "x", link_preview_options: { url: "https://a.example" } })).toEqual({
      chat_id: 1,
      message_id: 2,
      text: "x",
      parse_mode: "HTML",
      link_preview_options: { url: "https://a.example" },
    });
    expect(withSendDefaults("sendMessage", { chat_id: 1, text: "*x*", parse_mode: "MarkdownV2" })).toMatchObject({ parse_mode: "MarkdownV2" });
  });

  it("leaves other methods alone", () => {
    const payload = { callback_query_id: "1", text: "toast" };
    expect(withSendDefaults("answerCallbackQuery", payload)).toBe(payload);
    expect(withSendDefaults("getMe", undefined)).toBeUndefined();
  });

  it("drops the empty rows a keyboard built row by row ends with, for every method that carries one", () => {
    const markup = { inline_keyboard: [[{ text: "A", callback_data: "a" }], [], [{ text: "B", callback_data: "b" }], []] };
    const tidy = { inline_keyboard: [[{ text: "A", callback_data: "a" }], [{ text: "B", callback_data: "b" }]] };
    expect(withSendDefaults("sendMessage", { chat_id: 1, text: "x", reply_markup: markup }).reply_markup).toEqual(tidy);
    expect(withSendDefaults("editMessageReplyMarkup", { chat_id: 1, message_id: 2, reply_markup: markup })).toEqual({ chat_id: 1, message_id: 2, reply_markup: tidy });
    const whole = { chat_id: 1, message_id: 2, reply_markup: tidy };
    expect(withSendDefaults("editMessageReplyMarkup", whole)).toBe(whole);
  });

  it("as a transformer, reaches what goes over the wire", async () => {
    const api = new Api("123:abc");
    const wire: Array<{ method: string; payload: unknown }> = [];
    api.config.use(async (_prev, method, payload) => {
      wire.push({ method, payload });
      return { ok: true, result: { message_id: 1 } } as never;
    });
    api.config.use(sendDefaults());
    await api.sendMessage(5, "a &amp; b", { reply_markup: { inline_keyboard: [] } });
    await api.answerCallbackQuery("q");
    expect(wire[0]).toEqual({ method: "sendMessage", payload: { chat_id: 5, text: "a &amp; b", reply_markup: { inline_keyboard: [] }, parse_mode: "HTML", link_preview_options: NO_PREVIEW } });
    expect(wire[1]?.payload).toEqual({ callback_query_id: "q" });
  });
});
