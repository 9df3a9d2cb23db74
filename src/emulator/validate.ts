/**
 * The Bot API's rules for the requests Vestnik makes, independent of any chat state: message text
 * (HTML, length after entities), reply markup (callback_data bytes, button kinds), command menus,
 * inline results, chat actions and callback answers.
 */
import { MAX_MESSAGE_LENGTH } from "../shared/telegram-html.js";
import { EntityParseError, messageText, parseTelegramHtml, type ParsedText } from "./html.js";
import { ApiError, invalidRequest, type Params } from "./errors.js";

export const MAX_CALLBACK_DATA_BYTES = 64;
export const MAX_CALLBACK_ANSWER = 200;
const MAX_BUTTONS = 100;
const BUTTON_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const utf8Bytes = (s: string): number => Buffer.byteLength(s, "utf8");

/** Visible text and entities of a message text; lengths are UTF-16 code units, the stricter reading of "4096 characters". */
export function checkMessageText(text: unknown, parseMode: unknown): ParsedText {
  if (typeof text !== "string" || text.length === 0) throw invalidRequest("message text is empty");
  let parsed: ParsedText;
  if (parseMode === undefined || parseMode === "") parsed = { text: text.trim(), entities: [] };
  else if (typeof parseMode === "string" && parseMode.toLowerCase() === "html") {
    try {
      parsed = messageText(parseTelegramHtml(text));
    } catch (error) {
      if (error instanceof EntityParseError) throw invalidRequest(`can't parse entities: ${error.message}`);
      throw error;
    }
  } else if (parseMode === "MarkdownV2" || parseMode === "Markdown") {
    // Markdown is not modelled (Vestnik writes HTML): the raw text stands in for the visible text.
    parsed = { text: text.trim(), entities: [] };
  } else throw invalidRequest("unsupported parse_mode", `parse_mode ${JSON.stringify(parseMode)}`);
  if (parsed.text.length === 0) throw invalidRequest("message text is empty");
  if (parsed.text.length > MAX_MESSAGE_LENGTH) {
    throw invalidRequest("message is too long", `text is ${parsed.text.length} characters after entity parsing, more than ${MAX_MESSAGE_LENGTH}`);
  }
  return parsed;
}

/** Checks reply_markup the way sendMessage/editMessageText would; returns the markup to store. */
export function checkReplyMarkup(markup: unknown): Record<string, unknown> | undefined {
  if (markup === undefined || markup === null) return undefined;
  if (!isObject(markup)) throw invalidRequest("can't parse reply keyboard markup JSON object");
  if ("inline_keyboard" in markup) {
    checkInlineKeyboard(markup.inline_keyboard);
    return markup;
  }
  if ("keyboard" in markup) {
    const rows = markup.keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw invalidRequest('field "keyboard" must be an Array of Arrays');
    for (const button of rows.flat()) {
      const label = typeof button === "string" ? button : isObject(button) ? button.text : undefined;
      if (typeof label !== "string" || label.length === 0) throw invalidRequest("keyboard button text must be non-empty");
    }
    return markup;
  }
  if (markup.remove_keyboard === true || markup.force_reply === true) return markup;
  throw invalidRequest("can't parse reply keyboard markup JSON object");
}

