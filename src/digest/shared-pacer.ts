import { createHash } from "node:crypto";
import type { Reservation, ReserveRequest } from "../db/repositories/send-budgets.js";
import type { Logger } from "../logger.js";
import { createChatSpacing, realTimers, type Pacer, type SendSlot, type Timers } from "./pacer.js";

/** Paid broadcasts: Telegram lets a bot send up to 1,000 messages a second for 0.1 Star each. */
export const PAID_BROADCAST_RATE = 1000;
export const STARS_PER_PAID_MESSAGE = 0.1;

export interface SendBudgetStore {
  reserve(req: ReserveRequest): Promise<Reservation>;
  pause(tokenKey: string, retryAfterMs: number, factor: number, minPace: number): Promise<void>;
  /** The database's clock (epoch ms), to place reserved instants on this process's clock. Optional. */
  clock?(): Promise<number>;
}

/** Round trips timed before the first reservation; the quickest sets the clock offset. */
const CLOCK_SAMPLES = 3;

export interface SharedPacerDeps {
  budgets: SendBudgetStore;
  /** The bot token: the budget is per token (only a digest of it is stored). */
  token: string;
  /** SEND_RATE: the ceiling an operator sets; the pace stays a little under it (see HEADROOM). */
  rate: number;
  /** PAID_BROADCAST with its daily cap in Stars (`rate` defaults to PAID_BROADCAST_RATE). Default: no paid sends. */
  paid?: { dailyStars: number; rate?: number };
  /** Added to every retry_after: Telegram's seconds are rounded and clocks differ. Default 250 ms. */
  pauseMarginMs?: number;
  /** Where failed reservations are reported. Default: nowhere. */
  logger?: Logger;
  /** Clock and timers (tests pass a simulated clock). Default: the real ones. */
  timers?: Timers;
}

/**
 * Share of the ceiling actually used. Telegram (and the strict fake) count a sliding second, so
 * `limit` messages spaced for `limit × HEADROOM` a second leave 1000 × (1/HEADROOM − 1) ms of slack
 * in every window (about 30 ms here): what a late timer, a clock estimate and the network may eat.
 */
export const HEADROOM = 0.97;
/**
 * The same share for paid broadcasts. At 1,000 a second the 3 % of slack is 30 slots, and a stall
 * of the process longer than 30 ms (a GC pause, a busy loop turn) sends its delayed messages on top
 * of the next ones: the fake's sliding second answered 429 in bursts of 3–17, and each pause for
 * `retry_after` cost more than the slack saved. 8 % leaves 80 ms.
 */
export const PAID_HEADROOM = 0.92;
/**
 * How far the pace drops on a 429, how low it can go, and how fast it comes back (share per second).
 * A tenth per 429: with the pace already 3 % under the limit, a lone 429 is jitter (two sends the
 * network bunched up), and a quarter off regained at 0.5 % a second cost two senders a tenth of a
 * minute's throughput (86 % of the limit); repeated 429s still compound (0.9ⁿ) down to MIN_PACE.
 */
export const BACKOFF_FACTOR = 0.9;
export const MIN_PACE = 0.3;
export const RECOVER_PER_SECOND = 0.005;
/**
 * A slot is sent at its instant or a little after, never before; one later than this is dropped
 * (the loop was blocked), because sending it next to the following slots would squeeze a window.
 * Half the slack (15 ms): the other half is for the clock estimate and the network. A dropped slot
 * costs one message's turn; a 429 costs a pause for everyone and a lower pace for a minute.
 */
export const LATE_SLOT_MS = lateSlotMs(HEADROOM);
/**
 * Half the slack at the paid pace (43 ms). A paid slot sent that late still leaves a sliding
 * second 1000 × PAID_HEADROOM × 1.043 ≈ 960 sends; the free tolerance would drop it, and a dropped
 * slot is a message that waits for the next one.
 */
export const PAID_LATE_SLOT_MS = lateSlotMs(PAID_HEADROOM);

function lateSlotMs(headroom: number): number {
  return Math.round((1000 * (1 / headroom - 1)) / 2);
}
/**
 * Slots asked for at once: at most a quarter of a second's worth, as many as callers wait for.
 * Short runs keep what a process holds small: with P processes it holds up to about
 * LOOKAHEAD_MS + P runs ahead, which bounds both how long the others keep sending after a 429
 * here and what a process leaves unused when its work runs out.
 */
