import { GrammyError } from "grammy";
import type { Channels } from "../digest/channels.js";
import { channelName } from "../digest/channels.js";
import { isUnknownChat, type ChatRights } from "./chat-admin.js";
import type { Context } from "./context.js";
import type { MenuTarget } from "./features/settings-menu.js";
import { escapeHtml } from "../shared/telegram-html.js";

export interface ChannelAccessDeps {
  channels: Channels;
  rights: ChatRights;
}

export type Access =
  | { kind: "ok"; name: string }
  /** Not among the channel's managers (a forged or foreign button): nothing is said about the channel. */
  | { kind: "not-manager" }
  /** Was a manager, but Telegram says they are no administrator any more: the right is gone. */
  | { kind: "not-admin"; name: string };

/**
 * Whether the reader who pressed or typed may manage this channel: they connected it (or were
 * added as a manager) and Telegram still lists them as an administrator. Checked before every
 * change (`fresh`: asked anew, since a change outlives the click); views use ChatRights' brief cache.
 */
export async function checkChannelAccess(ctx: Context, deps: ChannelAccessDeps, chatId: number, fresh = false): Promise<Access> {
  const userId = ctx.from?.id;
  if (userId === undefined || ctx.chat?.type !== "private") return { kind: "not-manager" };
  if (!(await deps.channels.isManager(chatId, userId))) return { kind: "not-manager" };
  const channel = await deps.channels.find(chatId);
  if (!channel) return { kind: "not-manager" };
  const name = channelName(channel);
  let admin: boolean;
  try {
    admin = await deps.rights.isAdmin(ctx.api, chatId, userId, fresh);
  } catch (error) {
    // The bot was removed from the channel: nobody can be checked, the managers keep their right
    // to see and disconnect it, and changes wait until the bot is back.
    if (isUnknownChat(error) || (error instanceof GrammyError && error.error_code === 403)) return { kind: "ok", name };
    throw error;
  }
  if (admin) return { kind: "ok", name };
  await deps.channels.dropManager(chatId, userId);
  return { kind: "not-admin", name };
}

/** The chats the /settings switcher offers this reader: their own, then the channels they manage. */
export async function switcherChoices(ctx: Context, channels: Channels): Promise<MenuTarget["choices"]> {
  const userId = ctx.from?.id;
  if (userId === undefined || ctx.chat?.type !== "private") return [];
  const managed = await channels.listFor(userId);
  if (managed.length === 0) return [];
  return [{}, ...managed.map((c) => ({ chatId: c.chatId, name: channelName(c) }))];
}

/** Answers a refused channel action: a toast for a button, a message for a command. */
export async function refuseChannel(ctx: Context, access: Exclude<Access, { kind: "ok" }>): Promise<void> {
  // Toasts are plain text; messages are HTML, where a channel title must be escaped.
  const toast = !!ctx.callbackQuery;
  const name = access.kind === "not-admin" ? (toast ? access.name : escapeHtml(access.name)) : "";
  const text = access.kind === "not-admin" ? ctx.t("channel-not-admin-any-more", { channel: name }) : ctx.t("channel-not-yours");
  if (toast) await ctx.answerCallbackQuery({ text });
  else await ctx.reply(text);
}
