/**
 * The HTTP Bot API for end-to-end tests: a thin wrapper over the project's one Telegram emulator
 * (src/emulator) and its HTTP front, keeping the interface the e2e tests are written against.
 */
import type { Chat, ChatMember, Update, UserFromGetMe } from "grammy/types";
import { createEmulator, startHttpFront, type NewUpdate, type Params, type PollConflict, type PushMessageOptions, type RecordedCall } from "../../src/emulator/index.js";

export { ApiError } from "../../src/emulator/index.js";
export type { PushMessageOptions, RecordedCall } from "../../src/emulator/index.js";

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
  /** The group `from` became the supergroup `to` (sends to `from` get 400 with migrate_to_chat_id). */
  migrateChat(from: number, to: number): void;
  failNext(method: string, count?: number, status?: 500 | 502): void;
  /** Forgets recorded calls and injected faults; chats, messages and queued updates stay. */
  reset(): void;
  close(): Promise<void>;
}

const FAILURES = { 500: "Internal Server Error", 502: "Bad Gateway" } as const;

export async function startFakeBotApi(opts: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const token = opts.token ?? "123456789:AAFakeTokenForVestnikEndToEndTests00";
  const botInfo = {
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
  const emulator = createEmulator({
    botInfo,
    ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}),
    knownChatsOnly: opts.knownChatsOnly ?? false,
    knownChats: opts.knownChats ?? [],
    pollConflict: opts.pollConflict ?? "older",
  });
  const front = await startHttpFront(emulator, token);

  return {
    url: front.url,
    token,
    botInfo,
    get calls() {
      return emulator.calls;
    },
    get rejections() {
      return emulator.rejections;
    },
    get rateLimited() {
      return emulator.rateLimited;
    },
    get polling() {
      return emulator.updates.polling;
    },
    sent: (chatId) => emulator.sent(chatId),
    waitFor: (predicate, timeoutMs) => emulator.waitFor(predicate, timeoutMs),
    pushMessage: (text, o) => emulator.pushMessage(text, o),
    pushCallback: (data, o) => emulator.pushCallback(data, o),
    pushInlineQuery: (query, o) => emulator.pushInlineQuery(query, o),
    pushUpdate: (raw) => emulator.pushUpdate(raw),
    addChat: (chat) => emulator.addChat(chat),
    setChatMember: (chatId, userId, member) => emulator.setChatMember(chatId, userId, member),
    setForumTopic: (chatId, threadId, open) => emulator.setForumTopic(chatId, threadId, open),
    pushMyChatMember: (chatId, member, byUserId) => emulator.pushMyChatMember(chatId, member, byUserId),
    blockChat: (chatId) => emulator.blockChat(chatId),
    unblockChat: (chatId) => emulator.unblockChat(chatId),
    migrateChat: (from, to) => emulator.migrateChat(from, to),
    failNext(method, count = 1, status = 500) {
      emulator.failNext(method, { code: status, description: FAILURES[status], count });
    },
    reset: () => emulator.reset(),
    close: () => front.close(),
  };
}
