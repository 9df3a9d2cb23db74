import type { Chat, ChatMember, Message, UserFromGetMe } from "grammy/types";
import { intParam, type Params } from "./fake-bot-api-http.js";
import type { UpdateQueue } from "./fake-bot-api-updates.js";
import {
  ApiError,
  badRequest,
  canonicalJson,
  checkChatAction,
  checkCommands,
  checkInlineResults,
  checkMessageText,
  checkReplyMarkup,
} from "./fake-bot-api-validate.js";

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
  knownChatsOnly: boolean;
  updates: UpdateQueue;
}

type Handler = (params: Params) => unknown;

const NOT_MODIFIED =
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

/** What the fake knows about chats, messages, queries and bot settings, plus the Bot API methods over it. */
export class FakeWorld {
  readonly chats = new Map<string, Chat>();
  readonly blocked = new Set<string>();
  readonly openQueries = new Set<string>();
  readonly commands = new Map<string, { command: string; description: string }[]>();
  readonly menuButtons = new Map<string, unknown>();
  /** getChatMember answers by "<chat key>:<user id>"; see memberOf for the defaults. */
  readonly members = new Map<string, ChatMember>();
  /** Open topics of forum supergroups, by chat key. */
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
    getChat: (p) => this.chat(p),
    getChatMember: (p) => {
      const chat = this.chat(p);
      const userId = intParam(p, "user_id");
      if (userId === undefined) throw badRequest("user_id is empty");
      return this.memberOf(chat, userId);
    },
    sendChatAction: (p) => {
      checkChatAction(p.action);
      this.deliverableChat(p);
      return true;
    },
    sendMessage: (p) => this.sendMessage(p),
    editMessageText: (p) => this.editMessage(p, true),
    editMessageReplyMarkup: (p) => this.editMessage(p, false),
    deleteMessage: (p) => {
      const log = this.logs.get(String(this.chat(p).id));
      const id = intParam(p, "message_id");
      if (id === undefined || !log?.messages.delete(id)) throw badRequest("message to delete not found");
      return true;
    },
    answerCallbackQuery: (p) => {
      this.closeQuery(p.callback_query_id);
      if (typeof p.text === "string" && p.text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
      return true;
    },
    answerInlineQuery: (p) => {
      checkInlineResults(p.results);
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
    getMyDescription: (p) => ({ description: this.botTexts.get(`description:${typeof p.language_code === "string" ? p.language_code : ""}`) ?? "" }),
    getMyShortDescription: (p) => ({ short_description: this.botTexts.get(`short_description:${typeof p.language_code === "string" ? p.language_code : ""}`) ?? "" }),
    getMyName: (p) => ({ name: this.botTexts.get(`name:${typeof p.language_code === "string" ? p.language_code : ""}`) ?? this.opts.botInfo.first_name }),
  };

  /** Registers a chat as known (for knownChatsOnly and getChat). */
  rememberChat(chat: Chat): void {
    this.chats.set(String(chat.id), chat);
    if ("username" in chat && chat.username) this.chats.set(`@${chat.username.toLowerCase()}`, chat);
  }

  /** Stores a message (from a pushed update or the bot) and gives it the chat's next message_id. */
  addMessage(chat: Chat, build: (messageId: number) => Message, fromBot: boolean): Message {
    const log = this.log(String(chat.id));
    const message = build(log.nextId++);
    log.messages.set(message.message_id, { message, fromBot, signature: signatureOf(message) });
    return message;
  }

  findMessage(chatId: number | string, messageId: number): Message | undefined {
    return this.logs.get(chatKey(chatId) ?? "")?.messages.get(messageId)?.message;
  }

  private log(key: string): ChatLog {
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = { nextId: 1, messages: new Map() }));
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
    return (chat.type === "channel" && isBot ? { status: "left", user } : { status: "member", user });
  }

  /** Channels take posts only from administrators allowed to post; topics must exist in a forum. */
  private checkPostingRights(chat: Chat, p: Params): void {
    if (chat.type === "channel") {
      const bot = this.memberOf(chat, this.opts.botInfo.id);
      if (bot.status === "left" || bot.status === "kicked") throw new ApiError(403, "Forbidden: bot is not a member of the channel chat");
      if (bot.status !== "administrator" || bot.can_post_messages !== true) throw badRequest("need administrator rights in the channel chat");
    }
    const thread = intParam(p, "message_thread_id");
    if (thread === undefined) return;
    const isForum = chat.type === "supergroup" && (chat as { is_forum?: boolean }).is_forum === true;
    if (!isForum || !this.forumTopics.get(String(chat.id))?.has(thread)) throw badRequest("message thread not found");
  }

  private sendMessage(p: Params): Message {
    if (chatKey(p.chat_id) === undefined) throw badRequest("chat_id is empty");
    const parsed = checkMessageText(p.text, p.parse_mode);
    const markup = checkReplyMarkup(p.reply_markup);
    const chat = this.deliverableChat(p);
    this.checkPostingRights(chat, p);
    const replyTo = intParam((p.reply_parameters ?? {}) as Params, "message_id") ?? intParam(p, "reply_to_message_id");
    const replied = replyTo === undefined ? undefined : this.logs.get(String(chat.id))?.messages.get(replyTo);
    const lenient = (p.reply_parameters as Params | undefined)?.allow_sending_without_reply === true;
    if (replyTo !== undefined && !replied && !lenient) throw badRequest("message to be replied not found");
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
          ...(intParam(p, "message_thread_id") === undefined ? {} : { message_thread_id: intParam(p, "message_thread_id"), is_topic_message: true }),
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
    const stored = this.logs.get(String(chat.id))?.messages.get(messageId);
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
    if (signature === stored.signature) throw badRequest(NOT_MODIFIED);
    stored.message = edited as unknown as Message;
    stored.signature = signature;
    return stored.message;
  }

  private closeQuery(id: unknown): void {
    if (typeof id !== "string" || !this.openQueries.delete(id)) throw badRequest(QUERY_INVALID);
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
