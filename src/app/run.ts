import { autoRetry } from "@grammyjs/auto-retry";
import { GrammyError, type Bot } from "grammy";
import type { Context } from "../bot/context.js";
import { registerCommands } from "../bot/create-bot.js";
import { startManagerRecheck } from "../bot/manager-recheck.js";
import type { AlertDispatcher } from "../alerts/dispatch.js";
import { checkBotApi, networkRetry } from "../cli/bot-api-check.js";
import { CommandError } from "../cli/errors.js";
import { requireBotToken, type Config } from "../config.js";
import { PAID_BROADCAST_RATE } from "../digest/shared-pacer.js";
import type { Logger } from "../logger.js";
import { startHttpServer, type HttpRoutes, type HttpServer } from "../server/http-server.js";
import { createMetrics } from "../server/metrics.js";
import { startPolling } from "../server/polling.js";
import type { ServingMode } from "../server/serving-mode.js";
import { createWebhookMode } from "../server/webhook-mode.js";
import { startAlertService } from "./alerts.js";
import { createApp } from "./create-app.js";
import { configuredPacer, startDigestService } from "./digest.js";
import { openStore, type Store } from "./store.js";
import { configuredTopics } from "./topics.js";

/** A started `vestnik run` process: what the command waits on and how it shuts it down. */
export interface RunningVestnik {
  /** Settles when the serving mode gives up (lost webhook lease, polling failure). */
  crashed: Promise<void>;
  /** Stops every part, then the HTTP server and the store; `reason` goes to the log. */
  stop(reason: string): Promise<void>;
}

/**
 * Retries for every Bot API call after the start-up check, then the command menu. Installed only
 * after the check, so that an unreachable Bot API fails start-up fast instead of being retried forever:
 * 429s wait out retry_after and 5xx answers back off (auto-retry); lost connections back off, logged.
 */
async function initBot(bot: Bot<Context>, logger: Logger): Promise<void> {
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120, rethrowHttpErrors: true }));
  bot.api.config.use(networkRetry(logger));
  await registerCommands(bot.api).catch((error: unknown) => logger.warn({ err: error }, "setMyCommands failed"));
}

export interface StartOptions {
  logger: Logger;
  say: (line: string) => void;
  /** Aborted when a stop is requested during start-up: start-up ends early, with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * The whole `vestnik run` process: the bot (long polling, or a webhook when WEBHOOK_URL is set), the
 * feed poller, the digest scheduler and the alert dispatcher on one send budget, the daily manager
 * re-check, plus /healthz, /readyz and /metrics over HTTP in webhook mode or with HTTP_ENABLED.
 * Whatever started is stopped again when start-up fails part way.
 */
export async function startVestnik(config: Config, opts: StartOptions): Promise<RunningVestnik> {
  const { logger, signal } = opts;
  const token = requireBotToken(config);
  // First, before the database: a wrong token or an unreachable Bot API is the operator's to fix, in seconds.
  const botInfo = await checkBotApi({ token, apiRoot: config.TELEGRAM_API_ROOT, say: opts.say, signal });
  const topics = await configuredTopics(config);
  signal?.throwIfAborted();
  const store = await openStore(config);
  let http: HttpServer | undefined;
  // What has started so far, stopped again (newest first) when a later part of start-up fails:
  // a poll loop left running would keep the process alive with its store closed.
  const started: (() => Promise<unknown>)[] = [];
  const release = async (store: Store) => {
    await http?.close();
    await store.close();
  };
  try {
    const metrics = createMetrics({ repos: store.repos, logger, sendRate: config.PAID_BROADCAST ? PAID_BROADCAST_RATE : config.SEND_RATE });
    // Set once the dispatcher starts; ingest may file alerts before that (they wait in the ledger).
    let alerts: AlertDispatcher | undefined = undefined;
    const { bot, poller, channels } = createApp({
      config,
      store,
      topics,
      logger,
      token,
      apiRoot: config.TELEGRAM_API_ROOT,
      botInfo,
      onFeatureError: metrics.featureError,
      onUpdate: metrics.updateHandled,
      onAlertsFiled: () => alerts?.wake(),
    });
    // Before autoRetry (installed in initBot), so every attempt is counted, 429s included.
    bot.api.config.use(metrics.apiCallCounter());
    await initBot(bot, logger);
    // The last point where a stop can still skip serving; after it, the caller stops what started.
    signal?.throwIfAborted();

    const { serving } = config;
    const webhook =
      serving.mode === "webhook"
        ? createWebhookMode({ bot, url: serving.url, secret: serving.secret, token, repos: store.repos, metrics, logger, leaseMs: serving.leaseMs })
        : undefined;
    if (webhook || config.HTTP_ENABLED) {
      const routes: HttpRoutes = {
        webhook: webhook?.route,
        readiness: () => store.repos.operations.readiness(),
        metrics: () => metrics.render(),
        metricsToken: config.METRICS_TOKEN,
      };
      if (webhook && !config.METRICS_TOKEN) {
        logger.warn("METRICS_TOKEN is not set: /metrics answers only local requests that no proxy forwarded");
      }
      // A webhook must be reachable from the load balancer; bare health and metrics stay local.
      const host = config.HTTP_HOST ?? (webhook ? "0.0.0.0" : "127.0.0.1");
      http = await startHttpServer({ host, port: config.PORT, routes, logger });
    }
    const mode: ServingMode = webhook
      ? await webhook.register().catch((error: unknown) => {
          if (error instanceof GrammyError) throw new CommandError(`Telegram refused the webhook (${error.description}): check WEBHOOK_URL`);
          throw error;
        })
      : await startPolling(bot, logger);
    started.push(() => mode.stop());
    logger.info(
      { bot: bot.botInfo.username, database: store.database.kind, apiRoot: config.TELEGRAM_API_ROOT, port: http?.port },
      `Vestnik is running (${mode.name})`,
    );
    poller.start();
    started.push(() => poller.stop(5_000));
    // One send budget for every proactive send: digests and alerts share it (and other processes).
    const pacer = configuredPacer(config, store, token, logger);
    const digests = await startDigestService(config, store, topics, token, logger, pacer).catch((error: unknown) => {
      // Postgres' insufficient_privilege: the job queue keeps its tables in a schema of its own.
      if ((error as { code?: unknown }).code === "42501") {
        throw new CommandError(
          `the job queue could not set up its tables (${(error as Error).message}): ` +
            "the database role needs CREATE on the database, or its own pgboss schema",
        );
      }
      throw error;
    });
    started.push(() => digests.stop());
    const dispatcher = startAlertService(config, store, pacer, token, logger);
    alerts = dispatcher;
    // Channel managers and the bot's own posting rights, re-checked with Telegram once a day.
    const recheck = startManagerRecheck({ api: bot.api, channels, botId: bot.botInfo.id, logger });

    return {
      crashed: mode.crashed,
      async stop(reason) {
        logger.info({ reason }, "stopping: finishing updates in flight");
        try {
          // Polls in flight get a few seconds to finish; the rest are cancelled and retried by the next run.
          recheck.stop();
          await Promise.all([http?.close(), mode.stop(), poller.stop(5_000), digests.stop(), dispatcher.stop()]);
        } finally {
          await release(store);
        }
      },
    };
  } catch (error) {
    for (const stop of started.reverse()) await stop().catch(() => undefined);
    await release(store);
    throw error;
  }
}
