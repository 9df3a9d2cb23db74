import { createHash } from "node:crypto";
import type { Bot } from "grammy";
import type { Chat, ChatMember, Message, Update, UserFromGetMe } from "grammy/types";
import { pino } from "pino";
import type { Context } from "../../src/bot/context.js";
import { createBot, type BotDeps } from "../../src/bot/create-bot.js";
import type { Repositories } from "../../src/db/repositories/index.js";
import { ApiError, createEmulator, inProcessApi, validateCall } from "../../src/emulator/index.js";
import { withSendDefaults } from "../../src/shared/send-defaults.js";

export const BOT_INFO: UserFromGetMe = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "Vestnik",
  username: "vestnik_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** Shaped like a real token so nothing trips over the format; never leaves the process. */
export const FAKE_TOKEN = "123456789:TEST_token_that_never_leaves_the_process";

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export interface LogEntry {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

export interface HandleOptions {
  /** Let warnings and errors be logged without failing (for tests that provoke them). */
  allowLoggedErrors?: boolean;
}

export interface BotHarness {
  bot: Bot<Context>;
  /** Every call so far, oldest first. */
  calls: ApiCall[];
  /** Everything the bot logged, as pino JSON objects. */
  logs: LogEntry[];
  /** Runs one update and returns the calls it made. Throws if a call broke Telegram's rules or something was logged at warn or above. */
  handleUpdate(update: Update, options?: HandleOptions): Promise<ApiCall[]>;
  /** Makes the next call of `method` fail the way Telegram fails, e.g. 400 "message is not modified". */
  failNext(method: string, errorCode: number, description: string): void;
  /** What getChatMember answers for this user in this chat (default: a plain member). */
  setMember(chatId: number, userId: number, member: Partial<ChatMember> & { status: ChatMember["status"] }): void;
  /** Makes getChat know a chat by id and, if it has one, by @username (unknown chats: 400 "chat not found"). */
  setChat(chat: Chat): void;
}

/** Throws when Telegram would reject the call (the emulator's own validation); returns nothing otherwise. */
export function checkApiCall(method: string, payload: Record<string, unknown>): void {
  try {
    validateCall(method, payload);
  } catch (error) {
    if (error instanceof ApiError) throw new Error(`${method} would be rejected by Telegram: ${error.message}`);
    throw error;
  }
}

/**
 * The bot from createBot, answered in-process by the project's Telegram emulator. Hand-built updates
 * point at messages and queries the emulator never saw, so it takes such references as real, and
 * getChat knows only the chats a test introduced with setChat.
 */
export function createBotHarness(deps: Pick<BotDeps, "news"> & Partial<BotDeps>): BotHarness {
  const logs: LogEntry[] = [];
  const logger = pino({ level: "trace" }, { write: (line: string) => void logs.push(JSON.parse(line) as LogEntry) });
  const bot = createBot({ token: FAKE_TOKEN, botInfo: BOT_INFO, logger, ...deps });
  const emulator = createEmulator({ botInfo: BOT_INFO, getChat: "introduced", trustUnseenReferences: true, firstMessageId: 1001 });
  const calls: ApiCall[] = [];
  const violations: Error[] = [];
  emulator.subscribe((call) => {
    calls.push({ method: call.method, payload: call.payload });
    if (call.error?.violation) violations.push(new Error(`${call.method} would be rejected by Telegram: ${call.error.message}`));
  });
  // Installed after createBot's transformers, so it runs first and never reaches them: it applies
  // the send defaults itself to see (and check) what would go over the wire.
  bot.api.config.use(inProcessApi(emulator, { prepare: (method, payload) => withSendDefaults(method, payload) }));

  return {
    bot,
    calls,
    logs,
    failNext(method, errorCode, description) {
      emulator.failNext(method, { code: errorCode, description });
    },
    setMember(chatId, userId, member) {
      emulator.setChatMember(chatId, userId, { user: { id: userId, is_bot: false, first_name: "Member" }, ...member });
    },
    setChat(chat) {
      emulator.addChat(chat);
    },
    async handleUpdate(update, options = {}) {
      const firstCall = calls.length;
      const firstLog = logs.length;
      emulator.observe(update);
      await bot.handleUpdate(update);
      const broken = violations.splice(0);
      if (broken.length > 0) throw new AggregateError(broken, broken.map((e) => e.message).join("; "));
      const loud = logs.slice(firstLog).filter((entry) => entry.level >= 40);
      if (loud.length > 0 && !options.allowLoggedErrors) {
        throw new Error(`the bot logged: ${loud.map((entry) => JSON.stringify(entry)).join("\n")}`);
      }
      return calls.slice(firstCall);
    },
  };
}

// ---- update builders ----

let updateId = 1;

export interface FromOptions {
  userId?: number;
  /** Telegram client language; null leaves the field out, as Telegram does for some clients. */
  languageCode?: string | null;
  firstName?: string;
}

export interface MessageOptions extends FromOptions {
  chatType?: "private" | "group" | "supergroup";
  chatId?: number;
}

function user({ userId = 42, languageCode = "en", firstName = "Anna" }: FromOptions) {
  return { id: userId, is_bot: false as const, first_name: firstName, ...(languageCode === null ? {} : { language_code: languageCode }) };
}

/** A text message; a leading `/command` (with or without @username) gets its bot_command entity. */
export function message(text: string, options: MessageOptions = {}): Update {
  const from = user(options);
  const chatType = options.chatType ?? "private";
  const chat: Chat =
    chatType === "private"
      ? { id: options.chatId ?? from.id, type: "private", first_name: from.first_name }
      : { id: options.chatId ?? -100_200_300, type: chatType, title: "Test group" };
  const command = /^\/\S+/.exec(text);
  return {
    update_id: updateId++,
    message: {
      message_id: updateId + 10_000,
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  } as Update;
}

export interface CallbackOptions extends FromOptions {
  /** The message the button hangs under (one the bot sent earlier). */
  messageId?: number;
  chatId?: number;
}

export function callback(data: string, options: CallbackOptions = {}): Update {
  const from = user(options);
  const chat: Chat = { id: options.chatId ?? from.id, type: "private", first_name: from.first_name };
  return {
    update_id: updateId++,
    callback_query: {
      id: `cbq-${updateId}`,
      from,
      chat_instance: "test-chat-instance",
      data,
      message: { message_id: options.messageId ?? 1, date: Math.floor(Date.now() / 1000), chat, from: BOT_INFO, text: "…" } as Message.TextMessage,
    },
  };
}

/** The text of the single sendMessage/editMessageText among `calls`, for terse assertions. */
export function sentText(calls: ApiCall[]): string {
  const texts = calls.filter((c) => c.method === "sendMessage" || c.method === "editMessageText").map((c) => c.payload.text);
  if (texts.length !== 1 || typeof texts[0] !== "string") throw new Error(`expected one message, got ${JSON.stringify(calls)}`);
  return texts[0];
}

/** callback_data of every inline button in a call, row by row. */
export function buttonData(call: ApiCall | undefined): string[] {
  const markup = call?.payload.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data === undefined ? [] : [b.callback_data]));
}

// ---- data ----

export interface SeedArticle {
  title: string;
  url: string;
  publishedAt: Date;
  body?: string;
  summary?: string;
}

/** Stores articles under one source, the way ingestion would; returns their ids in input order. */
export async function seedArticles(
  repos: Pick<Repositories, "sources" | "articles">,
  source: { url: string; title: string },
  articles: SeedArticle[],
): Promise<number[]> {
  const sourceId = await repos.sources.upsert({ ...source, kind: "file" });
  const ids: number[] = [];
  for (const a of articles) {
    const summary = a.summary ?? "";
    const body = a.body ?? summary;
    const contentHash = createHash("sha256").update(`${a.title}\n${body}`).digest("hex");
    const [row] = await repos.articles.insertMany([{ sourceId, url: a.url, title: a.title, summary, body, publishedAt: a.publishedAt, contentHash }]);
    if (row === undefined) throw new Error(`article ${a.url} was not inserted`);
    ids.push(row.id);
  }
  return ids;
}
