import { onButton } from "../button-route.js";
import { Composer, InlineKeyboard, Keyboard } from "grammy";
import type { ChatAdministratorRights } from "grammy/types";
import type { Channels } from "../../digest/channels.js";
import { channelName } from "../../digest/channels.js";
import type { Subscriptions } from "../../digest/subscriptions.js";
import { DISCONNECT_BUTTONS, encodeCallback } from "../callback-data.js";
import { checkChannelAccess, refuseChannel } from "../channel-access.js";
import { checkChannel, parseChannelRef, type ChannelCheck } from "../channel-check.js";
import type { ChatRights } from "../chat-admin.js";
import type { Context } from "../context.js";
import { describeSchedule } from "./subscribe.js";
import { localeForLanguageCode } from "../../shared/locale.js";
import { escapeHtml, truncate } from "../../shared/telegram-html.js";

/** Telegram echoes this id back with the channel a reader picked with the chat-sharing button. */
export const CONNECT_REQUEST_ID = 14;
const MAX_ECHO = 60;

export interface ChannelsDeps {
  channels: Channels;
  subscriptions: Subscriptions;
  rights: ChatRights;
}

/** A reply-keyboard button that opens Telegram's channel picker, showing only channels where both can post. */
function pickerKeyboard(ctx: Context): Keyboard {
  return new Keyboard()
    .requestChat(ctx.t("channels-button-pick"), CONNECT_REQUEST_ID, {
      chat_is_channel: true,
      user_administrator_rights: adminRights(),
      bot_administrator_rights: adminRights(),
    })
    .resized()
    .oneTime();
}

/** The rights the picker asks for: posting, nothing else (Telegram wants every field named). */
function adminRights(): ChatAdministratorRights {
  return {
    can_send_welcome_messages: false,
    is_anonymous: false,
    can_manage_chat: false,
    can_delete_messages: false,
    can_manage_video_chats: false,
    can_restrict_members: false,
    can_promote_members: false,
    can_change_info: false,
    can_invite_users: false,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
    can_post_messages: true,
  };
}

function checkProblem(ctx: Context, check: Exclude<ChannelCheck, { kind: "ok" }>): string {
  const name = "name" in check ? escapeHtml(check.name) : "";
  const bot = `@${escapeHtml(ctx.me.username)}`;
  switch (check.kind) {
    case "not-found":
      return ctx.t("connect-not-found", { bot });
    case "not-channel":
      return ctx.t("connect-not-channel", { chat: name });
    case "reader-not-admin":
      return ctx.t("connect-reader-not-admin", { channel: name });
    case "bot-not-admin":
      return ctx.t("connect-bot-not-admin", { channel: name, bot });
    case "bot-cannot-post":
      return ctx.t("connect-bot-cannot-post", { channel: name, bot });
  }
}

