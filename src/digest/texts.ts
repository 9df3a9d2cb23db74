import { I18n } from "@grammyjs/i18n";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "../shared/locale.js";

/** Translates one message id; variables must already be HTML-escaped. */
export type Translate = (locale: Locale, key: string, vars?: Record<string, string | number>) => string;

/**
 * The digest's own Fluent catalogue (locales/<locale>/digest.ftl). Digests are composed outside any
 * update — by the scheduler and by `vestnik digest` — and the domain layer must not reach into
 * src/bot, so the texts are loaded here, with the same Fluent engine and options the bot uses.
 */
export function createDigestTranslate(): Translate {
  return createFeatureTranslate("digest");
}

/** The catalogue of one feature's file (`locales/<locale>/<feature>.ftl`), for texts sent outside updates. */
export function createFeatureTranslate(...features: string[]): Translate {
  const i18n = new I18n({ defaultLocale: DEFAULT_LOCALE, fluentBundleOptions: { useIsolating: false } });
  for (const locale of LOCALES) {
    const source = features
      .map((feature) => readFileSync(fileURLToPath(new URL(`../../locales/${locale}/${feature}.ftl`, import.meta.url)), "utf8"))
      .join("\n");
    i18n.loadLocaleSync(locale, { source });
  }
  return (locale, key, vars) => i18n.t(locale, key, vars);
}

let shared: Translate | undefined;

/** One catalogue per process: parsing Fluent for every digest would be wasted work. */
export function digestTranslate(): Translate {
  shared ??= createDigestTranslate();
  return shared;
}
