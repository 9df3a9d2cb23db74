import type { Repositories, Subscriber } from "../db/repositories/index.js";
import { localeOf } from "./deliver.js";
import { digestTranslate, type Translate } from "./texts.js";
import { DEFAULT_LOCALE } from "../shared/locale.js";
import { escapeHtml } from "../shared/telegram-html.js";

/** Why posting stopped, in the words a channel's managers can act on. */
export type StopCause = "removed" | "rights" | "topic" | "other";

/** Reads the cause out of Telegram's description (or the my_chat_member note) stored with the subscriber. */
export function stopCause(reason: string): StopCause {
  if (/message thread not found|topic_deleted|topic.*deleted/i.test(reason)) return "topic";
  if (/not enough rights|need administrator rights|can_post_messages|administrator without/i.test(reason)) return "rights";
  if (/kicked|not a member|removed|left|chat not found|blocked/i.test(reason)) return "removed";
  return "other";
}

export interface ChannelNoticeDeps {
  repos: Pick<Repositories, "subscribers" | "chatManagers">;
  /** Sends one message to a manager's private chat (through the pacer on the digest path). */
  send: (chatId: number, text: string) => Promise<unknown>;
  /** The notice's texts. Default: the digest's Fluent bundle. */
  translate?: Translate;
}

/**
 * Tells a deactivated channel's managers, in their own languages, that posting stopped and why.
 * Callers run it only when their markBlocked call was the one that deactivated the channel, so
 * managers hear about one stop once. Returns how many were told.
 */
export async function notifyChannelManagers(deps: ChannelNoticeDeps, channel: Pick<Subscriber, "chatId" | "chatTitle">, reason: string): Promise<number> {
  const t = deps.translate ?? digestTranslate();
  const managers = await deps.repos.chatManagers.managersOf(channel.chatId);
  const rows = new Map((await deps.repos.subscribers.findMany(managers)).map((r) => [r.chatId, r]));
  let told = 0;
  for (const userId of managers) {
    const row = rows.get(userId);
    const locale = row ? localeOf(row) : DEFAULT_LOCALE;
    const name = escapeHtml(channel.chatTitle ?? String(channel.chatId));
    try {
      await deps.send(userId, t(locale, "channel-stopped", { channel: name, cause: stopCause(reason) }));
      told += 1;
    } catch {
      // A manager who blocked the bot cannot be told; the others still are.
    }
  }
  return told;
}
