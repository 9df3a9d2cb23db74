import { Composer } from "grammy";
import type { Message } from "grammy/types";
import type { Context } from "../context.js";

/** The command word of a message that starts with one, e.g. `latest@vestnik_bot`; undefined otherwise. */
function leadingCommand(message: Message): string | undefined {
  const entity = message.entities?.[0];
  if (entity?.type !== "bot_command" || entity.offset !== 0 || message.text === undefined) return undefined;
  return message.text.slice(1, entity.length);
}

/**
 * What nothing else handled. Registered last. In private chats every message gets a pointer to
 * /help; in groups, where people talk to each other and to other bots, only commands addressed
 * to this bot by name do. Every stray button press gets answered, or its spinner would hang.
 */
export function createFallbackFeature(): Composer<Context> {
  const composer = new Composer<Context>();

  composer.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
  });

  composer.chatType("private").on("message", async (ctx) => {
    const command = leadingCommand(ctx.message);
    await ctx.reply(command === undefined ? ctx.t("fallback-text") : ctx.t("fallback-unknown-command"));
  });

  composer.chatType(["group", "supergroup"]).on("message", async (ctx) => {
    const command = leadingCommand(ctx.message);
    const target = command?.split("@")[1]?.toLowerCase();
    if (target === undefined || target !== ctx.me.username.toLowerCase()) return;
    await ctx.reply(ctx.t("fallback-unknown-command"), {
      reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
    });
  });

  return composer;
}
