import type { Bot } from "grammy";
import type { Chat, Update, User, UserFromGetMe } from "grammy/types";
import type { Context } from "../bot/context.js";
import { commandEntity, createEmulator, inProcessApi } from "../emulator/index.js";
import { keyboardOf, renderMessage, stripControls, type TerminalButton, type TerminalStyle } from "./chat-render.js";
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

export interface ChatSessionDeps {
  bot: Bot<Context>;
  style: TerminalStyle;
  /** Telegram client language sent with every update; undefined leaves it out, as some clients do. */
  languageCode?: string;
  write: (text: string) => void;
  /** Repeat each input line before its answers, so a piped transcript reads like a chat. Default false. */
  echo?: boolean;
  /** Default: the real clock. */
  now?: () => Date;
}

interface ShownMessage {
  text: string;
  parseMode?: string;
  markup?: unknown;
}

export interface ChatSession {
  /** Handles one typed line; false when the user asked to leave. Never throws. */
  handleLine(line: string): Promise<boolean>;
}

/**
 * A private chat with the real bot in the terminal: typed lines become Telegram updates, the
 * project's Telegram emulator answers every Bot API call in-process (with Telegram's checks), and
 * what reached the user is printed, so the same handlers run over the same database with no
 * network at all.
 */
export function createChatSession(opts: ChatSessionDeps): ChatSession {
  const { bot, style, write } = opts;
  const now = opts.now ?? (() => new Date());
  const user: User = {
    id: CHAT_USER_ID,
    is_bot: false,
    first_name: "Reader",
    ...(opts.languageCode ? { language_code: opts.languageCode } : {}),
  };
  const chat: Chat.PrivateChat = { id: CHAT_USER_ID, type: "private", first_name: user.first_name };
  // getChat knows no chat but this one: the terminal has no channels or groups to look up.
  const emulator = createEmulator({ botInfo: CHAT_BOT_INFO, getChat: "introduced" });
  emulator.world.rememberChat(chat);
  const shown = new Map<number, ShownMessage>();
  let nextUpdateId = 1;
  let nextQueryId = 1;
  /** The newest message that has buttons: typing a number presses one of them. */
  let keyboardMessage: number | undefined;

  const unixNow = () => Math.floor(now().getTime() / 1000);

  function show(id: number, message: ShownMessage, updated: boolean): void {
    shown.set(id, message);
    const keyboard = keyboardOf(message.markup);
    if (keyboard.length > 0) keyboardMessage = id;
    else if (keyboardMessage === id) keyboardMessage = undefined;
    write(`\n${renderMessage({ text: message.text, parseMode: message.parseMode, keyboard, updated }, style)}`);
  }

  // Only what Telegram accepted reaches the reader; refused calls are the bot's to handle.
  emulator.subscribe((call) => {
    if (call.status !== 200) return;
    const p = call.payload;
    const id = Number(p.message_id ?? (call.result as { message_id?: unknown } | undefined)?.message_id);
    switch (call.method) {
      case "sendMessage":
      case "editMessageText":
        show(id, { text: String(p.text), parseMode: p.parse_mode as string | undefined, markup: p.reply_markup }, call.method !== "sendMessage");
        return;
      case "editMessageReplyMarkup": {
        const before = shown.get(id);
        if (before) show(id, { ...before, markup: p.reply_markup }, true);
        return;
      }
      case "deleteMessage":
        shown.delete(id);
        if (keyboardMessage === id) keyboardMessage = undefined;
        write("\n(message deleted)\n");
        return;
      case "answerCallbackQuery":
        if (typeof p.text === "string" && p.text) write(`${p.show_alert ? "[!]" : "  ·"} ${p.text}\n`);
        return;
      default:
        // setMyCommands, deleteWebhook, sendChatAction and the like: nothing to show.
        return;
    }
  });

  // Installed after createBot's transformers, so it runs first and never reaches them: it applies
  // the send defaults itself.
  bot.api.config.use(inProcessApi(emulator, { prepare: (method, payload) => withSendDefaults(method, payload) }));

  async function deliver(update: Omit<Update, "update_id">): Promise<void> {
    const full = { update_id: nextUpdateId++, ...update };
    emulator.observe(full);
    try {
      await bot.handleUpdate(full);
    } catch (error) {
      // The bot's own error boundaries answer the user; this is only reached if that fails too.
      write(`\n(the bot failed on this update: ${error instanceof Error ? error.message : String(error)})\n`);
    }
  }

  function sendText(text: string): Promise<void> {
    const message = emulator.world.addMessage(chat, (message_id) => ({ message_id, from: user, chat, date: unixNow(), text, ...commandEntity(text) }), false);
    return deliver({ message } as Omit<Update, "update_id">);
  }

  async function press(number: number): Promise<void> {
    const message = keyboardMessage === undefined ? undefined : emulator.world.findMessage(CHAT_USER_ID, keyboardMessage);
    const buttons: TerminalButton[] = keyboardOf(keyboardMessage === undefined ? undefined : shown.get(keyboardMessage)?.markup).flat();
    const button = buttons[number - 1];
    if (!message || !button) {
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
        message,
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
export { commandEntity };
