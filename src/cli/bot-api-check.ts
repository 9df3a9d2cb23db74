import { Api, GrammyError, HttpError, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "../logger.js";
import { describeErrorCode } from "../news/network-words.js";
import { CommandError } from "./errors.js";
import { sleep } from "../shared/async.js";

/**
 * Why a request never got an answer, in words an operator can act on: "connection refused
 * (ECONNREFUSED)". Never the library's message, which carries the URL and with it the token.
 */
export function networkCause(error: unknown, timeoutMs?: number): string {
  let cause: unknown = error instanceof HttpError ? error.error : error;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (cause.name === "AbortError" || cause.name === "TimeoutError") {
      return timeoutMs === undefined ? "request aborted" : `no answer within ${Math.round(timeoutMs / 1000)}s`;
    }
    if (typeof code === "string" && code !== "system") return describeErrorCode(code);
    if (cause.name === "FetchError" && /invalid json/i.test(cause.message)) return "the answer is not Bot API JSON";
    cause = (cause as { cause?: unknown }).cause;
  }
  return "network error";
}

export interface StartupCheckOptions {
  token: string;
  apiRoot: string;
  /** One attempt's limit. Default 5 s. */
  timeoutMs?: number;
  /** Default 3. */
  attempts?: number;
  /** Between attempts; doubled each time. Default 1 s. */
  pauseMs?: number;
  /** Progress lines for the operator. */
  say: (line: string) => void;
  /** A stop requested while the check still runs (SIGTERM during start-up): ends the request and the pauses at once. */
  signal?: AbortSignal;
}

/**
 * Runs `call` with a signal that aborts after `timeoutMs` or when `stop` aborts. A plain timer and
 * controller held here: a signal composed with AbortSignal.any from AbortSignal.timeout can be
 * collected as garbage while the request waits, and then never fires.
 */
async function withLimit<T>(timeoutMs: number, stop: AbortSignal | undefined, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(new DOMException("no answer in time", "TimeoutError")), timeoutMs);
  const onStop = () => limit.abort(stop?.reason);
  stop?.addEventListener("abort", onStop, { once: true });
  try {
    return await call(limit.signal);
  } finally {
    clearTimeout(timer);
    stop?.removeEventListener("abort", onStop);
  }
}

/**
 * getMe with a bounded number of attempts and a time limit on each, before any auto-retry is
 * installed: an unreachable Bot API or a wrong token ends start-up in seconds with one line,
 * instead of grammY's own init, which retries network errors forever and silently.
 */
export async function checkBotApi(opts: StartupCheckOptions): Promise<UserFromGetMe> {
  const { apiRoot, say } = opts;
  // A client of its own, without the bot's transformers: nothing may retry behind this loop's back.
  const api = new Api(opts.token, { apiRoot });
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const attempts = opts.attempts ?? 3;
  let pauseMs = opts.pauseMs ?? 1_000;
  say(`Checking BOT_TOKEN with the Bot API at ${apiRoot} …`);
  for (let attempt = 1; ; attempt++) {
    try {
      // grammY types its signal with a polyfill's class; the platform's AbortSignal is what it uses at run time.
      const me = await withLimit(timeoutMs, opts.signal, (limit) => api.getMe(limit as unknown as Parameters<typeof api.getMe>[0]));
      say(`Bot API answered: this is @${me.username}.`);
      return me;
    } catch (error) {
      opts.signal?.throwIfAborted();
      if (error instanceof GrammyError) {
        if (error.error_code === 401) throw new CommandError("Telegram rejected BOT_TOKEN (401 Unauthorized): check the token from @BotFather");
        if (error.error_code < 500 && error.error_code !== 429) {
          throw new CommandError(`the Bot API at ${apiRoot} refused getMe (${error.error_code} ${error.description}): check TELEGRAM_API_ROOT`);
        }
      } else if (!(error instanceof HttpError)) {
        throw error;
      }
      const cause = error instanceof GrammyError ? `${error.error_code} ${error.description}` : networkCause(error, timeoutMs);
      if (attempt >= attempts) throw new CommandError(`cannot reach the Bot API at ${apiRoot}: ${cause} (tried ${attempts} times)`);
      say(`${apiRoot}: ${cause}; trying again in ${Math.round(pauseMs / 1000)}s (attempt ${attempt + 1} of ${attempts}) …`);
      await sleep(pauseMs, opts.signal);
      pauseMs *= 2;
    }
  }
}

/**
 * After start-up: a request that could not reach the Bot API waits and tries again (1s, 2s, 4s…
 * up to `maxDelayMs`) for as long as it takes, saying so in the log each time, unless its caller
 * aborted it (shutdown). 429s and 5xx answers are auto-retry's job, not this one's.
 */
export function networkRetry(logger: Logger, opts: { initialDelayMs?: number; maxDelayMs?: number } = {}): Transformer {
  const initial = opts.initialDelayMs ?? 1_000;
  const max = opts.maxDelayMs ?? 60_000;
  return async (prev, method, payload, signal) => {
    let delay = initial;
    for (let attempt = 1; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || signal?.aborted) throw error;
        logger.warn({ method, attempt, cause: networkCause(error), retryInMs: delay }, "Bot API unreachable; retrying");
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          }, delay);
          const onAbort = () => {
            clearTimeout(timer);
            reject(error);
          };
          signal?.addEventListener("abort", onAbort, { once: true });
        });
        delay = Math.min(max, delay * 2);
      }
    }
  };
}
