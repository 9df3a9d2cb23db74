import type { Update, UserFromGetMe } from "grammy/types";
import { createAlertService } from "../../src/alerts/service.js";
import { createPreferences } from "../../src/bot/preferences.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createDigestBuilder } from "../../src/digest/build.js";
import { createChannels } from "../../src/digest/channels.js";
import { createSubscriptions, type Subscriptions } from "../../src/digest/subscriptions.js";
import { createNewsQueries } from "../../src/news/queries.js";
import { createTopicService, type TopicService } from "../../src/topics/service.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import { BOT_INFO, createBotHarness, type BotHarness } from "../helpers/bot-harness.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

/** New readers get 08:00 Moscow time, as with DIGEST_TIME=08:00 and DEFAULT_TIMEZONE=Europe/Moscow. */
export const DEFAULTS = { timeZone: "Europe/Moscow", digestMinute: 8 * 60 };

export interface SubscriptionWorld {
  database: TestDatabase;
  repos: Repositories;
  topics: TopicService;
  subscriptions: Subscriptions;
  harness: BotHarness;
  /** The clock every part of the bot reads; tests move it. */
  clock: { now: Date };
}

/** A bot wired the way `vestnik run` wires it, over a fresh test database and a settable clock. */
export async function createSubscriptionWorld(start: Date): Promise<SubscriptionWorld> {
  const database = await createTestDatabase();
  const repos = createRepositories(database.db);
  const topics = createTopicService({ topics: [...BUILTIN_TOPICS], repos });
  const clock = { now: start };
  const subscriptions = createSubscriptions({
    subscribers: repos.subscribers,
    deliveries: repos.deliveries,
    topics,
    defaults: DEFAULTS,
    now: () => clock.now,
  });
  const news = createNewsQueries(repos);
  const harness = createBotHarness({
    news,
    topics,
    subscriptions,
    channels: createChannels({ subscribers: repos.subscribers, chatManagers: repos.chatManagers, defaults: DEFAULTS }),
    digestPreview: createDigestBuilder({ repos, topics: [...BUILTIN_TOPICS], size: 10 }),
    preferences: createPreferences({ subscribers: repos.subscribers, defaultTimeZone: DEFAULTS.timeZone }),
    alerts: { alerts: createAlertService({ repos, topics, defaults: DEFAULTS }), news, topics, hourlyCap: 10 },
  });
  return { database, repos, topics, subscriptions, harness, clock };
}

let nextUpdateId = 9_000_000;

/** Telegram's note that the bot's membership in a chat changed (blocked, unblocked, removed, added). */
export function myChatMember(
  status: "member" | "kicked" | "left" | "administrator",
  options: { chatId: number; chatType?: "private" | "group" | "supergroup"; from?: "member" | "kicked" | "left" },
): Update {
  const chatType = options.chatType ?? "private";
  const chat =
    chatType === "private"
      ? { id: options.chatId, type: "private" as const, first_name: "Anna" }
      : { id: options.chatId, type: chatType, title: "Test group" };
  const bot = { ...(BOT_INFO as Omit<UserFromGetMe, "is_bot">), is_bot: true as const };
  const member = (s: string) =>
    (s === "kicked" ? { user: bot, status: s, until_date: 0 } : s === "administrator" ? { user: bot, status: s, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true, can_manage_video_chats: false, can_restrict_members: true, can_promote_members: false, can_change_info: true, can_invite_users: true, can_post_stories: false, can_edit_stories: false, can_delete_stories: false } : { user: bot, status: s });
  return {
    update_id: nextUpdateId++,
    my_chat_member: {
      chat,
      from: { id: Math.abs(options.chatId), is_bot: false, first_name: "Anna" },
      date: Math.floor(Date.now() / 1000),
      old_chat_member: member(options.from ?? (status === "member" ? "kicked" : "member")),
      new_chat_member: member(status),
    },
  } as Update;
}
