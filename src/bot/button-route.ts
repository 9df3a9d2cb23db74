import type { CallbackQueryContext, Composer } from "grammy";
import type { ButtonRoute } from "../shared/buttons.js";
import type { Context } from "./context.js";

/**
 * Hands a feature the callback queries of its own buttons, decoded. Data shaped like them but not
 * something the bot wrote (forged, out of range) goes on down the chain, where the fallback
 * answers it as an outdated button.
 */
export function onButton<V>(
  composer: Composer<Context>,
  route: ButtonRoute<V>,
  handler: (ctx: CallbackQueryContext<Context>, value: V) => Promise<unknown>,
): void {
  composer.callbackQuery(route.filter, async (ctx, next) => {
    const value = route.decode(ctx.callbackQuery.data);
    if (value === undefined) return next();
    await handler(ctx, value);
  });
}
