import { Composer } from "grammy";
import type { Subscriptions } from "../../digest/subscriptions.js";
import type { Context } from "../context.js";
import { chatKey } from "../subscription-key.js";
import { BOT_COMMANDS, renderCommandList } from "./help.js";
import { escapeHtml } from "../../shared/telegram-html.js";

export interface StartDeps {
  /** A reader who blocked the bot and comes back with /start gets digests again. */
  subscriptions?: Pick<Subscriptions, "reactivate">;
}

export function createStartFeature(deps: StartDeps = {}): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("start", async (ctx) => {
    await deps.subscriptions?.reactivate(chatKey(ctx));
    const name = ctx.from?.first_name.trim() ?? "";
    const greeting = name ? ctx.t("start-greeting-named", { name: escapeHtml(name) }) : ctx.t("start-greeting");
    const commands = renderCommandList(
      ctx,
      BOT_COMMANDS.filter((c) => c.featured),
    );
    await ctx.reply(ctx.t("start", { greeting, commands }));
  });
  return composer;
}
