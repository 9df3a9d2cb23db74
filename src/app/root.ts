import { requireBotToken, type Config } from "../config.js";
import type { DigestEngine } from "../digest/engine.js";
import { createLogger, type Logger } from "../logger.js";
import type { Ingestor } from "../news/ingest.js";
import type { SourceService } from "../news/sources.js";
import type { Topic } from "../topics/types.js";
import type { App, AppOptions } from "./create-app.js";
import type { RunningVestnik, StartOptions } from "./run.js";
import { openConsoleStore, openStore, type Store } from "./store.js";
import { configuredTopics } from "./topics.js";

/** What the commands may print or pass on: plain values, no variable names. */
export interface RootValues {
  /** Where the store lives, for `vestnik migrate`: "Postgres" or "embedded database in ./data". */
  database: string;
  /** A source's poll interval when it has none of its own. */
  pollIntervalMs: number;
  /** The limits on reading one file or URL. */
  input: { maxBytes: number; timeoutMs: number; allowPrivate: boolean };
  /** The zone of feed dates that carry none. */
  defaultTimeZone: string;
}

/**
 * Everything a command needs, built from Config here and nowhere else. Builders are lazy (and the
 * heavier ones loaded on first use) so that a command pays only for what it uses and checks its
 * arguments before any database opens.
 */
export interface AppRoot {
  values: RootValues;
  hasBotToken: boolean;
  /** BOT_TOKEN, or a configuration error naming it. */
  botToken(): string;
  /** The logger at LOG_LEVEL; `quiet` means warnings only unless LOG_LEVEL was set explicitly. */
  logger(opts?: { quiet?: boolean }): Logger;
  /** The built-in taxonomy plus TOPICS_FILE. */
  topics(): Promise<Topic[]>;
  /** The configured database, migrated. */
  openStore(): Promise<Store>;
  /** The terminal chat's own embedded store, apart from the served one. */
  openConsoleStore(): Promise<Store>;
  /** The ingestor of `vestnik ingest`: tagging, source regions and alert filing on one store. */
  ingestor(store: Store, topics: Topic[], logger: Logger): Promise<Ingestor>;
  /** The source service of `vestnik sources`. */
  sources(store: Store, topics: Topic[], logger: Logger): Promise<SourceService>;
  /** The digest engine of `vestnik digest`, with its own send budget. */
  digestEngine(store: Store, topics: Topic[], token: string, logger: Logger): Promise<DigestEngine>;
  /** The bot with every feature, as `vestnik chat` talks to it. */
  createApp(opts: Omit<AppOptions, "config">): Promise<App>;
  /** Starts the whole `vestnik run` process. */
  startVestnik(opts: StartOptions): Promise<RunningVestnik>;
}

export function createAppRoot(
  config: Config,
  /** Whether LOG_LEVEL was set in the environment rather than defaulted. */
  opts: { explicitLogLevel: boolean },
): AppRoot {
  let topics: Promise<Topic[]> | undefined;
  return {
    values: {
      database: config.DATABASE_URL ? "Postgres" : `embedded database in ${config.DATA_DIR}`,
      pollIntervalMs: config.POLL_INTERVAL,
      input: { maxBytes: config.MAX_FEED_BYTES, timeoutMs: config.FETCH_TIMEOUT, allowPrivate: config.ALLOW_PRIVATE_FEEDS },
      defaultTimeZone: config.DEFAULT_TIMEZONE,
    },
    hasBotToken: Boolean(config.BOT_TOKEN),
    botToken: () => requireBotToken(config),
    logger: (o) => createLogger(o?.quiet && !opts.explicitLogLevel ? "warn" : config.LOG_LEVEL),
    topics: () => (topics ??= configuredTopics(config)),
    openStore: () => openStore(config),
    openConsoleStore: () => openConsoleStore(config),
    async ingestor(store, topics, logger) {
      const [{ createIngestor }, { createLazyTagger }, { createArticleAlerts }, { sourceRegionLookup }] = await Promise.all([
        import("../news/ingest.js"),
        import("../topics/lazy-tagger.js"),
        import("./article-alerts.js"),
        import("./topics.js"),
      ]);
      // Alerts filed here go out from whichever `vestnik run` shares the database.
      const alerts = createArticleAlerts(store, logger);
      return createIngestor({ repos: store.repos, tagger: createLazyTagger(topics), sourceRegion: sourceRegionLookup(store, topics), alerts });
    },
    async sources(store, topics, logger) {
      const { createFeedServices } = await import("./feeds.js");
      return createFeedServices(config, store, topics, logger).sources;
    },
    async digestEngine(store, topics, token, logger) {
      const { configuredEngine } = await import("./digest.js");
      return configuredEngine(config, store, topics, token, logger);
    },
    async createApp(appOpts) {
      const { createApp } = await import("./create-app.js");
      return createApp({ ...appOpts, config });
    },
    async startVestnik(runOpts) {
      const { startVestnik } = await import("./run.js");
      return startVestnik(config, runOpts);
    },
  };
}
