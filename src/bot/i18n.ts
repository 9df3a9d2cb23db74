import { I18n, type Warning } from "@grammyjs/i18n";
import { Composer } from "grammy";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../logger.js";
import type { Context } from "./context.js";
import { DEFAULT_LOCALE, LOCALES, readerLocale, type Locale } from "../shared/locale.js";

export const DEFAULT_TIME_ZONE = "Europe/Moscow";

/** Relative to this file, so the bot finds its texts whatever directory it was started from. */
const LOCALES_DIR = new URL("../../locales/", import.meta.url);

type Lookup<T> = (ctx: Context) => T | undefined | Promise<T | undefined>;

/**
 * Where stored per-user choices come from. Until subscriptions exist nothing is stored, and the
 * Telegram client language and the default zone decide.
 */
export interface PreferenceSources {
  languageOf?: Lookup<Locale>;
  timeZoneOf?: Lookup<string>;
  /** Zone for readers who have not chosen one; defaults to Europe/Moscow. */
  defaultTimeZone?: string;
}

/** The Fluent catalogue with both locales loaded; also usable outside updates (command menus). */
export function createI18n(logger?: Logger): I18n<Context> {
  const i18n = new I18n<Context>({
    defaultLocale: DEFAULT_LOCALE,
    // Bidi isolation marks around variables would reach Telegram as invisible junk.
    fluentBundleOptions: { useIsolating: false },
    // Preferences are settled first (see createLocalization), so negotiation is a read.
    localeNegotiator: (ctx) => ctx.locale,
    fluentOptions: { warningHandler: (warning: Warning) => logger?.warn({ key: warning.path, locales: warning.locales }, "missing translation") },
  });
  // One folder per locale, one file per feature, so features keep their texts apart.
  for (const locale of LOCALES) {
    const dir = fileURLToPath(new URL(`${locale}/`, LOCALES_DIR));
    const files = readdirSync(dir).filter((name) => name.endsWith(".ftl")).sort();
    i18n.loadLocaleSync(locale, { source: files.map((name) => readFileSync(join(dir, name), "utf8")).join("\n") });
  }
  return i18n;
}

/** Middleware that sets `ctx.locale`, `ctx.timeZone` and then `ctx.t` for every update. */
export function createLocalization(i18n: I18n<Context>, sources: PreferenceSources = {}): Composer<Context> {
  const composer = new Composer<Context>();
  composer.use(async (ctx, next) => {
    ctx.locale = readerLocale({ chosen: await sources.languageOf?.(ctx), client: ctx.from?.language_code });
    ctx.timeZone = (await sources.timeZoneOf?.(ctx)) ?? sources.defaultTimeZone ?? DEFAULT_TIME_ZONE;
    await next();
  });
  composer.use(i18n.middleware());
  return composer;
}
