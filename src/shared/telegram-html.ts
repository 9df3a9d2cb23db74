/** Telegram's limit for one message; we hold the raw HTML to it, which is stricter than needed. */
export const MAX_MESSAGE_LENGTH = 4096;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Escapes text for Telegram HTML. Quotes are escaped too, so the result is also safe inside attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Shortens to at most `max` UTF-16 units, ending in an ellipsis. The cut goes at the last space
 * when that keeps more than 60% of the room (so words stay whole), and never splits a surrogate
 * pair (a half emoji is invalid UTF-8 and Telegram refuses the whole message).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const space = text.lastIndexOf(" ", end - 1);
  if (space > max * 0.6) end = space;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}
