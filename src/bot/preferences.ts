import type { Update } from "grammy/types";
import type { Repositories, Subscriber } from "../db/repositories/index.js";
import type { Context } from "./context.js";
import { type PreferenceSources } from "./i18n.js";
import { type Locale, localeForLanguageCode } from "../shared/locale.js";

export interface PreferencesDeps {
  subscribers: Pick<Repositories["subscribers"], "find" | "noteClientLanguage">;
  /** Zone for chats that never chose one (DEFAULT_TIMEZONE). */
  defaultTimeZone: string;
}

/** Settings belong to the chat (a group shares one); updates without a chat fall back to the user's private chat. */
export function preferenceChatId(ctx: Context): number | undefined {
  return ctx.chat?.id ?? ctx.from?.id;
}

/**
 * Language and time zone from the chat's subscriber row. Both lookups of one update share a
 * single query, remembered per update object, so a reader's choices cost one indexed read.
 */
export function createPreferences(deps: PreferencesDeps): PreferenceSources {
  const rows = new WeakMap<Update, Promise<Subscriber | undefined>>();
  const rowOf = (ctx: Context): Promise<Subscriber | undefined> => {
    let row = rows.get(ctx.update);
    if (!row) {
      const chatId = preferenceChatId(ctx);
      row = chatId === undefined ? Promise.resolve(undefined) : deps.subscribers.find(chatId);
      rows.set(ctx.update, row);
    }
    return row;
  };
  return {
    defaultTimeZone: deps.defaultTimeZone,
    async languageOf(ctx): Promise<Locale | undefined> {
      const row = await rowOf(ctx);
      const language = row?.language;
      if (language === "ru" || language === "en") return language;
      // Readers who never picked a language get digests in the one their client speaks.
      const client = ctx.from?.language_code;
      if (row && client !== undefined && ctx.chat?.type === "private") {
        const locale = localeForLanguageCode(client);
        if (row.clientLanguage !== locale) await deps.subscribers.noteClientLanguage(row.chatId, locale);
      }
      return undefined;
    },
    async timeZoneOf(ctx): Promise<string | undefined> {
      return (await rowOf(ctx))?.timeZone;
    },
  };
}
