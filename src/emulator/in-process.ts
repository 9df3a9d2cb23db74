/**
 * The in-process front: a grammY API transformer that answers every Bot API call from an emulator
 * without any network, for handler tests and `vestnik chat`.
 */
import type { Transformer } from "grammy";
import type { Params } from "./errors.js";
import type { Emulator } from "./emulator.js";
import { errorBody } from "./http-front.js";

export interface InProcessOptions {
  /**
   * Rewrites each payload before the emulator sees it. A transformer installed after the bot's own
   * runs before them and never calls them, so a caller that wants the bot's payload defaults (the
   * HTML/no-preview send options) applies them here. Default: the payload as given.
   */
  prepare?: (method: string, payload: Params) => Params;
}

/** Install with `bot.api.config.use(inProcessApi(emulator))`; it never calls the network. */
export function inProcessApi(emulator: Emulator, options: InProcessOptions = {}): Transformer {
  const prepare = options.prepare ?? ((_method: string, payload: Params) => payload);
  // The transformer's result type depends on the method; the emulator answers every method with
  // the same loose shape, so this cast is the one place where that is asserted.
  return ((_prev: unknown, method: string, payload: Params | undefined) => {
    const outcome = emulator.call(method, prepare(method, payload ?? {}));
    return Promise.resolve(outcome.kind === "ok" ? { ok: true, result: outcome.result } : errorBody(outcome.error));
  }) as unknown as Transformer;
}
