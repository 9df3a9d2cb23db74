import type { InlineKeyboardMarkup } from "grammy/types";
import { oneLine, renderItem } from "../digest/compose.js";
import type { Translate } from "../digest/texts.js";
import { encodeAlertButton } from "./buttons.js";
import type { Locale } from "../shared/locale.js";
import { escapeHtml, MAX_MESSAGE_LENGTH, truncate } from "../shared/telegram-html.js";

export interface AlertItem {
  watchId: number | null;
  watchQuery: string;
  title: string;
  url: string;
  summary: string;
  sourceTitle: string;
  otherSources: readonly string[];
}

export interface ComposedAlert {
  text: string;
  replyMarkup?: InlineKeyboardMarkup;
}

const MAX_WATCH = 60;

const watchName = (query: string) => escapeHtml(truncate(oneLine(query), MAX_WATCH));

/** The story's block as a digest shows it, with the other outlets in the reader's language. */
function block(item: AlertItem, locale: Locale, t: Translate): string {
  const others = item.otherSources.filter((s) => s !== item.sourceTitle);
  return renderItem(
    { id: 0, title: item.title, url: item.url, summary: item.summary, sourceTitle: item.sourceTitle, publishedAt: new Date(0), topics: [], others, otherCount: others.length },
    true,
    { locale, t },
  );
}

/**
 * One alert: the story's block, the watch that matched, and a button to mute that watch. A
 * channel's alerts have no button: its readers cannot manage it, its managers do so privately.
 */
export function composeAlert(item: AlertItem, locale: Locale, t: Translate, opts: { muteButton?: boolean } = {}): ComposedAlert {
  const watch = watchName(item.watchQuery);
  const text = `${t(locale, "alert-header")}\n${block(item, locale, t).replace(/^• /, "")}\n\n${t(locale, "alert-matched", { watch })}`;
  if (item.watchId === null || opts.muteButton === false) return { text };
  return {
    text,
    replyMarkup: {
      inline_keyboard: [[{ text: t(locale, "alert-button-mute", { watch }), callback_data: encodeAlertButton({ op: "mute", watchId: item.watchId }) }]],
    },
  };
}

/**
 * Held alerts (quiet hours, over the hourly cap) as one message: a line per story with its watch,
 * as many as fit in 4096 characters, then how many more there were.
 */
export function composeHeldAlerts(items: readonly AlertItem[], locale: Locale, t: Translate, maxLength = MAX_MESSAGE_LENGTH): string {
  let text = t(locale, "alert-held-header", { count: items.length });
  let shown = 0;
  for (const item of items) {
    const line = `\n\n${block(item, locale, t)}\n${t(locale, "alert-matched", { watch: watchName(item.watchQuery) })}`;
    // Room for the "more" line and the footer.
    const reserve = 200;
    if (text.length + line.length + reserve > maxLength) break;
    text += line;
    shown += 1;
  }
  if (shown < items.length) text += `\n\n${t(locale, "alert-held-more", { count: items.length - shown })}`;
  return `${text}\n\n${t(locale, "alert-held-footer")}`;
}
