/**
 * What the emulated Telegram knows (chats, members, messages, open queries, forum topics, bot
 * settings) and the Bot API methods over it. Validation of the requests themselves is in
 * validate.ts; this file answers the questions that depend on state.
 */
import type { Chat, ChatMember, Message, Update, UserFromGetMe } from "grammy/types";
import { ApiError, badRequest, intParam, type Params } from "./errors.js";
import type { UpdateQueue } from "./updates.js";
import { canonicalJson, checkCommands, checkMessageText, checkReplyMarkup, validateCall } from "./validate.js";

interface StoredMessage {
  message: Message;
  fromBot: boolean;
  /** Text, entities and markup as Telegram compares them for "message is not modified". */
  signature: string;
}

interface ChatLog {
  nextId: number;
  messages: Map<number, StoredMessage>;
}

export interface WorldOptions {
  botInfo: UserFromGetMe;
  updates: UpdateQueue;
  /** Answer "chat not found" for chats that were never introduced or seen in an update. */
  knownChatsOnly: boolean;
  /** Which chats getChat answers for: every chat seen so far, or only those introduced with addChat. */
  getChat: "seen" | "introduced";
  /**
   * Take references to messages and queries the world never saw as real: edits and deletes of
   * unknown bot messages succeed, unknown callback and inline queries can be answered, and an
   * unchanged edit is not refused. For handler tests, whose hand-built updates point at messages
   * that were never sent (they inject "message is not modified" explicitly when they want it).
   */
  trustUnseenReferences: boolean;
  /** The first message id in each chat. */
  firstMessageId: number;
}

type Handler = (params: Params) => unknown;

export const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";
const now = () => Math.floor(Date.now() / 1000);

/** Chat ids as map keys: numeric ids (numbers or numeric strings) and @usernames compare by value. */
export function chatKey(id: unknown): string | undefined {
  if (typeof id === "number" && Number.isInteger(id)) return String(id);
  if (typeof id !== "string" || id.trim() === "") return undefined;
  const text = id.trim();
  return /^-?\d+$/.test(text) ? String(Number(text)) : text.toLowerCase();
}

/** A plausible chat for an id nobody introduced: users are positive, groups negative, @names channels. */
export function syntheticChat(id: number | string): Chat {
  const key = chatKey(id) ?? String(id);
  if (!/^-?\d+$/.test(key)) {
    const username = key.replace(/^@/, "");
    let hash = 0;
    for (const ch of username) hash = (hash * 31 + ch.charCodeAt(0)) % 1_000_000_000;
    return { id: -1_008_000_000_000 - hash, type: "channel", title: username, username };
  }
  const numeric = Number(key);
  if (numeric > 0) return { id: numeric, type: "private", first_name: `User ${numeric}` };
  return { id: numeric, type: key.startsWith("-100") ? "supergroup" : "group", title: `Chat ${numeric}` };
}

export class World {
  readonly chats = new Map<string, Chat>();
  readonly introduced = new Set<string>();
  readonly blocked = new Set<string>();
  /** Groups that became supergroups: old id → new id. Sends to the old id are refused with the new one. */
  readonly migrated = new Map<string, number>();
  readonly openQueries = new Set<string>();
  readonly commands = new Map<string, { command: string; description: string }[]>();
  readonly menuButtons = new Map<string, unknown>();
  /** getChatMember answers by "<chat id>:<user id>"; see memberOf for the defaults. */
  readonly members = new Map<string, ChatMember>();
  /** Open topics of forum supergroups, by chat id. */
  readonly forumTopics = new Map<string, Set<number>>();
  webhook: { url: string; params: Params } | undefined;
  private readonly logs = new Map<string, ChatLog>();
  private readonly botTexts = new Map<string, string>();

  constructor(private readonly opts: WorldOptions) {}

