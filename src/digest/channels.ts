import type { Repositories, Subscriber, SubscriberDefaults } from "../db/repositories/index.js";
import { notifyChannelManagers } from "./channel-notice.js";
import type { Locale } from "../shared/locale.js";

export interface ChannelDeps {
  subscribers: Repositories["subscribers"];
  chatManagers: Repositories["chatManagers"];
  defaults: SubscriberDefaults;
}

export type ConnectResult =
  /** A new channel: subscribed to all news with the defaults, managed by the reader. */
  | { kind: "connected"; channel: Subscriber }
  /** Known already (the reader becomes one more manager, its settings stay). */
  | { kind: "already"; channel: Subscriber };

/**
 * Channels as subscribers of their own, managed from private chats. Rights are Telegram's
 * business and are checked by the caller before anything here is called.
 */
export function createChannels(deps: ChannelDeps) {
  const { subscribers, chatManagers, defaults } = deps;

  return {
    /** `managerLocale`: what the reader's client speaks, so notices about the channel reach them in it. */
    async connect(chatId: number, title: string, userId: number, managerLocale?: Locale): Promise<ConnectResult> {
      const known = await subscribers.find(chatId);
      await chatManagers.add(chatId, userId);
      await subscribers.ensure(userId, defaults);
      if (managerLocale) await subscribers.noteClientLanguage(userId, managerLocale);
      if (known?.chatKind === "channel") {
        // A reconnect after the bot was given its rights back: the channel posts again.
        const channel = await subscribers.update(chatId, defaults, { chatTitle: title, subscribed: true });
        await subscribers.reactivate(chatId);
        return { kind: "already", channel: (await subscribers.find(chatId)) ?? channel };
      }
      const channel = await subscribers.update(chatId, defaults, { chatKind: "channel", chatTitle: title, subscribed: true, topics: [] });
      await subscribers.reactivate(chatId);
      return { kind: "connected", channel };
    },

    /** The channels this reader manages, in the order they were connected. */
    async listFor(userId: number): Promise<Subscriber[]> {
      const ids = await chatManagers.chatsOf(userId);
      const rows = await subscribers.findMany(ids);
      const order = new Map(ids.map((id, i) => [id, i]));
      return rows.filter((r) => r.chatKind === "channel").sort((a, b) => (order.get(a.chatId) ?? 0) - (order.get(b.chatId) ?? 0));
    },

    async isManager(chatId: number, userId: number): Promise<boolean> {
      return chatManagers.isManager(chatId, userId);
    },

    /** Telegram confirmed the reader is still an administrator. */
    async confirmManager(chatId: number, userId: number): Promise<void> {
      await chatManagers.add(chatId, userId);
    },

    /** The reader is no longer an administrator of the channel: they lose the right to manage it. */
    async dropManager(chatId: number, userId: number): Promise<void> {
      await chatManagers.remove(chatId, userId);
    },

    /** `/disconnect`: stops posting and forgets the channel's settings and managers. */
    async disconnect(chatId: number): Promise<boolean> {
      await chatManagers.removeChat(chatId);
      return subscribers.remove(chatId);
    },

    /** Managers whose rights were last confirmed before `before`, oldest first: the periodic re-check's work. */
    async staleManagers(before: Date, limit: number): Promise<Array<{ chatId: number; userId: number }>> {
      return chatManagers.staleBefore(before, limit);
    },

    /** Telegram refused to deliver to the channel: stop posting; true if this call stopped it. */
    async deactivate(chatId: number, reason: string): Promise<boolean> {
      return subscribers.markChatBlocked(chatId, reason);
    },

    async managersOf(chatId: number): Promise<number[]> {
      return chatManagers.managersOf(chatId);
    },

    async find(chatId: number): Promise<Subscriber | undefined> {
      return subscribers.find(chatId);
    },

    /** Tells the channel's managers that posting stopped and why; call only after the stop itself. */
    async notifyStopped(chatId: number, reason: string, send: (userId: number, text: string) => Promise<unknown>) {
      const channel = await subscribers.find(chatId);
      if (channel?.chatKind !== "channel") return 0;
      return notifyChannelManagers({ repos: { subscribers, chatManagers }, send }, channel, reason);
    },
  };
}

export type Channels = ReturnType<typeof createChannels>;

/** The name a channel goes by in its managers' chats: its @username, else its title. */
export function channelName(channel: Pick<Subscriber, "chatTitle" | "chatId">): string {
  return channel.chatTitle ?? String(channel.chatId);
}
