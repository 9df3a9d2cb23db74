import { autoRetry } from "@grammyjs/auto-retry";
import { run } from "@grammyjs/runner";
import { GrammyError, HttpError } from "grammy";
import { createBot, registerCommands } from "../bot/create-bot.js";
import { requireBotToken, type Config } from "../config.js";
import { createLogger } from "../logger.js";
import { createNewsQueries } from "../news/queries.js";
import { CommandError } from "./errors.js";
import { openStore } from "./store.js";

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
  const store = await openStore(config);
  try {
    const bot = createBot({
      token,
      apiRoot: config.TELEGRAM_API_ROOT,
      news: createNewsQueries(store.repos),
      logger,
      preferences: { defaultTimeZone: config.DEFAULT_TIMEZONE },
    });
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
    const stopped = runner.task()?.then(() => "crashed" as const);
    const reason = await Promise.race([waitForSignal(), stopped ?? Promise.resolve("crashed" as const)]);
    logger.info({ reason }, "stopping: finishing updates in flight");
    if (runner.isRunning()) await runner.stop();
    return reason === "crashed" ? 1 : 0;
  } finally {
    await store.close();
  }
}
