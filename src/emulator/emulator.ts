/**
 * The emulator core: one emulated Telegram (world state, Bot API methods with their validation,
 * flood control, injected faults, a record of every call) that both fronts drive — the in-process
 * grammY transformer (handler tests, `vestnik chat`) and the local HTTP Bot API (end-to-end tests).
 */
import type { Chat, ChatMember, MessageEntity, Update, User, UserFromGetMe } from "grammy/types";
import { ApiError, type Params } from "./errors.js";
import { UpdateQueue, type NewUpdate, type PollConflict } from "./updates.js";
import { chatKey, syntheticChat, World } from "./world.js";

export interface EmulatorOptions {
  botInfo: UserFromGetMe;
  /** Send-type calls allowed per sliding second; above it the emulator answers 429 with retry_after. Default: unlimited. */
  rateLimit?: { perSecond: number };
  /** Answer "chat not found" for chats never introduced or seen in an update. Default false. */
  knownChatsOnly?: boolean;
  knownChats?: (number | string)[];
  /** Which chats getChat answers for (see WorldOptions). Default "seen". */
  getChat?: "seen" | "introduced";
  /** See WorldOptions.trustUnseenReferences. Default false. */
  trustUnseenReferences?: boolean;
  /** The first message id in each chat. Default 1. */
  firstMessageId?: number;
  /** Which of two overlapping getUpdates gets the 409; "older" (the default) is what Telegram does. */
  pollConflict?: PollConflict;
}

export interface RecordedCall {
  method: string;
  payload: Params;
  status: number;
  at: number;
  /** `result` of a successful call, `description` of a rejected one. */
  result?: unknown;
  description?: string;
  /** The error of a rejected call. */
  error?: ApiError;
}

export type CallOutcome = { kind: "ok"; result: unknown } | { kind: "error"; error: ApiError };

export interface PushMessageOptions {
  chatId?: number;
  userId?: number;
  /** null leaves language_code out, as Telegram does for some clients. Default "en". */
  languageCode?: string | null;
  firstName?: string;
  chatType?: "private" | "group" | "supergroup";
  /** A message typed inside this forum topic (the chat should be a forum added with addChat). */
  threadId?: number;
}

export interface FailureSpec {
  code: number;
  description: string;
  /** How many calls in a row fail. Default 1. */
  count?: number;
}

// Calls that deliver something to a chat, which is what Telegram's flood control counts.
const RATE_LIMITED = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup"]);
const DEFAULT_USER_ID = 1001;

export type Emulator = ReturnType<typeof createEmulator>;

