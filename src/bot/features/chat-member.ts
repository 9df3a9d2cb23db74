import { Composer } from "grammy";
import type { ChatMember } from "grammy/types";
import type { Channels } from "../../digest/channels.js";
import type { Subscriptions } from "../../digest/subscriptions.js";
import type { ChatRights } from "../chat-admin.js";
import type { Context } from "../context.js";

export interface ChatMemberDeps {
  subscriptions: Pick<Subscriptions, "markBlocked" | "reactivateChat">;
  /** For channels: their managers are told once when posting stops. */
  channels?: Pick<Channels, "notifyStopped">;
  /** Cached admin answers about the chat are dropped when its membership changes. */
  rights?: ChatRights;
}

/** Whether the bot can still post in the chat with this membership. */
function canReceive(member: ChatMember, chatType: string): boolean {
  switch (member.status) {
    case "kicked":
    case "left":
      return false;
    case "restricted":
      return member.is_member && member.can_send_messages;
    case "administrator":
      // In a channel only an administrator allowed to post can post.
      return chatType !== "channel" || member.can_post_messages === true;
    case "member":
      return chatType !== "channel";
    default:
      return true;
  }
}

/** Stored with the subscriber, for operators and managers: why digests to this chat stopped. */
function blockReason(member: ChatMember, chatType: string): string {
  if (chatType === "private") return member.status === "kicked" ? "my_chat_member: blocked by the user" : `my_chat_member: ${member.status}`;
  if (member.status === "kicked") return "my_chat_member: removed from the chat";
  if (member.status === "administrator" || member.status === "member" || member.status === "restricted") {
    return `my_chat_member: ${member.status}, not enough rights to post`;
  }
  return `my_chat_member: ${member.status}`;
}

/**
 * Telegram's word on the bot's own membership: a reader who blocks the bot, or a group or channel
 * that removes it or takes its right to post, gets no more digests (a channel's managers are told,
 * once); unblocking or adding the bot back makes the chat reachable again (a paused subscription
 * resumes, an /unsubscribe stays in force). No reply in the chat: nobody there asked.
 */
export function createChatMemberFeature({ subscriptions, channels, rights }: ChatMemberDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("my_chat_member", async (ctx) => {
    const { chat, new_chat_member: member } = ctx.myChatMember;
    rights?.forget(chat.id);
    if (canReceive(member, chat.type)) {
      await subscriptions.reactivateChat(chat.id);
      return;
    }
    const reason = blockReason(member, chat.type);
    const deactivated = await subscriptions.markBlocked(chat.id, reason);
    if (!deactivated || chat.type !== "channel" || !channels) return;
    const send = (userId: number, text: string) => ctx.api.sendMessage(userId, text);
    await channels.notifyStopped(chat.id, reason, send);
  });
  return composer;
}
