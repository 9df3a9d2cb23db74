import { autoRetry } from "@grammyjs/auto-retry";
import { run } from "@grammyjs/runner";
import { GrammyError, HttpError } from "grammy";
import { registerCommands } from "../bot/create-bot.js";
import { requireBotToken, type Config } from "../config.js";
import { createLogger } from "../logger.js";
import { CommandError } from "./errors.js";
import { startDigestService } from "./digest.js";
import { createApp } from "./app.js";
import { openStore } from "./store.js";
import { configuredTopics } from "./topics-config.js";

const ALLOWED_UPDATES = ["message", "callback_query", "inline_query", "my_chat_member"] as const;

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

export async function runCommand(_args: string[], config: Config): Promise<number> {
  const token = requireBotToken(config);
  const logger = createLogger(config.LOG_LEVEL);
  const topics = await configuredTopics(config);
  const store = await openStore(config);
  try {
    const { bot, poller } = createApp({ config, store, topics, logger, token, apiRoot: config.TELEGRAM_API_ROOT });
    // 429s wait out retry_after and 5xx/network errors back off, instead of failing the update.
    bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 }));

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
    // getUpdates is refused while a webhook is set; a bot moved from webhook mode must not hang silently.
    await bot.api.deleteWebhook().catch((error: unknown) => logger.warn({ err: error }, "deleteWebhook failed"));

    const runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
    logger.info(
      { bot: bot.botInfo.username, database: store.database.kind, apiRoot: config.TELEGRAM_API_ROOT },
      "Vestnik is running (long polling)",
    );
    poller.start();
    const digests = await startDigestService(config, store, topics, token, logger);
    const stopped = runner.task()?.then(() => "crashed" as const);
    const reason = await Promise.race([waitForSignal(), stopped ?? Promise.resolve("crashed" as const)]);
    logger.info({ reason }, "stopping: finishing updates in flight");
    // Polls in flight get a few seconds to finish; the rest are cancelled and retried by the next run.
    await Promise.all([runner.isRunning() ? runner.stop() : undefined, poller.stop(5_000), digests.stop()]);
    return reason === "crashed" ? 1 : 0;
  } finally {
    await store.close();
  }
}