export function createEmulator(opts: EmulatorOptions) {
  const { botInfo } = opts;
  const updates = new UpdateQueue(opts.pollConflict ?? "older");
  const world = new World({
    botInfo,
    updates,
    knownChatsOnly: opts.knownChatsOnly ?? false,
    getChat: opts.getChat ?? "seen",
    trustUnseenReferences: opts.trustUnseenReferences ?? false,
    firstMessageId: opts.firstMessageId ?? 1,
  });
  for (const id of opts.knownChats ?? []) world.rememberChat(syntheticChat(id));
  const methods = new Map(Object.keys(world.handlers).map((name) => [name.toLowerCase(), name]));
  methods.set("getupdates", "getUpdates");

  let calls: RecordedCall[] = [];
  let failures = new Map<string, FailureSpec & { count: number }>();
  let sendTimes: number[] = [];
  let waiters: { predicate: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void }[] = [];
  const listeners = new Set<(call: RecordedCall) => void>();
  let nextQueryId = 1;

  function record(method: string, payload: Params, outcome: CallOutcome): RecordedCall {
    const call: RecordedCall = { method, payload, status: outcome.kind === "ok" ? 200 : outcome.error.code, at: Date.now() };
    if (outcome.kind === "ok") call.result = outcome.result;
    else Object.assign(call, { description: outcome.error.description, error: outcome.error });
    calls.push(call);
    for (const listener of listeners) listener(call);
    if (call.status === 200) {
      waiters = waiters.filter((waiter) => {
        if (!waiter.predicate(call)) return true;
        waiter.resolve(call);
        return false;
      });
    }
    return call;
  }

  function injectedFailure(method: string): ApiError | undefined {
    const failure = failures.get(method);
    if (!failure) return undefined;
    if (--failure.count <= 0) failures.delete(method);
    return new ApiError(failure.code, failure.description);
  }

  function rateLimitHit(method: string): ApiError | undefined {
    if (!opts.rateLimit || !RATE_LIMITED.has(method)) return undefined;
    const now = Date.now();
    sendTimes = sendTimes.filter((t) => now - t < 1000);
    const oldest = sendTimes[0];
    if (oldest !== undefined && sendTimes.length >= opts.rateLimit.perSecond) {
      const retryAfter = Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
      return new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    sendTimes.push(now);
    return undefined;
  }

  /** Faults first (injected, then flood control), then the world's answer. */
  function answer(method: string, payload: Params): CallOutcome {
    try {
      const fault = injectedFailure(method) ?? rateLimitHit(method);
      if (fault) throw fault;
      return { kind: "ok", result: world.answer(method, payload) };
    } catch (error) {
      if (error instanceof ApiError) return { kind: "error", error };
      throw error;
    }
  }

  function user(id: number, languageCode: string | null | undefined, firstName = "Test"): User {
    const lang = languageCode === undefined ? "en" : languageCode;
    return { id, is_bot: false, first_name: firstName, last_name: `User${id}`, username: `user${id}`, ...(lang ? { language_code: lang } : {}) };
  }

  function push(raw: NewUpdate): Update {
    const update = updates.push(raw);
    world.observe(update);
    return update;
  }

  return {
    botInfo,
    world,
    updates,
    /** The canonical spelling of a method name (the Bot API matches names case-insensitively), or undefined. */
    methodName(name: string): string | undefined {
      return methods.get(name.toLowerCase());
    },
    /** Answers one Bot API call and records it. Never throws for Telegram-shaped errors. */
    call(method: string, payload: Params): CallOutcome {
      const outcome = answer(method, payload);
      record(method, payload, outcome);
      return outcome;
    },
    /** The injected fault or flood-control answer due for a call answered outside the core (a long poll), if any. */
    takeFault(method: string): ApiError | undefined {
      return injectedFailure(method) ?? rateLimitHit(method);
    },
    /** Records a call answered outside the core (a long poll). */
    record(method: string, payload: Params, outcome: CallOutcome): void {
      record(method, payload, outcome);
    },
    /** Calls to `listener` after each recorded call; returns the unsubscribe. */
    subscribe(listener: (call: RecordedCall) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get calls(): readonly RecordedCall[] {
      return calls;
    },
    get rejections(): readonly RecordedCall[] {
      return calls.filter((call) => call.status !== 200);
    },
    get rateLimited(): readonly RecordedCall[] {
      return calls.filter((call) => call.status === 429);
    },
    /** Payloads of successful sendMessage/editMessageText calls, optionally to one chat. */
    sent(chatId?: number | string): Params[] {
      const wanted = chatId === undefined ? undefined : chatKey(chatId);
      return calls
        .filter((c) => c.status === 200 && (c.method === "sendMessage" || c.method === "editMessageText"))
        .filter((c) => wanted === undefined || chatKey(c.payload.chat_id) === wanted)
        .map((c) => c.payload);
    },
    waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 10_000): Promise<RecordedCall> {
      const done = calls.find((call) => call.status === 200 && predicate(call));
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (call: RecordedCall) => {
            clearTimeout(timer);
            resolve(call);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          const recent = calls.slice(-10).map((c) => `${c.method} ${c.status}${c.description ? ` (${c.description})` : ""}`);
          reject(new Error(`Telegram emulator: no matching call within ${timeoutMs} ms; last calls: ${recent.join("; ") || "none"}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    /** Takes in an update delivered without the queue (the in-process front hands it to the bot directly). */
    observe(update: Update): void {
      world.observe(update);
    },
    pushMessage(text: string, o: PushMessageOptions = {}): Update {
      const from = user(o.userId ?? DEFAULT_USER_ID, o.languageCode, o.firstName);
      const chatType = o.chatType ?? "private";
      // A chat made known with addChat keeps what it was given (a forum stays a forum).
      const known = o.chatId === undefined ? undefined : world.chats.get(String(o.chatId));
      const chat: Chat =
        chatType === "private"
          ? { id: o.chatId ?? from.id, type: "private", first_name: from.first_name, username: from.username }
          : known?.type === chatType
            ? known
            : { id: o.chatId ?? (chatType === "group" ? -4001 : -1_001_000_000_001), type: chatType, title: "Test chat" };
      world.rememberChat(chat);
      const topic = o.threadId === undefined ? {} : { message_thread_id: o.threadId, is_topic_message: true };
      const message = world.addMessage(
        chat,
        (message_id) => ({ message_id, from, chat, date: Math.floor(Date.now() / 1000), text, ...topic, ...commandEntity(text) }),
        false,
      );
      return push({ message } as NewUpdate);
    },
    pushCallback(data: string, o: { chatId: number; messageId: number; userId?: number; languageCode?: string | null }): Update {
      const from = user(o.userId ?? (o.chatId > 0 ? o.chatId : DEFAULT_USER_ID), o.languageCode);
      const chat = world.chats.get(String(o.chatId)) ?? syntheticChat(o.chatId);
      const message = world.findMessage(o.chatId, o.messageId) ?? { message_id: o.messageId, chat, date: 0 };
      const id = `${Date.now()}${nextQueryId++}`;
      return push({ callback_query: { id, from, message, chat_instance: `ci${o.chatId}`, data } });
    },
    pushInlineQuery(query: string, o: { userId?: number; offset?: string } = {}): Update {
      const from = user(o.userId ?? DEFAULT_USER_ID, undefined);
      const id = `${Date.now()}${nextQueryId++}`;
      return push({ inline_query: { id, from, query, offset: o.offset ?? "" } });
    },
    pushUpdate: push,
    /** Makes a chat known (getChat by id and @username), e.g. a channel or a forum supergroup. */
    addChat(chat: Chat): void {
      world.rememberChat(chat, true);
    },
    /** What getChatMember answers for this user (or the bot) in this chat; also governs posting to channels. */
    setChatMember(chatId: number, userId: number, member: Partial<ChatMember> & { status: ChatMember["status"] }): void {
      const chat = world.chats.get(String(chatId)) ?? syntheticChat(chatId);
      const base = world.memberOf(chat, userId);
      world.members.set(`${chatId}:${userId}`, { ...base, ...member } as ChatMember);
    },
    /** Opens or deletes a topic of a forum supergroup (sends with a deleted topic get 400 "message thread not found"). */
    setForumTopic(chatId: number, threadId: number, open: boolean): void {
      const topics = world.forumTopics.get(String(chatId)) ?? new Set<number>();
      if (open) topics.add(threadId);
      else topics.delete(threadId);
      world.forumTopics.set(String(chatId), topics);
    },
    /** Telegram's note that the bot's own membership in the chat changed (and the new membership takes effect). */
    pushMyChatMember(chatId: number, member: Partial<ChatMember> & { status: ChatMember["status"] }, byUserId = DEFAULT_USER_ID): Update {
      const chat = world.chats.get(String(chatId)) ?? syntheticChat(chatId);
      const old = world.memberOf(chat, botInfo.id);
      const next = { ...old, ...member } as ChatMember;
      world.members.set(`${chatId}:${botInfo.id}`, next);
      const date = Math.floor(Date.now() / 1000);
      return push({ my_chat_member: { chat, from: user(byUserId, undefined), date, old_chat_member: old, new_chat_member: next } });
    },
    blockChat(chatId: number | string): void {
      world.blocked.add(chatKey(chatId) ?? String(chatId));
    },
    unblockChat(chatId: number | string): void {
      world.blocked.delete(chatKey(chatId) ?? String(chatId));
    },
    /** The group `from` became the supergroup `to`: sends to `from` are refused, naming `to`. */
    migrateChat(from: number, to: number): void {
      world.migrated.set(String(from), to);
    },
    /** Makes the next `count` calls of `method` fail with this Telegram answer. */
    failNext(method: string, failure: FailureSpec): void {
      failures.set(methods.get(method.toLowerCase()) ?? method, { ...failure, count: failure.count ?? 1 });
    },
    /** Forgets recorded calls, injected faults, flood-control history, blocks and migrations; chats, messages and queued updates stay. */
    reset(): void {
      calls = [];
      failures = new Map();
      sendTimes = [];
      world.blocked.clear();
      world.migrated.clear();
    },
  };
}

/** The bot_command entity Telegram adds to a leading "/command" or "/command@bot"; grammY's command() needs it. */
export function commandEntity(text: string): { entities?: MessageEntity[] } {
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text)?.[0];
  return command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {};
}