  readonly handlers: Record<string, Handler> = {
    getMe: () => this.opts.botInfo,
    logOut: () => true,
    close: () => true,
    getWebhookInfo: () => ({
      url: this.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.opts.updates.size,
      ...(this.webhook?.params.allowed_updates ? { allowed_updates: this.webhook.params.allowed_updates } : {}),
    }),
    setWebhook: (p) => {
      const url = typeof p.url === "string" ? p.url : "";
      if (url !== "" && !/^https:\/\/\S+$/i.test(url)) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
      if (p.drop_pending_updates === true) this.opts.updates.dropPending();
      this.webhook = url ? { url, params: p } : undefined;
      return true;
    },
    deleteWebhook: (p) => {
      if (p.drop_pending_updates === true) this.opts.updates.dropPending();
      this.webhook = undefined;
      return true;
    },
    getChat: (p) => {
      if (this.opts.getChat === "introduced" && !this.introduced.has(chatKey(p.chat_id) ?? "")) throw badRequest("chat not found");
      return this.chat(p);
    },
    getChatMember: (p) => {
      const chat = this.chat(p);
      const userId = intParam(p, "user_id");
      if (userId === undefined) throw badRequest("user_id is empty");
      return this.memberOf(chat, userId);
    },
    leaveChat: (p) => {
      const chat = this.chat(p);
      const bot = this.memberOf(chat, this.opts.botInfo.id);
      this.members.set(`${chat.id}:${this.opts.botInfo.id}`, { ...bot, status: "left" });
      return true;
    },
    sendChatAction: (p) => {
      this.deliverableChat(p);
      return true;
    },
    sendMessage: (p) => this.sendMessage(p),
    editMessageText: (p) => this.editMessage(p, true),
    editMessageReplyMarkup: (p) => this.editMessage(p, false),
    deleteMessage: (p) => {
      const log = this.log(String(this.chat(p).id));
      const id = intParam(p, "message_id");
      if (id !== undefined && this.opts.trustUnseenReferences) return log.messages.delete(id) || true;
      if (id === undefined || !log.messages.delete(id)) throw badRequest("message to delete not found");
      return true;
    },
    answerCallbackQuery: (p) => {
      this.closeQuery(p.callback_query_id);
      return true;
    },
    answerInlineQuery: (p) => {
      this.closeQuery(p.inline_query_id);
      return true;
    },
    setMyCommands: (p) => {
      this.commands.set(commandsKey(p), checkCommands(p.commands));
      return true;
    },
    deleteMyCommands: (p) => {
      this.commands.delete(commandsKey(p));
      return true;
    },
    getMyCommands: (p) => this.commands.get(commandsKey(p)) ?? [],
    setChatMenuButton: (p) => {
      const button = p.menu_button ?? { type: "default" };
      const type = (button as { type?: unknown }).type;
      if (type !== "default" && type !== "commands" && type !== "web_app") throw badRequest("can't parse menu button: unsupported type");
      this.menuButtons.set(chatKey(p.chat_id) ?? "", button);
      return true;
    },
    getChatMenuButton: (p) => this.menuButtons.get(chatKey(p.chat_id) ?? "") ?? { type: "default" },
    setMyDescription: (p) => this.setBotText("description", p.description, 512, p),
    setMyShortDescription: (p) => this.setBotText("short_description", p.short_description, 120, p),
    setMyName: (p) => this.setBotText("name", p.name, 64, p),
    getMyDescription: (p) => ({ description: this.botText("description", p) ?? "" }),
    getMyShortDescription: (p) => ({ short_description: this.botText("short_description", p) ?? "" }),
    getMyName: (p) => ({ name: this.botText("name", p) ?? this.opts.botInfo.first_name }),
  };

  /** Answers one call: the request's own rules first, then the state it addresses. Throws ApiError. */
  answer(method: string, params: Params): unknown {
    const handler = this.handlers[method];
    if (!handler) throw new ApiError(404, "Not Found");
    validateCall(method, params);
    return handler(params);
  }

  /** Registers a chat as known (for knownChatsOnly and getChat); `introduced` marks one a test set up. */
  rememberChat(chat: Chat, introduced = false): void {
    const keys = [String(chat.id)];
    if ("username" in chat && chat.username) keys.push(`@${chat.username.toLowerCase()}`);
    for (const key of keys) {
      this.chats.set(key, chat);
      if (introduced) this.introduced.add(key);
    }
  }

