import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context as GrammyContext } from "grammy";

import type { Locale } from "../shared/locale.js";

/** Per-update reader preferences, settled before any feature runs. */
export interface PreferencesFlavor {
  /** The language of every reply; i18n translates into it. */
  locale: Locale;
  /** IANA zone that article times are shown in. */
  timeZone: string;
}

export type Context = GrammyContext & I18nFlavor & PreferencesFlavor;
