import { GrammyError, type Api, type MiddlewareFn } from "grammy";
import type { ChatMember } from "grammy/types";
import type { Context } from "./context.js";

/** How long a getChatMember answer is trusted: long enough for a burst of button presses. */
export const ADMIN_CACHE_MS = 60_000;
const MAX_CACHED = 10_000;

type MemberApi = Pick<Api, "getChatMember">;

/**
 * Asks Telegram who is an administrator of a chat, remembering each answer briefly so a settings
 * session costs one call, not one per button. Shared by the group guard and channel management.
 */
export function createChatRights(opts: { ttlMs?: number; now?: () => number } = {}) {
  const ttl = opts.ttlMs ?? ADMIN_CACHE_MS;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { member: ChatMember; at: number }>();

  return {
    async member(api: MemberApi, chatId: number, userId: number, fresh = false): Promise<ChatMember> {
      const key = `${chatId}:${userId}`;
      const hit = cache.get(key);
      if (!fresh && hit && now() - hit.at < ttl) return hit.member;
      const member = await api.getChatMember(chatId, userId);
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(key, { member, at: now() });
      return member;
    },

    async isAdmin(api: MemberApi, chatId: number, userId: number, fresh = false): Promise<boolean> {
      return isAdministrator(await this.member(api, chatId, userId, fresh));
    },

    /** Forgets what is known about a chat (its admins changed, or the bot's own rights did). */
    forget(chatId: number): void {
      for (const key of cache.keys()) if (key.startsWith(`${chatId}:`)) cache.delete(key);
    },
  };
}

export type ChatRights = ReturnType<typeof createChatRights>;

export function isAdministrator(member: ChatMember): boolean {
  return member.status === "creator" || member.status === "administrator";
}

/** Whether Telegram says the chat or the user is unknown (then nobody there is an admin). */
export function isUnknownChat(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /chat not found|user not found|participant_id_invalid|member not found/i.test(error.description);
}

/**
 * Whether the sender of this update may change the chat's subscription and settings. Private
 * chats belong to their reader; in groups only administrators may, and an anonymous
 * administrator (who writes as the group itself, `sender_chat`) counts as one.
 */
export async function isChatAdmin(ctx: Context, rights: ChatRights): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat || chat.type === "private") return true;
  if (chat.type === "channel") return false;
  if (ctx.msg?.sender_chat?.id === chat.id) return true;
  const userId = ctx.from?.id;
  if (userId === undefined) return false;
  try {
    return await rights.isAdmin(ctx.api, chat.id, userId);
  } catch (error) {
    if (isUnknownChat(error)) return false;
    throw error;
  }
}

/** A short, polite no: a toast for a button press, a reply for a command. */
export async function refuseNonAdmin(ctx: Context): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("chat-admin-only-toast") });
  else await ctx.reply(ctx.t("chat-admin-only"));
}

/**
 * Guard for commands and buttons that change a group's subscription or settings:
 * `composer.command("subscribe", requireChatAdmin(rights), handler)`. Read-only commands stay
 * open to everyone and do not use it.
 */
export function requireChatAdmin(rights: ChatRights): MiddlewareFn<Context> {
  return async (ctx, next) => {
    if (await isChatAdmin(ctx, rights)) return next();
    await refuseNonAdmin(ctx);
  };
}
