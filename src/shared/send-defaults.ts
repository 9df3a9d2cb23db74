import type { Transformer } from "grammy";

/** Methods whose text Vestnik always writes as Telegram HTML. */
const TEXT_METHODS = new Set(["sendMessage", "editMessageText"]);

/**
 * The payload with the house defaults for message text filled in: `parse_mode: "HTML"` (every text
 * is written as escaped HTML) and `link_preview_options: { is_disabled: true }` (lists and digests
 * carry many links, and a preview of the first one would crowd out the rest). What a caller set
 * itself is kept. Other methods only lose empty keyboard rows.
 */
export function withSendDefaults<P>(method: string, payload: P): P {
  if (typeof payload !== "object" || payload === null) return payload;
  const tidy = withoutEmptyRows(payload);
  if (!TEXT_METHODS.has(method)) return tidy;
  const given = tidy as Record<string, unknown>;
  return {
    ...tidy,
    parse_mode: given["parse_mode"] ?? "HTML",
    link_preview_options: given["link_preview_options"] ?? { is_disabled: true },
  };
}

/**
 * The payload without empty rows in its inline keyboard: a keyboard built row by row ends with one
 * (grammY's `.row()` after the last button), which Telegram has no use for and a strict server may refuse.
 */
function withoutEmptyRows<P extends object>(payload: P): P {
  const markup = (payload as { reply_markup?: unknown }).reply_markup;
  if (typeof markup !== "object" || markup === null || !("inline_keyboard" in markup)) return payload;
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || rows.every((row) => !Array.isArray(row) || row.length > 0)) return payload;
  return { ...payload, reply_markup: { ...markup, inline_keyboard: rows.filter((row) => !Array.isArray(row) || row.length > 0) } };
}

/**
 * A grammY API transformer applying withSendDefaults; install it on every Api that sends text
 * (`bot.api.config.use(sendDefaults())`, and the raw Api the digest and alert senders use).
 */
export function sendDefaults(): Transformer {
  return (prev, method, payload, signal) => prev(method, withSendDefaults(method, payload), signal);
}
