import { GrammyError, type Api } from "grammy";
import type { ChatMember } from "grammy/types";
import { isAdministrator, type ChatRights } from "./chat-admin.js";

/** What connecting a channel needs, checked with Telegram; every refusal names what to fix. */
export type ChannelCheck =
  | { kind: "ok"; chatId: number; name: string }
  /** Telegram does not show the bot this chat: a wrong name, or a private channel the bot is not in. */
  | { kind: "not-found" }
  | { kind: "not-channel"; name: string }
  | { kind: "reader-not-admin"; name: string }
  /** The bot is not an administrator of the channel (or not in it at all). */
  | { kind: "bot-not-admin"; name: string }
  /** The bot is an administrator without the right to post messages. */
  | { kind: "bot-cannot-post"; name: string };

type ChatApi = Pick<Api, "getChat" | "getChatMember">;

/** `@name`, `name`, `t.me/name`, `https://t.me/name` or a numeric id (-100…); undefined for anything else. */
export function parseChannelRef(input: string): string | number | undefined {
  const text = input.trim();
  if (/^-100\d{5,15}$/.test(text)) return Number(text);
  const match = /^(?:(?:https?:\/\/)?(?:t\.me|telegram\.me)\/|@)?([A-Za-z][A-Za-z0-9_]{3,31})\/?$/i.exec(text);
  return match ? `@${match[1]}` : undefined;
}

const rejected = (error: unknown) => error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403);

async function memberOrUndefined(rights: ChatRights, api: ChatApi, chatId: number, userId: number): Promise<ChatMember | undefined> {
  try {
    return await rights.member(api, chatId, userId, true);
  } catch (error) {
    if (rejected(error)) return undefined;
    throw error;
  }
}

/**
 * Checks a channel a reader wants to connect: it is a channel, the bot is an administrator allowed
 * to post, and the reader is an administrator. Always asks Telegram afresh (no cache).
 */
export async function checkChannel(api: ChatApi, rights: ChatRights, ref: string | number, userId: number, botId: number): Promise<ChannelCheck> {
  let chat;
  try {
    chat = await api.getChat(ref);
  } catch (error) {
    if (rejected(error)) return { kind: "not-found" };
    throw error;
  }
  const name = chat.type !== "private" && chat.username ? `@${chat.username}` : (("title" in chat && chat.title) || String(chat.id));
  if (chat.type !== "channel") return { kind: "not-channel", name };
  const bot = await memberOrUndefined(rights, api, chat.id, botId);
  if (!bot || !isAdministrator(bot)) return { kind: "bot-not-admin", name };
  if (bot.status === "administrator" && bot.can_post_messages !== true) return { kind: "bot-cannot-post", name };
  const reader = await memberOrUndefined(rights, api, chat.id, userId);
  if (!reader || !isAdministrator(reader)) return { kind: "reader-not-admin", name };
  return { kind: "ok", chatId: chat.id, name };
}
