import { EntityParseError, parseTelegramHtml, type ParsedText } from "./fake-bot-api-html.js";
import { MAX_MESSAGE_LENGTH } from "../../src/shared/telegram-html.js";

/** A Bot API error answer; `code` doubles as the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

export const badRequest = (why: string): ApiError => new ApiError(400, `Bad Request: ${why}`);

const MAX_TEXT = MAX_MESSAGE_LENGTH;
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
  if (typeof text !== "string" || text.length === 0) throw badRequest("message text is empty");
  let parsed: ParsedText;
  if (parseMode === undefined || parseMode === "") parsed = { text: text.trim(), entities: [] };
  else if (typeof parseMode === "string" && parseMode.toLowerCase() === "html") {
    try {
      parsed = parseTelegramHtml(text);
    } catch (error) {
      if (error instanceof EntityParseError) throw badRequest(`can't parse entities: ${error.message}`);
      throw error;
    }
  } else if (parseMode === "MarkdownV2" || parseMode === "Markdown") {
    // Markdown is not modelled: the raw text stands in for the visible text.
    parsed = { text: text.trim(), entities: [] };
  } else throw badRequest("unsupported parse_mode");
  if (parsed.text.length === 0) throw badRequest("message text is empty");
  if (parsed.text.length > MAX_TEXT) throw badRequest("message is too long");
  return parsed;
}

/** Checks reply_markup the way sendMessage/editMessageText would; returns the markup to store. */
export function checkReplyMarkup(markup: unknown): Record<string, unknown> | undefined {
  if (markup === undefined || markup === null) return undefined;
  if (!isObject(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ("inline_keyboard" in markup) {
    checkInlineKeyboard(markup.inline_keyboard);
    return markup;
  }
  if ("keyboard" in markup) {
    const rows = markup.keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw badRequest("field \"keyboard\" must be an Array of Arrays");
    for (const button of rows.flat()) {
      const label = typeof button === "string" ? button : isObject(button) ? button.text : undefined;
      if (typeof label !== "string" || label.length === 0) throw badRequest("keyboard button text must be non-empty");
    }
    return markup;
  }
  if (markup.remove_keyboard === true || markup.force_reply === true) return markup;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

function checkInlineKeyboard(rows: unknown): void {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
  }
  const buttons: unknown[] = rows.flat();
  if (buttons.length > MAX_BUTTONS) throw badRequest("reply markup is too long");
  for (const button of buttons) {
    if (!isObject(button)) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
    if (typeof button.text !== "string" || button.text.length === 0) {
      throw badRequest("can't parse inline keyboard button: Field \"text\" must be a non-empty String");
    }
    const actions = BUTTON_ACTIONS.filter((key) => button[key] !== undefined);
    if (actions.length === 0) {
      throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    }
    if (actions.length > 1) throw badRequest(`can't parse inline keyboard button: exactly one of ${actions.join(", ")} expected`);
    const data = button.callback_data;
    if (data !== undefined && (typeof data !== "string" || utf8Bytes(data) < 1 || utf8Bytes(data) > 64)) {
      throw badRequest("BUTTON_DATA_INVALID");
    }
    const url = button.url;
    if (url !== undefined && (typeof url !== "string" || !/^(https?:\/\/[^\s/?#]+|tg:\/\/)\S*$/i.test(url))) {
      throw badRequest(`inline keyboard button URL '${typeof url === "string" ? url : JSON.stringify(url)}' is invalid: Wrong HTTP URL`);
    }
  }
}

const COMMAND_RE = /^[a-z0-9_]{1,32}$/;

export function checkCommands(commands: unknown): { command: string; description: string }[] {
  if (!Array.isArray(commands)) throw badRequest("field \"commands\" must be an Array");
  if (commands.length > 100) throw badRequest("too many commands");
  const seen = new Set<string>();
  return commands.map((entry: unknown) => {
    if (!isObject(entry) || typeof entry.command !== "string" || typeof entry.description !== "string") {
      throw badRequest("can't parse BotCommand: fields \"command\" and \"description\" must be Strings");
    }
    const command = entry.command.replace(/^\//, "");
    if (!COMMAND_RE.test(command) || seen.has(command)) throw badRequest("BOT_COMMAND_INVALID");
    if (entry.description.trim().length === 0 || entry.description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    seen.add(command);
    return { command, description: entry.description };
  });
}

export function checkInlineResults(results: unknown): void {
  if (!Array.isArray(results)) throw badRequest("field \"results\" must be an Array");
  if (results.length > 50) throw badRequest("RESULTS_TOO_MUCH");
  const ids = new Set<string>();
  for (const result of results) {
    if (!isObject(result) || typeof result.type !== "string") throw badRequest("can't parse InlineQueryResult: type expected");
    const id = result.id;
    if (typeof id !== "string" || utf8Bytes(id) < 1 || utf8Bytes(id) > 64) throw badRequest("RESULT_ID_INVALID");
    if (ids.has(id)) throw badRequest("RESULT_ID_DUPLICATE");
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
  if (typeof action !== "string" || !CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
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
