import type { MiddlewareFn } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";
import type { Context } from "./context.js";

/** The update's kind: `message`, `callback_query`, `inline_query`, … (the one key besides update_id). */
export function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "unknown";
}

export interface UpdateContextDeps {
  logger: Logger;
  /** Told the type of every update before anything else runs (the metrics of `vestnik run`). */
  onUpdate?: (type: string) => void;
}

/**
 * The bot's first middleware: counts the update and gives it `ctx.logger`, a child logger that
 * carries the update id and type, so every line logged while handling it can be tied together.
 * Being middleware rather than a wrapper of `bot.handleUpdate`, it sees every update however the
 * update arrives (polling, runner, webhook, tests).
 */
export function createUpdateContext(deps: UpdateContextDeps): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const type = updateType(ctx.update);
    deps.onUpdate?.(type);
    ctx.logger = deps.logger.child({ updateId: ctx.update.update_id, updateType: type });
    await next();
  };
}
