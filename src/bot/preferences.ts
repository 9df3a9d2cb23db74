import type { Update } from "grammy/types";
import type { Repositories, Subscriber, SubscriptionRef } from "../db/repositories/index.js";
import { subscriptionKeyOf } from "./subscription-key.js";
import type { Context } from "./context.js";
import { type PreferenceSources } from "./i18n.js";
import { type Locale, localeForLanguageCode } from "../shared/locale.js";

export interface PreferencesDeps {
  subscribers: Pick<Repositories["subscribers"], "find" | "noteClientLanguage">;
  /** Zone for chats that never chose one (DEFAULT_TIMEZONE). */
  defaultTimeZone: string;
}

/**
 * Settings belong to the chat (a group shares one, a forum topic has its own); updates without a
 * chat fall back to the user's private chat.
 */
export function preferenceKey(ctx: Context): SubscriptionRef | undefined {
  return subscriptionKeyOf(ctx) ?? ctx.from?.id;
}

/**
 * A forum topic that never chose a language speaks the group's (its General topic's row); one
 * with no row at all also takes the group's time zone.
 */
async function findWithFallback(subscribers: PreferencesDeps["subscribers"], key: SubscriptionRef): Promise<Subscriber | undefined> {
  const row = await subscribers.find(key);
  if (typeof key === "number" || key.threadId === null || row?.language) return row;
  const group = await subscribers.find(key.chatId);
  if (!row) return group;
  return group?.language ? { ...row, language: group.language } : row;
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
      const key = preferenceKey(ctx);
      row = key === undefined ? Promise.resolve(undefined) : findWithFallback(deps.subscribers, key);
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
