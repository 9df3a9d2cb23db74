/**
 * The one gate every proactive send of a bot token goes through in this process. Sends are let
 * through one at a time, at least 1/rate seconds apart as measured when each is let through —
 * no bursts and no catching up after a late timer, because Telegram (and the fake in the tests)
 * count a sliding second. A 429 stops everybody until its `retry_after` is over, not just the
 * sender who got it: the limit is per token, so the next send would only earn another 429.
 */
export interface Pacer {
  readonly rate: number;
  /** Resolves when the caller may send one message; callers go in the order they asked. */
  acquire(): Promise<void>;
  /** Telegram answered 429: no send starts before `retryAfterSeconds` (plus a margin) have passed. */
  pause(retryAfterSeconds: number): void;
  /** Milliseconds until sending may resume after a 429 (0 when not paused). */
  pausedFor(): number;
}

export interface Timers {
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export interface PacerOptions {
  /** Messages per second; Infinity disables spacing (429 pauses still apply). */
  rate: number;
  /** Added to every retry_after: Telegram's seconds are rounded and clocks differ. */
  pauseMarginMs?: number;
  timers?: Timers;
}

const realTimers: Timers = {
  // Sub-millisecond precision: at 29/s the spacing is 34.48 ms, and whole milliseconds would
  // round every gap up and waste a few percent of the allowance.
  now: () => performance.now(),
  after(ms, fn) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(handle);
  },
};

export function createPacer(opts: PacerOptions): Pacer {
  if (!(opts.rate > 0)) throw new RangeError(`send rate must be positive, got ${opts.rate}`);
  const timers = opts.timers ?? realTimers;
  const interval = Number.isFinite(opts.rate) ? 1000 / opts.rate : 0;
  const margin = opts.pauseMarginMs ?? 250;
  const waiting: (() => void)[] = [];
  let lastGrant = -Infinity;
  let pausedUntil = -Infinity;
  let cancelTimer: (() => void) | undefined;

  function pump(): void {
    cancelTimer = undefined;
    while (waiting.length > 0) {
      const t = timers.now();
      const at = Math.max(lastGrant + interval, pausedUntil);
      if (t < at) {
        cancelTimer = timers.after(at - t, pump);
        return;
      }
      lastGrant = t;
      waiting.shift()!();
    }
  }

  return {
    rate: opts.rate,
    acquire() {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (!cancelTimer && waiting.length === 1) pump();
      });
    },
    pause(retryAfterSeconds) {
      const until = timers.now() + Math.max(0, retryAfterSeconds) * 1000 + margin;
      if (until <= pausedUntil) return;
      pausedUntil = until;
      if (cancelTimer) {
        cancelTimer();
        cancelTimer = undefined;
        pump();
      }
    },
    pausedFor() {
      return Math.max(0, pausedUntil - timers.now());
    },
  };
}
