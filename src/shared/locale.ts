/** Languages Vestnik speaks; every locale has a folder in locales/. */
export type Locale = "ru" | "en";

export const LOCALES: readonly Locale[] = ["ru", "en"];

/**
 * The language for a reader we know nothing about: no choice stored and no Telegram client
 * language (a channel, a group nobody configured, a client that sends no `language_code`).
 * Replies and digests share it, so one reader never gets the two in different languages.
 */
export const DEFAULT_LOCALE: Locale = "en";

/** BCP 47 tags for Intl formatters, one per locale. */
export const INTL_LOCALES: Readonly<Record<Locale, string>> = { ru: "ru-RU", en: "en-GB" };

/** Telegram clients set in these languages usually read Russian better than English. */
const RUSSIAN_READERS = new Set(["ru", "uk", "be", "kk", "ky", "uz", "tg"]);

export function isLocale(value: unknown): value is Locale {
  return value === "ru" || value === "en";
}

/**
 * Maps a Telegram `language_code` (`ru`, `kk`, `ru-RU`, `en-US`…) to the locale we answer in:
 * Russian for the languages in RUSSIAN_READERS, English for any other code and for none.
 */
export function localeForLanguageCode(code: string | null | undefined): Locale {
  const primary = code?.trim().toLowerCase().split(/[-_]/)[0];
  return primary !== undefined && RUSSIAN_READERS.has(primary) ? "ru" : "en";
}

/**
 * The one rule for a reader's language, used for replies and digests alike: the language they
 * chose, else the one their Telegram client speaks, else DEFAULT_LOCALE.
 * `client` is either a stored locale or a raw Telegram `language_code`.
 */
export function readerLocale(reader: { chosen?: string | null; client?: string | null }): Locale {
  if (isLocale(reader.chosen)) return reader.chosen;
  if (reader.client !== undefined && reader.client !== null && reader.client !== "") return localeForLanguageCode(reader.client);
  return DEFAULT_LOCALE;
}
