import type { I18n } from "@grammyjs/i18n";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Api, type BotError, type Composer } from "grammy";
import type { BotCommand, LanguageCode, UserFromGetMe } from "grammy/types";
import type { Logger } from "../logger.js";
import type { NewsQueries } from "../news/queries.js";
import type { Context } from "./context.js";
import type { Subscriptions } from "../digest/subscriptions.js";
import type { Channels } from "../digest/channels.js";
import { createChatRights, isChatAdmin, type ChatRights } from "./chat-admin.js";
import { createChannelsFeature } from "./features/channels.js";
import { createAlertsFeature, type AlertsDeps } from "./features/alerts.js";
import { createChatMemberFeature } from "./features/chat-member.js";
import { createChatMigrationFeature } from "./features/chat-migration.js";
import { createDigestPreviewFeature, type DigestPreviewSource } from "./features/digest-preview.js";
import { ADMIN_COMMANDS, createAdminFeature, isAdmin, type AdminDeps } from "./features/admin.js";
import { createFallbackFeature } from "./features/fallback.js";
import { BOT_COMMANDS, createHelpFeature } from "./features/help.js";
import { createInlineFeature } from "./features/inline.js";
import { createLatestFeature } from "./features/latest.js";
import { createSearchFeature } from "./features/search.js";
import { createSettingsFeature } from "./features/settings.js";
import { createSubscribeFeature } from "./features/subscribe.js";
import { createTopicsFeature } from "./features/topics.js";
import type { TopicService } from "../topics/service.js";
import { createStartFeature } from "./features/start.js";
import { isExpiredCallback } from "./telegram-conditions.js";
import { createI18n, createLocalization, type PreferenceSources } from "./i18n.js";
import { DEFAULT_LOCALE, type Locale, localeForLanguageCode } from "../shared/locale.js";
import { sendDefaults } from "../shared/send-defaults.js";
import { createUpdateContext } from "./update-context.js";

export { BOT_COMMANDS };

export interface BotDeps {
  token: string;
  /** Bot API server without a trailing slash; Telegram's by default. */
  apiRoot?: string;
  /** Skips the `getMe` call on start; tests and restarts pass what they already know. */
  botInfo?: UserFromGetMe;
  news: NewsQueries;
  /** Topic browsing (/topics, /topic); without it those commands fall through to the hint. */
  topics?: TopicService;
  logger: Logger;
  /** Stored language and time zone per reader, and the zone for everyone else (Europe/Moscow). */
  preferences?: PreferenceSources;
  /** Digest subscriptions and reader settings; without it /subscribe, /settings and the rest fall through. */
  subscriptions?: Subscriptions;
  /** Channels managed from private chats: /channels, /connect, /disconnect, the /settings switcher. */
  channels?: Channels;
  /** How long a group admin check is trusted (ms); a minute by default. */
  adminCacheMs?: number;
  /** The digest builder behind the /digest preview (needs `subscriptions` too). */
  digestPreview?: DigestPreviewSource;
  /** ADMIN_IDS, the source service and POLL_INTERVAL for /sources, /addsource, /removesource, /stats. */
  admin?: AdminDeps;
  /** Instant alerts (/alert, /alerts, /quiet and the buttons under alerts). */
  alerts?: AlertsDeps;
  /** Told about every failed feature (metrics); the failure is logged and reported to the user anyway. */
  onFeatureError?: (feature: string) => void;
  /** Told the type of every update before any feature sees it (metrics). */
  onUpdate?: (type: string) => void;
}

interface Feature {
  name: string;
  composer: Composer<Context>;
}

/**
 * Features in the order they see an update. A new feature (topics, subscriptions, admin) takes
 * its deps from BotDeps and goes here, before the fallback.
 */
function features(deps: BotDeps): Feature[] {
  // One cache of admin answers for the whole bot: the group guard, channels and alerts share it.
  const rights = createChatRights({ ttlMs: deps.adminCacheMs });
  return [
    { name: "start", composer: createStartFeature({ subscriptions: deps.subscriptions }) },
    { name: "help", composer: createHelpFeature(deps.admin && adminHelp(deps.admin)) },
    { name: "latest", composer: createLatestFeature({ news: deps.news }) },
    { name: "search", composer: createSearchFeature({ news: deps.news }) },
    ...(deps.topics ? [{ name: "topics", composer: createTopicsFeature({ topics: deps.topics, news: deps.news }) }] : []),
    { name: "inline", composer: createInlineFeature({ news: deps.news, topics: deps.topics }) },
    ...subscriptionFeatures(deps, rights),
    ...(deps.alerts
      ? [
          {
            name: "alerts",
            composer: createAlertsFeature({
              ...deps.alerts,
              canManage: (ctx) => isChatAdmin(ctx, rights),
              channelAccess: deps.channels && { channels: deps.channels, rights },
            }),
          },
        ]
      : []),
    ...(deps.admin ? [{ name: "admin", composer: createAdminFeature(deps.admin) }] : []),
    { name: "fallback", composer: createFallbackFeature() },
  ];
}

