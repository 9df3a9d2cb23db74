import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, ChatMember, MessageEntity, Update, User, UserFromGetMe } from "grammy/types";
import { errorBody, readParams, sendJson, type Params } from "./fake-bot-api-http.js";
import { UpdateQueue, type NewUpdate, type PollConflict } from "./fake-bot-api-updates.js";
import { ApiError } from "./fake-bot-api-validate.js";
import { chatKey, FakeWorld, syntheticChat } from "./fake-bot-api-world.js";

export { ApiError } from "./fake-bot-api-validate.js";

export interface FakeBotApiOptions {
  token?: string;
  botInfo?: Partial<UserFromGetMe>;
  /** Send-type calls allowed per sliding second; above it the fake answers 429. Default: unlimited. */
  rateLimit?: { perSecond: number };
  /** Answer "chat not found" for chats that never appeared in a pushed update or in `knownChats`. */
  knownChatsOnly?: boolean;
  knownChats?: (number | string)[];
  /** Which of two overlapping getUpdates gets the 409; "older" is what Telegram does. */
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
}

export interface PushMessageOptions {
  chatId?: number;
  userId?: number;
  /** null leaves language_code out, as Telegram does for some clients. Default "en". */
  languageCode?: string | null;
  chatType?: "private" | "group" | "supergroup";
  /** A message typed inside this forum topic (the chat should be a forum added with addChat). */
  threadId?: number;
}

export interface FakeBotApi {
  readonly url: string;
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly calls: readonly RecordedCall[];
  readonly rejections: readonly RecordedCall[];
  readonly rateLimited: readonly RecordedCall[];
  /** True while a getUpdates long poll is waiting. */
  readonly polling: boolean;
  sent(chatId?: number | string): Params[];
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  pushMessage(text: string, opts?: PushMessageOptions): Update;
  pushCallback(data: string, opts: { chatId: number; messageId: number; userId?: number }): Update;
  pushInlineQuery(query: string, opts?: { userId?: number; offset?: string }): Update;
  pushUpdate(raw: NewUpdate): Update;
  /** Makes a chat known (getChat by id and @username), e.g. a channel or a forum supergroup. */
  addChat(chat: Chat): void;
  /** What getChatMember answers for this user (or the bot) in this chat; also governs posting to channels. */
  setChatMember(chatId: number, userId: number, member: Partial<ChatMember> & { status: ChatMember["status"] }): void;
  /** Opens or deletes a topic of a forum supergroup (sends with a deleted topic get 400 "message thread not found"). */
  setForumTopic(chatId: number, threadId: number, open: boolean): void;
  /** Telegram's note that the bot's own membership in the chat changed (and the new membership takes effect). */
  pushMyChatMember(chatId: number, member: Partial<ChatMember> & { status: ChatMember["status"] }, byUserId?: number): Update;
  blockChat(chatId: number | string): void;
  unblockChat(chatId: number | string): void;
  failNext(method: string, count?: number, status?: 500 | 502): void;
  /** Forgets recorded calls and injected faults; chats, messages and queued updates stay. */
  reset(): void;
  close(): Promise<void>;
}

// Calls that deliver something to a chat, which is what Telegram's flood control counts.
const RATE_LIMITED = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup"]);
const FAILURES = { 500: "Internal Server Error", 502: "Bad Gateway" } as const;
const DEFAULT_USER_ID = 1001;

