import { Composer } from "grammy";
import type { ChatMember } from "grammy/types";
import type { Subscriptions } from "../../digest/subscriptions.js";
import type { Context } from "../context.js";

export interface ChatMemberDeps {
  subscriptions: Pick<Subscriptions, "markBlocked" | "reactivate">;
}

/** Whether the bot can still post in the chat with this membership. */
function canReceive(member: ChatMember): boolean {
  switch (member.status) {
    case "kicked":
    case "left":
      return false;
    case "restricted":
      return member.is_member;
    default:
      return true;
  }
}

/** Stored with the subscriber, for operators: why digests to this chat stopped. */
function blockReason(member: ChatMember, chatType: string): string {
  if (chatType === "private") return member.status === "kicked" ? "my_chat_member: blocked by the user" : `my_chat_member: ${member.status}`;
  return member.status === "kicked" ? "my_chat_member: removed from the chat" : `my_chat_member: ${member.status}`;
}

/**
 * Telegram's word on the bot's own membership: a reader who blocks the bot, or a group that
 * removes it, gets no more digests; unblocking or adding the bot back makes the chat reachable
 * again (a paused subscription resumes, an /unsubscribe stays in force). No reply: nobody asked.
 */
export function createChatMemberFeature({ subscriptions }: ChatMemberDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("my_chat_member", async (ctx) => {
    const { chat, new_chat_member: member } = ctx.myChatMember;
    if (canReceive(member)) await subscriptions.reactivate(chat.id);
    else await subscriptions.markBlocked(chat.id, blockReason(member, chat.type));
  });
  return composer;
}