export const RESERVE_MAX_SECONDS = 0.25;
/** The next reservation is asked for while the slots held still reach this far ahead (≫ a round trip). */
export const LOOKAHEAD_MS = 200;
/**
 * Wake-ups are at least this far apart: at paid rates (a slot a millisecond) one timer hands out
 * the few slots that came due meanwhile instead of one timer per slot.
 */
const MIN_WAKE_MS = 3;

export function tokenKey(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 32);
}

/** Consecutive slots of one reservation on this process's clock: `left` slots from `at`, `gap` apart. */
interface Run {
  at: number;
  gap: number;
  left: number;
  paid: boolean;
}

export interface SharedPacerStats {
  reservations: number;
  granted: number;
  /** Slots whose instant passed with nobody to use them late enough to be safe, or inside a pause. */
  dropped: number;
}

/**
 * The pacer of a bot token shared by every process on one database. Each process reserves a run
 * of upcoming send instants at a time from the token's row (send_budgets), one round trip each,
 * and hands them to its callers in order, never before their instant. A 429 anywhere moves every
 * process's next slot past `retry_after` and lowers the shared pace, which then climbs back
 * slowly; the others learn of it at their next reservation (a few hundred milliseconds at most).
 * Nothing is leased: a process that dies holding slots loses only those instants.
 */
