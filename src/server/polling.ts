import { run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Context } from "../bot/context.js";
import type { Logger } from "../logger.js";
import { ALLOWED_UPDATES, type ServingMode } from "./serving-mode.js";

/** Long polling with @grammyjs/runner: the default, for one instance per bot token. */
export async function startPolling(bot: Bot<Context>, logger: Logger): Promise<ServingMode> {
  // getUpdates is refused while a webhook is set; a bot moved from webhook mode must not hang silently.
  await bot.api.deleteWebhook().catch((error: unknown) => logger.warn({ err: error }, "deleteWebhook failed"));
  const runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
  return {
    name: "long polling",
    crashed: (runner.task() ?? Promise.resolve()).then(() => undefined),
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}
