import type { SubscriptionKey } from "../db/repositories/index.js";
import type { Context } from "./context.js";

/**
 * The forum topic an update comes from (a command typed in it, or a button under a message in
 * it), or null: ordinary chats, a forum's General topic, and reply threads of ordinary groups,
 * which Telegram also numbers but which are no topics.
 */
export function topicOf(ctx: Context): number | null {
  const msg = ctx.msg;
  return msg?.is_topic_message === true && msg.message_thread_id !== undefined ? msg.message_thread_id : null;
}

/**
 * The subscription an update is about: the chat, and in a forum supergroup the topic, each of
 * which has its own digest, alerts and settings.
 */
export function subscriptionKeyOf(ctx: Context): SubscriptionKey | undefined {
  const chatId = ctx.chat?.id;
  return chatId === undefined ? undefined : { chatId, threadId: topicOf(ctx) };
}

/** The same, for handlers that only run with a chat (commands). */
export function chatKey(ctx: Context & { chat: { id: number } }): SubscriptionKey {
  return { chatId: ctx.chat.id, threadId: topicOf(ctx) };
}
