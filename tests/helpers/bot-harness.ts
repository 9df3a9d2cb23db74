import { createHash } from "node:crypto";
import type { Bot } from "grammy";
import type { Chat, ChatMember, Message, Update, UserFromGetMe } from "grammy/types";
import { pino } from "pino";
import type { Context } from "../../src/bot/context.js";
import { createBot, type BotDeps } from "../../src/bot/create-bot.js";
import type { Repositories } from "../../src/db/repositories/index.js";
import { parseTelegramHtml } from "./telegram-html.js";
import { withSendDefaults } from "../../src/shared/send-defaults.js";
import { MAX_MESSAGE_LENGTH } from "../../src/shared/telegram-html.js";

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

const MAX_TEXT = MAX_MESSAGE_LENGTH;
const MAX_CALLBACK_DATA_BYTES = 64;
const MAX_CALLBACK_ANSWER = 200;

/** Throws when Telegram would reject the call; returns nothing otherwise. */
export function checkApiCall(method: string, payload: Record<string, unknown>): void {
  const fail = (problem: string) => {
    throw new Error(`${method} would be rejected by Telegram: ${problem}`);
  };
  if (method === "sendMessage" || method === "editMessageText") {
    const { text, parse_mode: parseMode } = payload;
    if (typeof text !== "string") return fail("text is missing");
    if (parseMode !== undefined && parseMode !== "HTML") fail(`unexpected parse_mode ${JSON.stringify(parseMode)}`);
    let visible = text;
    try {
      if (parseMode === "HTML") visible = parseTelegramHtml(text);
    } catch (error) {
      fail(`can't parse entities: ${(error as Error).message}`);
    }
    if (visible.trim() === "") fail("message text is empty");
    if (visible.length > MAX_TEXT) fail(`text is ${visible.length} characters after entity parsing, more than ${MAX_TEXT}`);
    if (method === "sendMessage" && payload.chat_id === undefined) fail("chat_id is missing");
    if (method === "editMessageText" && (payload.chat_id === undefined || payload.message_id === undefined)) {
      fail("chat_id or message_id is missing");
    }
  }
  const markup = payload.reply_markup as { inline_keyboard?: Array<Array<Record<string, unknown>>> } | undefined;
  for (const row of markup?.inline_keyboard ?? []) {
    for (const button of row) {
      if (typeof button.text !== "string" || button.text.trim() === "") fail("a button has no text");
      const data = button.callback_data;
      if (data === undefined) continue;
      const bytes = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
      if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) fail(`callback_data ${JSON.stringify(data)} is ${bytes} bytes`);
    }
  }
  if (method === "answerCallbackQuery") {
    if (typeof payload.callback_query_id !== "string") fail("callback_query_id is missing");
    const text = payload.text;
    if (typeof text === "string" && text.length > MAX_CALLBACK_ANSWER) fail(`answer text is ${text.length} characters`);
  }
  if (method === "setMyCommands") {
    const commands = payload.commands as Array<{ command: string; description: string }> | undefined;
    if (!commands || commands.length === 0 || commands.length > 100) fail("needs 1–100 commands");
    for (const { command, description } of commands ?? []) {
      if (!/^[a-z0-9_]{1,32}$/.test(command)) fail(`bad command name ${JSON.stringify(command)}`);
      if (description.trim() === "" || description.length > 256) fail(`bad description for /${command}`);
    }
  }
}

export function createBotHarness(deps: Pick<BotDeps, "news"> & Partial<BotDeps>): BotHarness {
  const logs: LogEntry[] = [];
  const logger = pino({ level: "trace" }, { write: (line: string) => void logs.push(JSON.parse(line) as LogEntry) });
  const bot = createBot({ token: FAKE_TOKEN, botInfo: BOT_INFO, logger, ...deps });
  const calls: ApiCall[] = [];
  const violations: Error[] = [];
  const failures = new Map<string, { error_code: number; description: string }>();
  let messageId = 1000;
  const members = new Map<string, ChatMember>();
  const chats = new Map<string, Chat>();
  const answer = (method: string, payload: Record<string, unknown>): unknown => {
    if (method === "getChatMember") {
      const key = `${String(payload.chat_id)}:${String(payload.user_id)}`;
      return members.get(key) ?? { status: "member", user: { id: Number(payload.user_id), is_bot: false, first_name: "Member" } };
    }
    if (method === "getChat") {
      const chat = chats.get(String(payload.chat_id).toLowerCase());
      if (!chat) return { ok: false, error_code: 400, description: "Bad Request: chat not found" };
      return chat;
    }
    return fakeResult(method, payload, () => ++messageId);
  };

  // Installed after createBot's transformers, so it runs first: it applies the send defaults itself
  // to see (and check) what would go over the wire.
  bot.api.config.use(async (_prev, method, payload) => {
    const call = { method, payload: withSendDefaults(method, payload) as Record<string, unknown> };
    calls.push(call);
    try {
      checkApiCall(method, call.payload);
    } catch (error) {
      violations.push(error as Error);
      throw error;
    }
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      return { ok: false, ...failure } as never;
    }
    const result = answer(method, call.payload);
    if (typeof result === "object" && result !== null && "ok" in result && result.ok === false) return result as never;
    return { ok: true, result } as never;
  });

  return {
    bot,
    calls,
    logs,
    failNext(method, errorCode, description) {
      failures.set(method, { error_code: errorCode, description });
    },
    setMember(chatId, userId, member) {
      members.set(`${chatId}:${userId}`, { user: { id: userId, is_bot: false, first_name: "Member" }, ...member } as ChatMember);
    },
    setChat(chat) {
      chats.set(String(chat.id), chat);
      if ("username" in chat && chat.username) chats.set(`@${chat.username.toLowerCase()}`, chat);
    },
    async handleUpdate(update, options = {}) {
      const firstCall = calls.length;
      const firstLog = logs.length;
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

function fakeResult(method: string, payload: Record<string, unknown>, nextId: () => number): unknown {
  switch (method) {
    case "sendMessage":
    case "editMessageText": {
      const chatId = Number(payload.chat_id);
      const chat = (chatId > 0 ? { id: chatId, type: "private", first_name: "Reader" } : { id: chatId, type: "group", title: "Group" }) as Chat;
      const id = method === "sendMessage" ? nextId() : Number(payload.message_id);
      return { message_id: id, date: Math.floor(Date.now() / 1000), chat, from: BOT_INFO, text: payload.text };
    }
    case "getMe":
      return BOT_INFO;
    default:
      return true;
  }
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