/** `/channels`, `/connect`, a forwarded channel post or a shared chat, `/disconnect` with confirmation. */
export function createChannelsFeature({ channels, subscriptions, rights }: ChannelsDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const privateChats = composer.chatType("private");

  async function connect(ctx: Context, ref: string | number): Promise<void> {
    const userId = ctx.from?.id;
    if (userId === undefined) return;
    const check = await checkChannel(ctx.api, rights, ref, userId, ctx.me.id);
    if (check.kind !== "ok") {
      await ctx.reply(checkProblem(ctx, check));
      return;
    }
    const locale = ctx.from?.language_code === undefined ? undefined : localeForLanguageCode(ctx.from.language_code);
    const result = await channels.connect(check.chatId, check.name, userId, locale);
    const summary = await subscriptions.summary(check.chatId);
    const head = ctx.t(result.kind === "connected" ? "connect-done" : "connect-again", { channel: escapeHtml(check.name) });
    await ctx.reply([head, describeSchedule(ctx, summary), "", ctx.t("connect-settings-hint", { channel: escapeHtml(check.name) })].join("\n"), {
      reply_markup: { remove_keyboard: true },
    });
  }

  privateChats.command("channels", async (ctx) => {
    const list = await channels.listFor(ctx.from.id);
    if (list.length === 0) {
      await ctx.reply(ctx.t("channels-none"), { reply_markup: pickerKeyboard(ctx) });
      return;
    }
    const keyboard = new InlineKeyboard();
    const lines = list.map((channel) => {
      const name = channelName(channel);
      keyboard
        .text(`⚙️ ${name}`, encodeCallback({ kind: "settings", action: { op: "show", view: "main" }, chatId: channel.chatId }))
        .text(ctx.t("channels-button-disconnect"), encodeCallback({ kind: "disconnect", op: "ask", chatId: channel.chatId }))
        .row();
      const state = channel.blockedAt
        ? ctx.t("channels-state-stopped", { reason: escapeHtml(truncate(channel.blockedReason ?? "", 120)) })
        : channel.subscribed
          ? ctx.t("channels-state-on")
          : ctx.t("channels-state-off");
      return ctx.t("channels-line", { channel: escapeHtml(name), state });
    });
    await ctx.reply([ctx.t("channels-title", { count: list.length }), ...lines, "", ctx.t("channels-hint")].join("\n"), {
      reply_markup: keyboard,
    });
  });

  composer.command("connect", async (ctx) => {
    if (ctx.chat.type !== "private") {
      await ctx.reply(ctx.t("connect-private-only", { bot: `@${escapeHtml(ctx.me.username)}` }));
      return;
    }
    const input = ctx.match.trim();
    if (input === "") {
      await ctx.reply(ctx.t("connect-how"), { reply_markup: pickerKeyboard(ctx) });
      return;
    }
    const ref = parseChannelRef(input);
    if (ref === undefined) {
      await ctx.reply(ctx.t("connect-bad-name", { input: escapeHtml(truncate(input, MAX_ECHO)) }));
      return;
    }
    await connect(ctx, ref);
  });

  // Forwarding any post of the channel names it without typing.
  privateChats.on("message", async (ctx, next) => {
    const origin = ctx.message.forward_origin;
    if (origin?.type !== "channel") return next();
    await connect(ctx, origin.chat.id);
  });

  privateChats.on("message:chat_shared", async (ctx) => {
    if (ctx.message.chat_shared.request_id !== CONNECT_REQUEST_ID) return;
    await connect(ctx, ctx.message.chat_shared.chat_id);
  });

  privateChats.command("disconnect", async (ctx) => {
    const list = await channels.listFor(ctx.from.id);
    const input = ctx.match.trim().toLowerCase();
    const chosen = input === "" ? list : list.filter((c) => channelName(c).toLowerCase() === (input.startsWith("@") ? input : `@${input}`));
    if (chosen.length === 0) {
      await ctx.reply(ctx.t(list.length === 0 ? "disconnect-none" : "disconnect-unknown"));
      return;
    }
    const keyboard = new InlineKeyboard();
    for (const channel of chosen) {
      keyboard.text(channelName(channel), encodeCallback({ kind: "disconnect", op: "ask", chatId: channel.chatId })).row();
    }
    await ctx.reply(ctx.t("disconnect-choose"), { reply_markup: keyboard });
  });

  onButton(composer, DISCONNECT_BUTTONS, async (ctx, action) => {
    const access = await checkChannelAccess(ctx, { channels, rights }, action.chatId, action.op === "yes");
    if (access.kind !== "ok") return refuseChannel(ctx, access);
    const channel = escapeHtml(access.name);
    if (action.op === "ask") {
      const keyboard = new InlineKeyboard()
        .text(ctx.t("disconnect-button-yes"), encodeCallback({ kind: "disconnect", op: "yes", chatId: action.chatId }))
        .text(ctx.t("disconnect-button-no"), encodeCallback({ kind: "disconnect", op: "no", chatId: action.chatId }));
      await ctx.editMessageText(ctx.t("disconnect-confirm", { channel }), { reply_markup: keyboard });
    } else if (action.op === "yes") {
      await channels.disconnect(action.chatId);
      await ctx.editMessageText(ctx.t("disconnect-done", { channel }));
    } else {
      await ctx.editMessageText(ctx.t("disconnect-cancelled", { channel }));
    }
    await ctx.answerCallbackQuery();
  });

  return composer;
}
