import type { Bot, Transformer } from "grammy";
import type { Chat, Message, MessageEntity, Update, User, UserFromGetMe } from "grammy/types";
import type { Context } from "../bot/context.js";
import { htmlToTerminal, keyboardOf, renderMessage, stripControls, type TerminalButton, type TerminalStyle } from "./chat-render.js";
import { MAX_MESSAGE_LENGTH } from "../shared/telegram-html.js";
import { withSendDefaults } from "../shared/send-defaults.js";

/** Shaped like a real token so nothing trips over it; the local API below never sends it anywhere. */
export const CHAT_TOKEN = "123456789:LOCAL-terminal-chat-token-never-sent";

/** Who the bot believes it is in the terminal; fixed, so no getMe call is needed. */
export const CHAT_BOT_INFO: UserFromGetMe = {
  id: 123456789,
  is_bot: true,
  first_name: "Vestnik",
  username: "vestnik_chat_bot",
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

/** The terminal reader's user id, which is also their private chat's id (as in Telegram). */
export const CHAT_USER_ID = 1;

export interface ChatSessionOptions {
  bot: Bot<Context>;
  style: TerminalStyle;
  /** Telegram client language sent with every update; undefined leaves it out, as some clients do. */
  languageCode?: string;
  write: (text: string) => void;
  /** Repeat each input line before its answers, so a piped transcript reads like a chat. */
  echo?: boolean;
  now?: () => Date;
}

interface ShownMessage {
  id: number;
  text: string;
  parseMode?: string;
  markup?: unknown;
  date: number;
}

export interface ChatSession {
  /** Handles one typed line; false when the user asked to leave. Never throws. */
  handleLine(line: string): Promise<boolean>;
}

type ApiResult = { ok: true; result: unknown } | { ok: false; error_code: number; description: string };

/**
 * A private chat with the real bot in the terminal: typed lines become Telegram updates, and an
 * API transformer answers every Bot API call locally and prints what would have reached the
 * user, so the same handlers run over the same database with no network at all.
 */
export function createChatSession(opts: ChatSessionOptions): ChatSession {
  const { bot, style, write } = opts;
  const now = opts.now ?? (() => new Date());
  const user: User = {
    id: CHAT_USER_ID,
    is_bot: false,
    first_name: "Reader",
    ...(opts.languageCode ? { language_code: opts.languageCode } : {}),
  };
  const chat: Chat.PrivateChat = { id: CHAT_USER_ID, type: "private", first_name: user.first_name };
  const messages = new Map<number, ShownMessage>();
  let nextMessageId = 1;
  let nextUpdateId = 1;
  let nextQueryId = 1;
  /** The newest message that has buttons: typing a number presses one of them. */
  let keyboardMessage: number | undefined;

  const unixNow = () => Math.floor(now().getTime() / 1000);

  function asTelegramMessage(shown: ShownMessage): Message {
    const text = shown.parseMode?.toUpperCase() === "HTML" ? htmlToTerminal(shown.text, { ansi: false }) : shown.text;
    return {
      message_id: shown.id,
      date: shown.date,
      chat,
      from: CHAT_BOT_INFO,
      text,
      ...(shown.markup ? { reply_markup: shown.markup } : {}),
    } as Message;
  }

  function show(shown: ShownMessage, updated: boolean): void {
    const keyboard = keyboardOf(shown.markup);
    if (keyboard.length > 0) keyboardMessage = shown.id;
    else if (keyboardMessage === shown.id) keyboardMessage = undefined;
    write(`\n${renderMessage({ text: shown.text, parseMode: shown.parseMode, keyboard, updated }, style)}`);
  }

  const fail = (error_code: number, description: string): ApiResult => ({ ok: false, error_code, description });

  function call(method: string, payload: Record<string, unknown>): ApiResult {
    switch (method) {
      case "getMe":
        return { ok: true, result: CHAT_BOT_INFO };
      case "sendMessage": {
        if (typeof payload.text !== "string" || payload.text.trim() === "") return fail(400, "Bad Request: message text is empty");
        const shown: ShownMessage = {
          id: nextMessageId++,
          text: payload.text,
          parseMode: payload.parse_mode as string | undefined,
          markup: payload.reply_markup,
          date: unixNow(),
        };
        messages.set(shown.id, shown);
        show(shown, false);
        return { ok: true, result: asTelegramMessage(shown) };
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        const shown = messages.get(Number(payload.message_id));
        if (!shown) return fail(400, "Bad Request: message to edit not found");
        const text = method === "editMessageText" ? (typeof payload.text === "string" ? payload.text : "") : shown.text;
        const parseMode = method === "editMessageText" ? (payload.parse_mode as string | undefined) : shown.parseMode;
        const markup = payload.reply_markup;
        // Telegram refuses a no-op edit; the bot's handling of that should be exercised here too.
        if (text === shown.text && parseMode === shown.parseMode && JSON.stringify(markup) === JSON.stringify(shown.markup)) {
          return fail(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
        }
        Object.assign(shown, { text, parseMode, markup });
        show(shown, true);
        return { ok: true, result: asTelegramMessage(shown) };
      }
      case "deleteMessage":
        messages.delete(Number(payload.message_id));
        if (keyboardMessage === Number(payload.message_id)) keyboardMessage = undefined;
        write("\n(message deleted)\n");
        return { ok: true, result: true };
      case "answerCallbackQuery":
        if (typeof payload.text === "string" && payload.text) write(`${payload.show_alert ? "[!]" : "  ·"} ${payload.text}\n`);
        return { ok: true, result: true };
      case "getChat":
      case "getChatMember":
        // The terminal is one private chat: there are no channels or groups to look up.
        return fail(400, "Bad Request: chat not found");
      default:
        // setMyCommands, deleteWebhook, sendChatAction and the like: nothing to show.
        return { ok: true, result: true };
    }
  }

  // The transformer's result type depends on the method; the in-process API answers every method
  // with the same loose shape, so the cast is the one place where that is asserted.
  const localApi = ((_prev: unknown, method: string, payload: Record<string, unknown> | undefined) =>
    Promise.resolve(call(method, withSendDefaults(method, payload ?? {})))) as unknown as Transformer;
  bot.api.config.use(localApi);

  async function deliver(update: Omit<Update, "update_id">): Promise<void> {
    try {
      await bot.handleUpdate({ update_id: nextUpdateId++, ...update });
    } catch (error) {
      // The bot's own error boundaries answer the user; this is only reached if that fails too.
      write(`\n(the bot failed on this update: ${error instanceof Error ? error.message : String(error)})\n`);
    }
  }

  function sendText(text: string): Promise<void> {
    const message = {
      message_id: nextMessageId++,
      from: user,
      chat,
      date: unixNow(),
      text,
      ...commandEntity(text),
    } as Update["message"];
    return deliver({ message });
  }

  async function press(number: number): Promise<void> {
    const shown = keyboardMessage === undefined ? undefined : messages.get(keyboardMessage);
    const buttons: TerminalButton[] = keyboardOf(shown?.markup).flat();
    const button = buttons[number - 1];
    if (!shown || !button) {
      write(`(no button ${number}: ${buttons.length > 0 ? `the latest buttons are 1–${buttons.length}` : "there are no buttons"})\n`);
      return;
    }
    write(`[pressed: ${button.label}]\n`);
    if (button.url) {
      write(`  opens ${button.url}\n`);
      return;
    }
    if (button.callbackData === undefined) {
      write("  (this kind of button does nothing in the terminal)\n");
      return;
    }
    await deliver({
      callback_query: {
        id: String(nextQueryId++),
        from: user,
        message: asTelegramMessage(shown),
        chat_instance: `terminal-${CHAT_USER_ID}`,
        data: button.callbackData,
      },
    });
  }

  return {
    async handleLine(raw) {
      // Telegram trims what the user sends and never delivers more than 4096 characters.
      const line = raw.replace(/\r$/, "").trim().slice(0, MAX_MESSAGE_LENGTH);
      if (line === "") return true;
      if (opts.echo) write(`\n> ${stripControls(line)}\n`);
      if (/^\/(quit|exit)(@\w+)?$/i.test(line)) return false;
      if (/^\d{1,3}$/.test(line) && keyboardMessage !== undefined) await press(Number(line));
      else await sendText(line);
      return true;
    },
  };
}

/** The bot_command entity Telegram adds to a leading "/command" or "/command@bot"; grammY's command() needs it. */
export function commandEntity(text: string): { entities?: MessageEntity[] } {
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text)?.[0];
  return command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {};
}
