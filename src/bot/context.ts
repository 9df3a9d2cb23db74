import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context as GrammyContext } from "grammy";

import type { Locale } from "../shared/locale.js";
import type { Logger } from "../logger.js";

/** Per-update reader preferences, settled before any feature runs. */
export interface PreferencesFlavor {
  /** The language of every reply; i18n translates into it. */
  locale: Locale;
  /** IANA zone that article times are shown in. */
  timeZone: string;
}

/** Set by the first middleware (update-context.ts) for every update. */
export interface UpdateFlavor {
  /** Logs with the update's id and type attached. */
  logger: Logger;
}

export type Context = GrammyContext & I18nFlavor & PreferencesFlavor & UpdateFlavor;
