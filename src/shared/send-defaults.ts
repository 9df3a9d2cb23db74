import type { Transformer } from "grammy";

/** Methods whose text Vestnik always writes as Telegram HTML. */
const TEXT_METHODS = new Set(["sendMessage", "editMessageText"]);

/**
 * The payload with the house defaults for message text filled in: `parse_mode: "HTML"` (every text
 * is written as escaped HTML) and `link_preview_options: { is_disabled: true }` (lists and digests
 * carry many links, and a preview of the first one would crowd out the rest). What a caller set
 * itself is kept. Other methods pass through untouched.
 */
export function withSendDefaults<P>(method: string, payload: P): P {
  if (!TEXT_METHODS.has(method) || typeof payload !== "object" || payload === null) return payload;
  const given = payload as Record<string, unknown>;
  return {
    ...payload,
    parse_mode: given["parse_mode"] ?? "HTML",
    link_preview_options: given["link_preview_options"] ?? { is_disabled: true },
  };
}

/**
 * A grammY API transformer applying withSendDefaults; install it on every Api that sends text
 * (`bot.api.config.use(sendDefaults())`, and the raw Api the digest and alert senders use).
 */
export function sendDefaults(): Transformer {
  return (prev, method, payload, signal) => prev(method, withSendDefaults(method, payload), signal);
}