export async function startFakeBotApi(opts: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const token = opts.token ?? "123456789:AAFakeTokenForVestnikEndToEndTests00";
  const botInfo: UserFromGetMe = {
    id: Number(token.split(":")[0]) || 123456789,
    is_bot: true,
    first_name: "Vestnik E2E",
    username: "vestnik_e2e_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
    ...opts.botInfo,
  } as UserFromGetMe;
  const updates = new UpdateQueue(opts.pollConflict ?? "older");
  const world = new FakeWorld({ botInfo, knownChatsOnly: opts.knownChatsOnly ?? false, updates });
  for (const id of opts.knownChats ?? []) world.rememberChat(syntheticChat(id));
  const methods = new Map(Object.keys(world.handlers).map((name) => [name.toLowerCase(), name]));
  methods.set("getupdates", "getUpdates");

  let calls: RecordedCall[] = [];
  let failures = new Map<string, { count: number; status: 500 | 502 }>();
  let sendTimes: number[] = [];
  let waiters: { predicate: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void }[] = [];
  let nextQueryId = 1;

  function record(method: string, payload: Params, status: number, outcome: unknown): void {
    const call: RecordedCall = { method, payload, status, at: Date.now() };
    if (outcome instanceof ApiError) call.description = outcome.description;
    else call.result = outcome;
    calls.push(call);
    if (status !== 200) return;
    waiters = waiters.filter((waiter) => {
      if (!waiter.predicate(call)) return true;
      waiter.resolve(call);
      return false;
    });
  }

  function answer(res: ServerResponse, method: string, payload: Params, outcome: unknown): void {
    const status = outcome instanceof ApiError ? outcome.code : 200;
    // A poll whose client already left got no answer, so it is not a call worth asserting on.
    if (method && !(method === "getUpdates" && res.destroyed)) record(method, payload, status, outcome);
    sendJson(res, status, outcome instanceof ApiError ? errorBody(outcome) : { ok: true, result: outcome });
  }

  function injectedFailure(method: string): ApiError | undefined {
    const failure = failures.get(method);
    if (!failure) return undefined;
    if (--failure.count <= 0) failures.delete(method);
    return new ApiError(failure.status, FAILURES[failure.status]);
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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const route = /^\/bot([^/]*)\/([A-Za-z]+)\/?$/.exec(url.pathname);
    if (!route) {
      req.resume();
      return answer(res, "", {}, new ApiError(404, "Not Found"));
    }
    const method = methods.get(route[2]!.toLowerCase()) ?? route[2]!;
    let payload: Params = {};
    try {
      if (route[1] !== token || !methods.has(method.toLowerCase())) {
        req.resume();
        throw route[1] !== token ? new ApiError(401, "Unauthorized") : new ApiError(404, "Not Found");
      }
      payload = await readParams(req, url);
      const fault = injectedFailure(method) ?? rateLimitHit(method);
      if (fault) throw fault;
      if (method === "getUpdates") return await longPoll(res, payload);
      const handler = world.handlers[method];
      if (!handler) throw new ApiError(404, "Not Found");
      answer(res, method, payload, handler(payload));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      answer(res, method, payload, error);
    }
  }

  async function longPoll(res: ServerResponse, payload: Params): Promise<void> {
    if (world.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const gone = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    const result = await updates.poll(payload, gone.signal);
    // A poll the client abandoned is not answered, and not recorded either.
    if (result !== undefined) answer(res, "getUpdates", payload, result);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendJson(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: fake crashed: ${String(error)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  function user(id: number, languageCode: string | null | undefined): User {
    const lang = languageCode === undefined ? "en" : languageCode;
    return { id, is_bot: false, first_name: "Test", last_name: `User${id}`, username: `user${id}`, ...(lang ? { language_code: lang } : {}) };
  }

  function push(raw: NewUpdate): Update {
    const update = updates.push(raw);
    const record = update as unknown as Record<string, { id?: string; chat?: Chat; message?: { chat?: Chat } } | undefined>;
    for (const key of ["callback_query", "inline_query"]) {
      const id = record[key]?.id;
      if (typeof id === "string") world.openQueries.add(id);
    }
    for (const value of Object.values(record)) {
      const chat = value?.chat ?? value?.message?.chat;
      if (chat && typeof chat.id === "number") world.rememberChat(chat);
    }
    return update;
  }

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    get calls() {
      return calls;
    },
    get rejections() {
      return calls.filter((call) => call.status !== 200);
    },
    get rateLimited() {
      return calls.filter((call) => call.status === 429);
    },
    get polling() {
      return updates.polling;
    },
    sent(chatId) {
      const wanted = chatId === undefined ? undefined : chatKey(chatId);
      return calls
        .filter((c) => c.status === 200 && (c.method === "sendMessage" || c.method === "editMessageText"))
        .filter((c) => wanted === undefined || chatKey(c.payload.chat_id) === wanted)
        .map((c) => c.payload);
    },
    waitFor(predicate, timeoutMs = 10_000) {
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
          reject(new Error(`fake Bot API: no matching call within ${timeoutMs} ms; last calls: ${recent.join("; ") || "none"}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    pushMessage(text, o = {}) {
      const from = user(o.userId ?? DEFAULT_USER_ID, o.languageCode);
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
    pushCallback(data, o) {
      const from = user(o.userId ?? (o.chatId > 0 ? o.chatId : DEFAULT_USER_ID), undefined);
      const chat = world.chats.get(String(o.chatId)) ?? syntheticChat(o.chatId);
      const message = world.findMessage(o.chatId, o.messageId) ?? { message_id: o.messageId, chat, date: 0 };
      const id = `${Date.now()}${nextQueryId++}`;
      return push({ callback_query: { id, from, message, chat_instance: `ci${o.chatId}`, data } });
    },
    pushInlineQuery(query, o = {}) {
      const from = user(o.userId ?? DEFAULT_USER_ID, undefined);
      const id = `${Date.now()}${nextQueryId++}`;
      return push({ inline_query: { id, from, query, offset: o.offset ?? "" } });
    },
    pushUpdate: push,
    addChat(chat) {
      world.rememberChat(chat);
    },
    setChatMember(chatId, userId, member) {
      const chat = world.chats.get(String(chatId)) ?? syntheticChat(chatId);
      const base = world.memberOf(chat, userId);
      world.members.set(`${chatId}:${userId}`, { ...base, ...member } as ChatMember);
    },
    setForumTopic(chatId, threadId, open) {
      const topics = world.forumTopics.get(String(chatId)) ?? new Set<number>();
      if (open) topics.add(threadId);
      else topics.delete(threadId);
      world.forumTopics.set(String(chatId), topics);
    },
    pushMyChatMember(chatId, member, byUserId = DEFAULT_USER_ID) {
      const chat = world.chats.get(String(chatId)) ?? syntheticChat(chatId);
      const old = world.memberOf(chat, botInfo.id);
      const next = { ...old, ...member } as ChatMember;
      world.members.set(`${chatId}:${botInfo.id}`, next);
      const date = Math.floor(Date.now() / 1000);
      return push({ my_chat_member: { chat, from: user(byUserId, undefined), date, old_chat_member: old, new_chat_member: next } });
    },
    blockChat(chatId) {
      world.blocked.add(chatKey(chatId) ?? String(chatId));
    },
    unblockChat(chatId) {
      world.blocked.delete(chatKey(chatId) ?? String(chatId));
    },
    failNext(method, count = 1, status = 500) {
      failures.set(methods.get(method.toLowerCase()) ?? method, { count, status });
    },
    reset() {
      calls = [];
      failures = new Map();
      sendTimes = [];
      world.blocked.clear();
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        updates.close();
        server.close(() => resolve());
        // Idle keep-alive sockets (grammY's agent keeps them) would hold close() open otherwise.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 200).unref();
      });
      return closed;
    },
  };
}

/** A bot_command entity for a leading "/command" or "/command@botname", which grammY's command() relies on. */
function commandEntity(text: string): { entities?: MessageEntity[] } {
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text)?.[0];
  return command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {};
}
