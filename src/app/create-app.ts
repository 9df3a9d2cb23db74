import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Context } from "../bot/context.js";
import { createBot } from "../bot/create-bot.js";
import { createPreferences } from "../bot/preferences.js";
import type { Config } from "../config.js";
import { createAlertService } from "../alerts/service.js";
import { createDigestBuilder } from "../digest/build.js";
import { createChannels, type Channels } from "../digest/channels.js";
import { createSubscriptions, subscriberDefaults } from "../digest/subscriptions.js";
import { digestDefaults } from "./settings.js";
import type { Logger } from "../logger.js";
import type { Poller } from "../news/poll.js";
import { createNewsQueries } from "../news/queries.js";
import { createTopicService, type TopicService } from "../topics/service.js";
import type { Topic } from "../topics/types.js";
import { createFeedServices } from "./feeds.js";
import type { Store } from "./store.js";

export interface App {
  bot: Bot<Context>;
  topics: TopicService;
  poller: Poller;
  channels: Channels;
}

export interface AppOptions {
  config: Config;
  store: Store;
  topics: Topic[];
  logger: Logger;
  token: string;
  apiRoot?: string;
  botInfo?: UserFromGetMe;
  /** False for the terminal chat, where no scheduler runs: replies then say where digests come from. */
  digestsScheduled?: boolean;
  /** Counts failed features (the metrics of `vestnik run`). */
  onFeatureError?: (feature: string) => void;
  /** Counts updates by type (the metrics of `vestnik run`). */
  onUpdate?: (type: string) => void;
  /** New alerts were filed by this process's ingest (wakes its alert dispatcher). */
  onAlertsFiled?: () => void;
}

/**
 * The bot with every feature wired to one store: what `vestnik run` serves (polling or webhook)
 * and what `vestnik chat` talks to in a terminal, so both behave the same.
 */
export function createApp(opts: AppOptions): App {
  const { config, store, topics, logger } = opts;
  const feeds = createFeedServices(config, store, topics, logger, opts.onAlertsFiled);
  const topicService = createTopicService({ topics, repos: store.repos });
  const { subscribers, deliveries } = store.repos;
  const defaults = subscriberDefaults(digestDefaults(config));
  const subscriptions = createSubscriptions({
    subscribers,
    deliveries,
    topics: topicService,
    defaults,
    scheduled: opts.digestsScheduled,
  });
  const channels = createChannels({ subscribers, chatManagers: store.repos.chatManagers, defaults });
  const bot = createBot({
    token: opts.token,
    apiRoot: opts.apiRoot,
    botInfo: opts.botInfo,
    news: createNewsQueries(store.repos),
    topics: topicService,
    logger,
    preferences: createPreferences({ subscribers, defaultTimeZone: config.DEFAULT_TIMEZONE }),
    subscriptions,
    channels,
    digestPreview: createDigestBuilder({ repos: store.repos, topics, size: config.DIGEST_SIZE }),
    admin: { adminIds: config.ADMIN_IDS, sources: feeds.sources, defaultIntervalMs: config.POLL_INTERVAL },
    onFeatureError: opts.onFeatureError,
    onUpdate: opts.onUpdate,
    alerts: {
      alerts: createAlertService({ repos: store.repos, topics: topicService, defaults }),
      news: createNewsQueries(store.repos),
      topics: topicService,
      hourlyCap: config.ALERT_HOURLY_CAP,
    },
  });
  return { bot, topics: topicService, poller: feeds.poller, channels };
}
