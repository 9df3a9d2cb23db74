/**
 * The one gate every proactive send of a bot token goes through in this process. Sends are let
 * through one at a time, at least 1/rate seconds apart as measured when each is let through —
 * no bursts and no catching up after a late timer, because Telegram (and the fake in the tests)
 * count a sliding second. A 429 stops everybody until its `retry_after` is over, not just the
 * sender who got it: the limit is per token, so the next send would only earn another 429.
 */
export interface Pacer {
  /** The ceiling in messages per second (what concurrency is sized for). */
  readonly rate: number;
  /**
   * Resolves when the caller may send one message; callers go in the order they asked. With a
   * chat id, that chat's own limit is kept too (1 message a second; 20 a minute for groups).
   */
  acquire(chatId?: number): Promise<SendSlot>;
  /** Telegram answered 429: no send starts before `retryAfterSeconds` (plus a margin) have passed. */
  pause(retryAfterSeconds: number): void;
  /** Milliseconds until sending may resume after a 429 (0 when not paused). */
  pausedFor(): number;
}

/** What a send may do with the slot it got. */
export interface SendSlot {
  /** Send with `allow_paid_broadcast` (the slot is above the free limit and paid for). */
  paid: boolean;
}

const FREE_SLOT: SendSlot = { paid: false };

export interface Timers {
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export interface PacerDeps {
  /** Messages per second; Infinity disables spacing (429 pauses still apply). */
  rate: number;
  /** Added to every retry_after: Telegram's seconds are rounded and clocks differ. Default 250 ms. */
  pauseMarginMs?: number;
  /** Clock and timers (tests pass a simulated clock). Default: the real ones. */
  timers?: Timers;
}

export const realTimers: Timers = {
  // Sub-millisecond precision: at 29/s the spacing is 34.48 ms, and whole milliseconds would
  // round every gap up and waste a few percent of the allowance.
  now: () => performance.now(),
  after(ms, fn) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(handle);
  },
};

/** Telegram's limits for one chat: private chats about one message a second, groups 20 a minute. */
export function chatGapMs(chatId: number): number {
  return chatId < 0 ? 3000 : 1000;
}

/**
 * Keeps each chat's own pace: a caller for a chat waits until that chat's previous message is a
 * gap behind. Only chats this process sends to are tracked (a digest's parts, an alert burst).
 */
export function createChatSpacing(timers: Timers = realTimers) {
  const next = new Map<number, number>();
  return {
    /** Milliseconds the caller must wait before sending to `chatId` (and books that moment). */
    book(chatId: number): number {
      const t = timers.now();
      if (next.size > 10_000) for (const [chat, at] of next) if (at <= t) next.delete(chat);
      const at = Math.max(t, next.get(chatId) ?? -Infinity);
      next.set(chatId, at + chatGapMs(chatId));
      return at - t;
    },
  };
}

export function createPacer(opts: PacerDeps): Pacer {
  if (!(opts.rate > 0)) throw new RangeError(`send rate must be positive, got ${opts.rate}`);
  const timers = opts.timers ?? realTimers;
  const interval = Number.isFinite(opts.rate) ? 1000 / opts.rate : 0;
  const margin = opts.pauseMarginMs ?? 250;
  const waiting: ((slot: SendSlot) => void)[] = [];
  const chats = createChatSpacing(timers);
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
      waiting.shift()!(FREE_SLOT);
    }
  }

  return {
    rate: opts.rate,
    async acquire(chatId) {
      const wait = chatId === undefined ? 0 : chats.book(chatId);
      if (wait > 0) await new Promise<void>((resolve) => timers.after(wait, resolve));
      return new Promise<SendSlot>((resolve) => {
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