function checkInlineKeyboard(rows: unknown): void {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw invalidRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  const buttons: unknown[] = rows.flat();
  if (buttons.length > MAX_BUTTONS) throw invalidRequest("reply markup is too long");
  for (const button of buttons) {
    if (!isObject(button)) throw invalidRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
    if (typeof button.text !== "string" || button.text.trim().length === 0) {
      throw invalidRequest('can\'t parse inline keyboard button: Field "text" must be a non-empty String', "a button has no text");
    }
    const actions = BUTTON_ACTIONS.filter((key) => button[key] !== undefined);
    if (actions.length === 0) {
      throw invalidRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    }
    if (actions.length > 1) throw invalidRequest(`can't parse inline keyboard button: exactly one of ${actions.join(", ")} expected`);
    const data = button.callback_data;
    if (data !== undefined) {
      const bytes = typeof data === "string" ? utf8Bytes(data) : 0;
      if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw invalidRequest("BUTTON_DATA_INVALID", `callback_data ${JSON.stringify(data)} is ${bytes} bytes`);
    }
    const url = button.url;
    if (url !== undefined && (typeof url !== "string" || !/^(https?:\/\/[^\s/?#]+|tg:\/\/)\S*$/i.test(url))) {
      throw invalidRequest(`inline keyboard button URL '${typeof url === "string" ? url : JSON.stringify(url)}' is invalid: Wrong HTTP URL`);
    }
  }
}

const COMMAND_RE = /^[a-z0-9_]{1,32}$/;

export function checkCommands(commands: unknown): { command: string; description: string }[] {
  if (!Array.isArray(commands)) throw invalidRequest('field "commands" must be an Array');
  if (commands.length > 100) throw invalidRequest("too many commands");
  const seen = new Set<string>();
  return commands.map((entry: unknown) => {
    if (!isObject(entry) || typeof entry.command !== "string" || typeof entry.description !== "string") {
      throw invalidRequest('can\'t parse BotCommand: fields "command" and "description" must be Strings');
    }
    const command = entry.command.replace(/^\//, "");
    if (!COMMAND_RE.test(command) || seen.has(command)) throw invalidRequest("BOT_COMMAND_INVALID", `bad command name ${JSON.stringify(entry.command)}`);
    if (entry.description.trim().length === 0 || entry.description.length > 256) {
      throw invalidRequest("BOT_COMMAND_DESCRIPTION_INVALID", `bad description for /${command}`);
    }
    seen.add(command);
    return { command, description: entry.description };
  });
}

export function checkInlineResults(results: unknown): void {
  if (!Array.isArray(results)) throw invalidRequest('field "results" must be an Array');
  if (results.length > 50) throw invalidRequest("RESULTS_TOO_MUCH");
  const ids = new Set<string>();
  for (const result of results) {
    if (!isObject(result) || typeof result.type !== "string") throw invalidRequest("can't parse InlineQueryResult: type expected");
    const id = result.id;
    if (typeof id !== "string" || utf8Bytes(id) < 1 || utf8Bytes(id) > 64) throw invalidRequest("RESULT_ID_INVALID");
    if (ids.has(id)) throw invalidRequest("RESULT_ID_DUPLICATE");
    ids.add(id);
    if (result.reply_markup !== undefined) checkReplyMarkup(result.reply_markup);
    const content = result.input_message_content;
    if (isObject(content) && "message_text" in content) checkMessageText(content.message_text, content.parse_mode);
  }
}

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

export function checkChatAction(action: unknown): void {
  if (typeof action !== "string" || !CHAT_ACTIONS.has(action)) throw invalidRequest("wrong parameter action in request");
}

export function checkCallbackAnswer(p: Params): void {
  if (typeof p.callback_query_id !== "string" || p.callback_query_id === "") throw invalidRequest("QUERY_ID_INVALID", "callback_query_id is missing");
  if (typeof p.text === "string" && p.text.length > MAX_CALLBACK_ANSWER) {
    throw invalidRequest("MESSAGE_TOO_LONG", `answer text is ${p.text.length} characters`);
  }
}

/**
 * The state-independent checks of one call, as the world applies them before looking at chats:
 * throws the ApiError Telegram would answer with, returns nothing otherwise.
 */
export function validateCall(method: string, p: Params): void {
  switch (method) {
    case "sendMessage":
      if (p.chat_id === undefined || p.chat_id === "") throw invalidRequest("chat_id is empty");
      checkMessageText(p.text, p.parse_mode);
      checkReplyMarkup(p.reply_markup);
      return;
    case "editMessageText":
      checkMessageText(p.text, p.parse_mode);
      checkEditTarget(p);
      checkReplyMarkup(p.reply_markup);
      return;
    case "editMessageReplyMarkup":
      checkEditTarget(p);
      checkReplyMarkup(p.reply_markup);
      return;
    case "answerCallbackQuery":
      return checkCallbackAnswer(p);
    case "answerInlineQuery":
      return checkInlineResults(p.results);
    case "setMyCommands":
      checkCommands(p.commands);
      return;
    case "sendChatAction":
      return checkChatAction(p.action);
    default:
      return;
  }
}

function checkEditTarget(p: Params): void {
  if (typeof p.inline_message_id === "string" && p.inline_message_id !== "") return;
  if (p.chat_id === undefined || p.chat_id === "") throw invalidRequest("chat_id is empty", "chat_id or message_id is missing");
  if (p.message_id === undefined) throw invalidRequest("message identifier is not specified", "chat_id or message_id is missing");
}

/** A stable, key-order independent rendering, so "is this markup unchanged?" compares content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export { ApiError };