  /** Stores a message (from an update or the bot) and gives it the chat's next message_id. */
  addMessage(chat: Chat, build: (messageId: number) => Message, fromBot: boolean): Message {
    const log = this.log(String(chat.id));
    const message = build(log.nextId++);
    log.messages.set(message.message_id, { message, fromBot, signature: signatureOf(message) });
    return message;
  }

  findMessage(chatId: number | string, messageId: number): Message | undefined {
    return this.logs.get(chatKey(chatId) ?? "")?.messages.get(messageId)?.message;
  }

  /**
   * Takes in what an update delivered from outside (chats, open queries, the messages it carries),
   * so later calls about them are answered as Telegram would.
   */
  observe(update: Update): void {
    const record = update as unknown as Record<string, { id?: string; chat?: Chat; message?: Message } | undefined>;
    for (const key of ["callback_query", "inline_query"]) {
      const id = record[key]?.id;
      if (typeof id === "string") this.openQueries.add(id);
    }
    for (const value of Object.values(record)) {
      const chat = value?.chat ?? value?.message?.chat;
      if (chat && typeof chat.id === "number" && !this.chats.has(String(chat.id))) this.rememberChat(chat);
    }
    const carried = update.callback_query?.message;
    if (carried && "chat" in carried && this.opts.trustUnseenReferences && !this.findMessage(carried.chat.id, carried.message_id)) {
      const log = this.log(String(carried.chat.id));
      const message = carried;
      log.messages.set(message.message_id, { message, fromBot: message.from?.id === this.opts.botInfo.id, signature: signatureOf(message) });
    }
  }