function subscriptionFeatures({ subscriptions, digestPreview, channels }: BotDeps, rights: ChatRights): Feature[] {
  if (!subscriptions) return [];
  return [
    { name: "chat-member", composer: createChatMemberFeature({ subscriptions, channels, rights }) },
    { name: "chat-migration", composer: createChatMigrationFeature({ subscriptions, rights }) },
    ...(channels ? [{ name: "channels", composer: createChannelsFeature({ channels, subscriptions, rights }) }] : []),
    { name: "subscribe", composer: createSubscribeFeature({ subscriptions, rights }) },
    { name: "settings", composer: createSettingsFeature({ subscriptions, rights, channels }) },
    ...(digestPreview ? [{ name: "digest-preview", composer: createDigestPreviewFeature({ subscriptions, digests: digestPreview }) }] : []),
  ];
}

function adminHelp(admin: AdminDeps) {
  return { commands: ADMIN_COMMANDS, shownTo: (ctx: Context) => isAdmin(ctx, admin.adminIds), messageId: "help-admin" };
}

/**
 * Whether the user is waiting for an answer: a button press, anything in a private chat, or a
 * command for this bot in a group. Group chatter gets none, even when the bot is failing.
 */
function expectsAnswer(ctx: Context): boolean {
  if (ctx.callbackQuery) return true;
  const message = ctx.message;
  if (!message) return false;
  if (message.chat.type === "private") return true;
  const entity = message.entities?.[0];
  if (entity?.type !== "bot_command" || entity.offset !== 0) return false;
  const target = message.text?.slice(1, entity.length).split("@")[1];
  return target === undefined || target.toLowerCase() === ctx.me.username.toLowerCase();
}

/** Logs a feature's failure and tells the user, briefly, instead of leaving them with silence. */
function reportFailure(feature: string, i18n: I18n<Context>, onError?: (feature: string) => void) {
  return async (error: BotError<Context>): Promise<void> => {
    const { ctx } = error;
    if (isExpiredCallback(error.error)) {
      // The user pressed a button long ago (or the answer came late): routine, and nothing to answer.
      ctx.logger.info({ feature }, "callback query expired before it was answered");
      return;
    }
    onError?.(feature);
    ctx.logger.error({ err: error.error, feature }, "bot feature failed");
    // Preferences may be what failed, so the locale may not be settled yet.
    const locale = (ctx.locale as Locale | undefined) ?? localeForLanguageCode(ctx.from?.language_code);
    const text = i18n.t(locale, "error-generic");
    try {
      if (!expectsAnswer(ctx)) return;
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
      else await ctx.reply(text);
    } catch (replyError) {
      ctx.logger.warn({ err: replyError, feature }, "could not report the failure to the user");
    }
  };
}

export function createBot(deps: BotDeps): Bot<Context> {
  const { logger } = deps;
  const bot = new Bot<Context>(deps.token, {
    botInfo: deps.botInfo,
    client: deps.apiRoot ? { apiRoot: deps.apiRoot } : undefined,
  });
  // Every text the bot sends is HTML without link previews unless a caller says otherwise.
  bot.api.config.use(sendDefaults());
  const i18n = createI18n(logger);

  // First of all: count the update and give it a logger of its own.
  bot.use(createUpdateContext({ logger, onUpdate: deps.onUpdate }));
  // The runner handles updates concurrently; one chat's updates must still run in order.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));

  // The outer boundary catches what happens before any feature (a failed preferences lookup), so
  // no update ever throws out of the bot, however updates are fed to it (polling, runner, tests).
  const root = bot.errorBoundary(reportFailure("localization", i18n, deps.onFeatureError));
  root.use(createLocalization(i18n, deps.preferences));
  for (const { name, composer } of features(deps)) {
    root.errorBoundary(reportFailure(name, i18n, deps.onFeatureError), composer);
  }

  // Only reachable if reporting a failure itself throws; rethrowing would stop long polling.
  bot.catch((error) => {
    logger.error({ err: error.error, updateId: error.ctx.update.update_id }, "bot update failed");
  });
  return bot;
}

/** Menu locales: Telegram picks by the client's language code, the entry without one is the default. */
const MENU_LANGUAGES: ReadonlyArray<LanguageCode | undefined> = [undefined, "en", "ru", "uk", "be", "kk", "ky", "uz", "tg"];

export function menuCommands(locale: Locale, i18n: I18n<Context> = createI18n()): BotCommand[] {
  return BOT_COMMANDS.map(({ command }) => ({ command, description: i18n.t(locale, `command-${command}`) }));
}

/**
 * Publishes the command menu: English by default and for `en`, Russian for `ru` and the other
 * languages whose readers get Russian replies, so the menu matches the answers.
 */
export async function registerCommands(api: Api, i18n: I18n<Context> = createI18n()): Promise<void> {
  for (const language of MENU_LANGUAGES) {
    const locale = language === undefined ? DEFAULT_LOCALE : localeForLanguageCode(language);
    const commands = menuCommands(locale, i18n);
    await (language === undefined ? api.setMyCommands(commands) : api.setMyCommands(commands, { language_code: language }));
  }
}