export function createSharedPacer(opts: SharedPacerDeps): Pacer & { reservations(): number; stats(): SharedPacerStats } {
  if (!(opts.rate > 0) || !Number.isFinite(opts.rate)) throw new RangeError(`send rate must be a positive number, got ${opts.rate}`);
  const timers = opts.timers ?? realTimers;
  const key = tokenKey(opts.token);
  const margin = opts.pauseMarginMs ?? 250;
  const ceiling = opts.rate * HEADROOM;
  const paid = opts.paid && opts.paid.dailyStars > 0
    ? { ceiling: (opts.paid.rate ?? PAID_BROADCAST_RATE) * PAID_HEADROOM, cap: Math.floor(opts.paid.dailyStars / STARS_PER_PAID_MESSAGE) }
    : undefined;
  const chats = createChatSpacing(timers);
  const waiting: ((slot: SendSlot) => void)[] = [];
  const runs: Run[] = [];
  const stats: SharedPacerStats = { reservations: 0, granted: 0, dropped: 0 };
  let held = 0;
  // Paid slots dropped unused since the last reservation: Telegram charges only what is sent.
  let droppedPaid = 0;
  let reservedUntil = -Infinity;
  let pausedUntil = -Infinity;
  let reserving = false;
  let cancelTimer: (() => void) | undefined;
  let lastRate = paid?.ceiling ?? ceiling;
  // Database clock − this process's clock, from the quickest round trip seen: a slow answer's
  // midpoint is a poor guess, and an error here shifts this process's slots against the others'.
  let offset = 0;
  let offsetRtt = Infinity;

  /** Takes one sample of the database clock; keeps it if its round trip is the quickest yet. */
  function sampleClock(t0: number, t1: number, dbNow: number): void {
    if (t1 - t0 <= offsetRtt) {
      offsetRtt = t1 - t0;
      offset = dbNow - (t0 + t1) / 2;
    }
  }

  /**
   * Before the first reservation: the first round trip of a process also opens its connection, so
   * its midpoint can be tens of ms off, enough to squeeze this process's first slots against
   * another's (a 429 in the first second). A few timed reads of the clock settle the offset.
   */
  async function calibrate(): Promise<void> {
    const clock = opts.budgets.clock?.bind(opts.budgets);
    if (!clock) return;
    for (let i = 0; i < CLOCK_SAMPLES; i++) {
      const t0 = timers.now();
      const dbNow = await clock();
      sampleClock(t0, timers.now(), dbNow);
    }
  }

  async function reserve(): Promise<void> {
    reserving = true;
    try {
      if (offsetRtt === Infinity) await calibrate();
      // As many as callers wait for beyond those held: slots nobody takes are lost to everyone.
      let count = Math.max(1, Math.min(Math.ceil(lastRate * RESERVE_MAX_SECONDS), waiting.length - held));
      // A reservation is paid whole or not at all: keep it small next to a small daily cap.
      if (paid) count = Math.min(count, Math.max(1, Math.floor(paid.cap / 10)));
      const unusedPaid = droppedPaid;
      droppedPaid = 0;
      const t0 = timers.now();
      let r: Reservation;
      try {
        r = await opts.budgets.reserve({ tokenKey: key, count, ceiling, paid, recoverPerSecond: RECOVER_PER_SECOND, unusedPaid });
      } catch (error) {
        droppedPaid += unusedPaid;
        throw error;
      }
      const t1 = timers.now();
      // The round-trip estimate ages a little, so a clock that drifts is followed.
      offsetRtt += 1;
      sampleClock(t0, t1, r.nowMs);
      lastRate = r.rate;
      stats.reservations += 1;
      // A 429 seen by another process: the slots held from before it are not safe any more.
      pausedUntil = Math.max(pausedUntil, r.pausedUntilMs - offset);
      const at = r.startMs - offset;
      runs.push({ at, gap: r.intervalMs, left: count, paid: r.paid });
      held += count;
      reservedUntil = Math.max(reservedUntil, at + count * r.intervalMs);
    } catch (error) {
      opts.logger?.warn({ err: error }, "send budget: cannot reserve slots, trying again");
      await new Promise<void>((resolve) => timers.after(1000, resolve));
    } finally {
      reserving = false;
    }
    pump();
  }

  /**
   * Forgets the slots inside a pause and those too late to send at `t`: a paid run tolerates more
   * lateness than a free one (its pace leaves more slack), and once the day's Stars are spent the
   * runs are free again.
   */
  function dropLate(t: number): void {
    const cutoffOf = (run: Run) => Math.max(pausedUntil, t - (run.paid ? PAID_LATE_SLOT_MS : LATE_SLOT_MS));
    for (let run = runs[0]; run && run.at < cutoffOf(run); run = runs[0]) {
      const cutoff = cutoffOf(run);
      const n = Math.min(run.left, Math.ceil((cutoff - run.at) / run.gap));
      run.left -= n;
      run.at += n * run.gap;
      held -= n;
      stats.dropped += n;
      if (run.paid) droppedPaid += n;
      if (run.left === 0) runs.shift();
    }
  }

  function pump(): void {
    cancelTimer?.();
    cancelTimer = undefined;
    if (waiting.length === 0) return;
    const t = timers.now();
    if (t < pausedUntil) {
      cancelTimer = timers.after(pausedUntil - t, pump);
      return;
    }
    dropLate(t);
    // Every slot whose instant has come goes now: they are spaced already, and none is too late.
    for (let run = runs[0]; run && run.at <= t && waiting.length > 0; run = runs[0]) {
      const slot: SendSlot = { paid: run.paid };
      run.left -= 1;
      run.at += run.gap;
      held -= 1;
      if (run.left === 0) runs.shift();
      stats.granted += 1;
      waiting.shift()!(slot);
    }
    if (waiting.length === 0) return;
    // Ask for the next run while the held ones still reach ahead, so the line never stops for a
    // round trip; with none held at all, at once (at a few messages a second one slot outlasts the lookahead).
    if (!reserving && held < waiting.length && (held === 0 || reservedUntil - t < LOOKAHEAD_MS)) void reserve();
    const next = runs[0];
    if (next) cancelTimer = timers.after(Math.max(next.at - t, next.gap < MIN_WAKE_MS ? MIN_WAKE_MS : 0), pump);
  }

  return {
    rate: paid ? (opts.paid?.rate ?? PAID_BROADCAST_RATE) : opts.rate,
    async acquire(chatId) {
      const wait = chatId === undefined ? 0 : chats.book(chatId);
      if (wait > 0) await new Promise<void>((resolve) => timers.after(wait, resolve));
      return new Promise<SendSlot>((resolve) => {
        waiting.push(resolve);
        if (!cancelTimer) pump();
      });
    },
    pause(retryAfterSeconds) {
      const ms = Math.max(0, retryAfterSeconds) * 1000 + margin;
      const t = timers.now();
      // 429s of sends already in flight belong to the same pause: the pace drops once for it.
      const factor = t >= pausedUntil ? BACKOFF_FACTOR : 1;
      pausedUntil = Math.max(pausedUntil, t + ms);
      opts.budgets.pause(key, ms, factor, MIN_PACE).catch((error: unknown) => {
        opts.logger?.warn({ err: error }, "send budget: cannot record a 429 pause");
      });
      pump();
    },
    pausedFor() {
      return Math.max(0, pausedUntil - timers.now());
    },
    reservations: () => stats.reservations,
    stats: () => ({ ...stats }),
  };
}