  private log(key: string): ChatLog {
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = { nextId: this.opts.firstMessageId, messages: new Map() }));
    return log;
  }

  /** The chat a call addresses, synthesized for unknown ids unless knownChatsOnly. */
  private chat(p: Params): Chat {
    const key = chatKey(p.chat_id);
    if (key === undefined) throw badRequest("chat_id is empty");
    const known = this.chats.get(key);
    if (known) return known;
    if (this.opts.knownChatsOnly) throw badRequest("chat not found");
    const chat = syntheticChat(key);
    this.rememberChat(chat);
    return chat;
  }

  private deliverableChat(p: Params): Chat {
    const chat = this.chat(p);
    if (this.blocked.has(String(chat.id))) throw new ApiError(403, "Forbidden: bot was blocked by the user");
    const movedTo = this.migrated.get(String(chat.id));
    if (movedTo !== undefined) {
      throw new ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat", { migrate_to_chat_id: movedTo });
    }
    return chat;
  }

  /**
   * What getChatMember says: an explicitly set member, else the bot is absent from channels and a
   * plain member elsewhere, and so is any user.
   */
  memberOf(chat: Chat, userId: number): ChatMember {
    const set = this.members.get(`${chat.id}:${userId}`);
    if (set) return set;
    const isBot = userId === this.opts.botInfo.id;
    const user = isBot ? { ...this.opts.botInfo, is_bot: true as const } : { id: userId, is_bot: false as const, first_name: `User ${userId}` };
    return chat.type === "channel" && isBot ? { status: "left", user } : { status: "member", user };
  }

  /** Channels take posts only from administrators allowed to post; topics must exist in a forum. */
  private checkPostingRights(chat: Chat, p: Params): void {
    if (chat.type === "channel") {
      const bot = this.memberOf(chat, this.opts.botInfo.id);
      if (bot.status === "left" || bot.status === "kicked") throw new ApiError(403, "Forbidden: bot is not a member of the channel chat");
      if (bot.status !== "administrator" || bot.can_post_messages !== true) throw badRequest("need administrator rights in the channel chat");
    }
    const thread = intParam(p, "message_thread_id");
    // Hand-built updates come from forum topics nobody opened in the emulator.
    if (thread === undefined || this.opts.trustUnseenReferences) return;
    const isForum = chat.type === "supergroup" && (chat as { is_forum?: boolean }).is_forum === true;
    if (!isForum || !this.forumTopics.get(String(chat.id))?.has(thread)) throw badRequest("message thread not found");
  }

  private sendMessage(p: Params): Message {
    const parsed = checkMessageText(p.text, p.parse_mode);
    const markup = checkReplyMarkup(p.reply_markup);
    const chat = this.deliverableChat(p);
    this.checkPostingRights(chat, p);
    const replyTo = intParam((p.reply_parameters ?? {}) as Params, "message_id") ?? intParam(p, "reply_to_message_id");
    const replied = replyTo === undefined ? undefined : this.logs.get(String(chat.id))?.messages.get(replyTo);
    const lenient = (p.reply_parameters as Params | undefined)?.allow_sending_without_reply === true || this.opts.trustUnseenReferences;
    if (replyTo !== undefined && !replied && !lenient) throw badRequest("message to be replied not found");
    const thread = intParam(p, "message_thread_id");
    return this.addMessage(
      chat,
      (message_id) =>
        ({
          message_id,
          from: this.opts.botInfo,
          chat,
          date: now(),
          text: parsed.text,
          ...(parsed.entities.length > 0 ? { entities: parsed.entities } : {}),
          ...(thread === undefined ? {} : { message_thread_id: thread, is_topic_message: true }),
          ...(replied ? { reply_to_message: replied.message } : {}),
          ...(markup?.inline_keyboard ? { reply_markup: markup } : {}),
        }) as Message,
      true,
    );
  }

  private editMessage(p: Params, withText: boolean): Message | true {
    const parsed = withText ? checkMessageText(p.text, p.parse_mode) : undefined;
    const markup = checkReplyMarkup(p.reply_markup);
    if (typeof p.inline_message_id === "string" && p.inline_message_id !== "") return true;
    const chat = this.deliverableChat(p);
    const messageId = intParam(p, "message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const log = this.log(String(chat.id));
    let stored = log.messages.get(messageId);
    if (!stored && this.opts.trustUnseenReferences) {
      const unseen = { message_id: messageId, date: now(), chat, from: this.opts.botInfo, text: "" } as Message;
      stored = { message: unseen, fromBot: true, signature: "" };
      log.messages.set(messageId, stored);
    }
    if (!stored) throw badRequest("message to edit not found");
    if (!stored.fromBot) throw badRequest("message can't be edited");
    const edited: Record<string, unknown> = { ...stored.message, edit_date: now() };
    // Like Telegram, an edit without reply_markup removes the inline keyboard.
    delete edited.reply_markup;
    if (markup?.inline_keyboard) edited.reply_markup = markup;
    if (parsed) {
      edited.text = parsed.text;
      delete edited.entities;
      if (parsed.entities.length > 0) edited.entities = parsed.entities;
    }
    const signature = signatureOf(edited as unknown as Message);
    if (signature === stored.signature && !this.opts.trustUnseenReferences) throw badRequest(NOT_MODIFIED);
    stored.message = edited as unknown as Message;
    stored.signature = signature;
    return stored.message;
  }

  private closeQuery(id: unknown): void {
    const known = typeof id === "string" && this.openQueries.delete(id);
    if (!known && !(this.opts.trustUnseenReferences && typeof id === "string")) throw badRequest(QUERY_INVALID);
  }

  private botText(kind: string, p: Params): string | undefined {
    return this.botTexts.get(`${kind}:${typeof p.language_code === "string" ? p.language_code : ""}`);
  }

  private setBotText(kind: string, value: unknown, max: number, p: Params): true {
    const text = typeof value === "string" ? value : "";
    if (text.length > max) throw badRequest(`${kind} is too long`);
    this.botTexts.set(`${kind}:${typeof p.language_code === "string" ? p.language_code : ""}`, text);
    return true;
  }
}

function commandsKey(p: Params): string {
  const scope = p.scope === undefined ? { type: "default" } : p.scope;
  if (typeof scope !== "object" || scope === null || typeof (scope as { type?: unknown }).type !== "string") {
    throw badRequest("can't parse BotCommandScope");
  }
  const lang = p.language_code ?? "";
  if (typeof lang !== "string" || !/^([a-z]{2})?$/.test(lang)) throw badRequest("invalid language code specified");
  return `${canonicalJson(scope)}|${lang}`;
}

function signatureOf(message: Message): string {
  const markup = (message as { reply_markup?: unknown }).reply_markup;
  return canonicalJson([message.text ?? "", message.entities ?? [], markup ?? null]);
}
