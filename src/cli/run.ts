import { autoRetry } from "@grammyjs/auto-retry";
import { GrammyError, HttpError, type Bot } from "grammy";
import type { Context } from "../bot/context.js";
import { registerCommands } from "../bot/create-bot.js";
import { requireBotToken, type Config } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { createApp } from "./app.js";
import type { AlertDispatcher } from "../alerts/dispatch.js";
import { createPacer } from "../digest/pacer.js";
import { startAlertService } from "./alerts.js";
import { startDigestService } from "./digest.js";
import { CommandError } from "./errors.js";
import { startHttpServer, type HttpRoutes, type HttpServer } from "./http-server.js";
import { createMetrics } from "./metrics.js";
import { startPolling } from "./run-polling.js";
import { createWebhookMode, type ServingMode } from "./run-webhook.js";
import { openStore } from "./store.js";
import { configuredTopics } from "./topics-config.js";

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

/** getMe and the command menu; a wrong token or an unreachable Bot API is the operator's to fix. */
async function initBot(bot: Bot<Context>, config: Config, logger: Logger): Promise<void> {
  try {
    await bot.init();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new CommandError("Telegram rejected BOT_TOKEN (401 Unauthorized): check the token from @BotFather");
    }
    if (error instanceof HttpError || error instanceof GrammyError) {
      throw new CommandError(`cannot reach the Bot API at ${config.TELEGRAM_API_ROOT}: ${error.message}`);
    }
    throw error;
  }
  await registerCommands(bot.api).catch((error: unknown) => logger.warn({ err: error }, "setMyCommands failed"));
}

/**
 * `vestnik run`: the bot (long polling, or a webhook when WEBHOOK_URL is set), the feed poller
 * and the digest scheduler, plus /healthz, /readyz and /metrics over HTTP in webhook mode or
 * with HTTP_ENABLED. Several instances may share one Postgres in webhook mode.
 */
export async function runCommand(_args: string[], config: Config): Promise<number> {
  const token = requireBotToken(config);
  const logger = createLogger(config.LOG_LEVEL);
  const topics = await configuredTopics(config);
  const store = await openStore(config);
  let http: HttpServer | undefined;
  try {
    const metrics = createMetrics({ repos: store.repos, logger });
    let alerts: AlertDispatcher | undefined;
    const { bot, poller } = createApp({
      config,
      store,
      topics,
      logger,
      token,
      apiRoot: config.TELEGRAM_API_ROOT,
      onFeatureError: metrics.featureError,
      onAlertsFiled: () => alerts?.wake(),
    });
    metrics.instrument(bot);
    // 429s wait out retry_after and 5xx/network errors back off, instead of failing the update.
    bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 }));
    await initBot(bot, config, logger);

    const webhook =
      config.WEBHOOK_URL && config.WEBHOOK_SECRET
        ? createWebhookMode({ bot, url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, token, repos: store.repos, metrics, logger })
        : undefined;
    if (webhook || config.HTTP_ENABLED) {
      const routes: HttpRoutes = {
        webhook: webhook?.route,
        readiness: () => store.repos.operations.readiness(),
        metrics: () => metrics.render(),
        metricsToken: config.METRICS_TOKEN,
      };
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
    logger.info(
      { bot: bot.botInfo.username, database: store.database.kind, apiRoot: config.TELEGRAM_API_ROOT, port: http?.port },
      `Vestnik is running (${mode.name})`,
    );
    poller.start();
    // One pacer for every proactive send of this process: digests and alerts share the budget.
    const pacer = createPacer({ rate: config.SEND_RATE });
    const digests = await startDigestService(config, store, topics, token, logger, pacer);
    alerts = startAlertService(config, store, pacer, token, logger);

    const reason = await Promise.race([waitForSignal(), mode.crashed.then(() => "crashed" as const)]);
    logger.info({ reason }, "stopping: finishing updates in flight");
    // Polls in flight get a few seconds to finish; the rest are cancelled and retried by the next run.
    await Promise.all([http?.close(), mode.stop(), poller.stop(5_000), digests.stop(), alerts.stop()]);
    return reason === "crashed" ? 1 : 0;
  } finally {
    await http?.close();
    await store.close();
  }
}
