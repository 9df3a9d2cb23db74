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
}

export interface SharedPacerOptions {
  budgets: SendBudgetStore;
  /** The bot token: the budget is per token (only a digest of it is stored). */
  token: string;
  /** SEND_RATE: the ceiling an operator sets; the pace stays a little under it (see HEADROOM). */
  rate: number;
  /** PAID_BROADCAST with its daily cap in Stars. */
  paid?: { dailyStars: number; rate?: number };
  pauseMarginMs?: number;
  logger?: Logger;
  timers?: Timers;
}

/**
 * Share of the ceiling actually used: Telegram (and the strict fake) count a sliding second, and
 * the network delays one message more than the next now and then; 2 % keeps such pairs apart.
 */
export const HEADROOM = 0.98;
/** How far the pace drops on a 429, how low it can go, and how fast it comes back (share per second). */
export const BACKOFF_FACTOR = 0.75;
export const MIN_PACE = 0.3;
export const RECOVER_PER_SECOND = 0.005;
/** A slot this late is dropped rather than sent next to someone else's (the loop was blocked). */
const STALE_SLOT_MS = 250;
/**
 * Slots taken per reservation at most: half a second's worth keeps processes interleaved and covers
 * a slow database round trip (the next reservation is asked for when a quarter of these are used).
 */
const RESERVE_SECONDS = 0.5;

export function tokenKey(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 32);
}

interface LocalSlot {
  at: number;
  /** The spacing of the reservation it came from. */
  gap: number;
  paid: boolean;
}

/**
 * The pacer of a bot token shared by every process on one database. Each process reserves a few
 * upcoming send instants at a time from the token's row (send_budgets) and hands them to its
 * callers in order; a 429 anywhere moves every process's next slot past `retry_after` and lowers
 * the shared pace, which then climbs back slowly. Nothing is leased: a process that dies holding
 * slots loses only those instants, and nobody waits for it.
 */
export function createSharedPacer(opts: SharedPacerOptions): Pacer & { reservations(): number } {
  if (!(opts.rate > 0) || !Number.isFinite(opts.rate)) throw new RangeError(`send rate must be a positive number, got ${opts.rate}`);
  const timers = opts.timers ?? realTimers;
  const key = tokenKey(opts.token);
  const margin = opts.pauseMarginMs ?? 250;
  const ceiling = opts.rate * HEADROOM;
  const paid = opts.paid && opts.paid.dailyStars > 0
    ? { ceiling: (opts.paid.rate ?? PAID_BROADCAST_RATE) * HEADROOM, cap: Math.floor(opts.paid.dailyStars / STARS_PER_PAID_MESSAGE) }
    : undefined;
  const chats = createChatSpacing(timers);
  const waiting: ((slot: SendSlot) => void)[] = [];
  let slots: LocalSlot[] = [];
  let pausedUntil = -Infinity;
  let reserving = false;
  let cancelTimer: (() => void) | undefined;
  let reservations = 0;
  let lastRate = paid?.ceiling ?? ceiling;
  let lastGrant = -Infinity;

  async function reserve(): Promise<void> {
    reserving = true;
    try {
      const batch = Math.ceil(lastRate * RESERVE_SECONDS);
      // At least half a batch while anyone waits: more callers usually follow the ones waiting now.
      // A reservation is paid whole or not at all: keep it small next to a small daily cap.
      const most = paid ? Math.min(batch, Math.max(1, Math.floor(paid.cap / 10))) : batch;
      const count = Math.max(1, Math.min(most, Math.max(waiting.length - slots.length, Math.ceil(batch / 2))));
      const t0 = timers.now();
      const r = await opts.budgets.reserve({ tokenKey: key, count, ceiling, paid, recoverPerSecond: RECOVER_PER_SECOND });
      // Database epoch ms → this process's clock, taking the answer as made mid-way.
      const offset = r.nowMs - (t0 + timers.now()) / 2;
      lastRate = r.rate;
      reservations += 1;
      for (let i = 0; i < count; i += 1) slots.push({ at: r.startMs + i * r.intervalMs - offset, gap: r.intervalMs, paid: r.paid });
    } catch (error) {
      opts.logger?.warn({ err: error }, "send budget: cannot reserve slots, trying again");
      await new Promise<void>((resolve) => timers.after(1000, resolve));
    } finally {
      reserving = false;
    }
    pump();
  }

  function pump(): void {
    cancelTimer?.();
    cancelTimer = undefined;
    while (waiting.length > 0) {
      const t = timers.now();
      if (t < pausedUntil) {
        cancelTimer = timers.after(pausedUntil - t, pump);
        return;
      }
      const slot = slots[0];
      if (!slot) {
        if (!reserving) void reserve();
        return;
      }
      // Late timers must not turn into a burst: this process's own sends stay a slot's gap apart.
      const at = Math.max(slot.at, lastGrant + slot.gap);
      if (slot.at < pausedUntil || at - slot.at > STALE_SLOT_MS || t - slot.at > STALE_SLOT_MS) {
        slots.shift();
        continue;
      }
      if (t < at) {
        // Ask for the next slots while these run out, so the line never stops for a round trip.
        if (slots.length <= Math.ceil(lastRate * RESERVE_SECONDS * 0.75) && waiting.length > 0 && !reserving) void reserve();
        cancelTimer = timers.after(at - t, pump);
        return;
      }
      lastGrant = t;
      slots.shift();
      waiting.shift()!({ paid: slot.paid });
    }
  }

  return {
    rate: opts.paid && opts.paid.dailyStars > 0 ? (opts.paid.rate ?? PAID_BROADCAST_RATE) : opts.rate,
    async acquire(chatId) {
      const wait = chatId === undefined ? 0 : chats.book(chatId);
      if (wait > 0) await new Promise<void>((resolve) => timers.after(wait, resolve));
      return new Promise<SendSlot>((resolve) => {
        waiting.push(resolve);
        if (!cancelTimer && !reserving) pump();
      });
    },
    pause(retryAfterSeconds) {
      const ms = Math.max(0, retryAfterSeconds) * 1000 + margin;
      const t = timers.now();
      // 429s of sends already in flight belong to the same pause: the pace drops once for it.
      const factor = t >= pausedUntil ? BACKOFF_FACTOR : 1;
      if (t + ms > pausedUntil) {
        pausedUntil = t + ms;
        slots = [];
      }
      opts.budgets.pause(key, ms, factor, MIN_PACE).catch((error: unknown) => {
        opts.logger?.warn({ err: error }, "send budget: cannot record a 429 pause");
      });
      if (!reserving) pump();
    },
    pausedFor() {
      return Math.max(0, pausedUntil - timers.now());
    },
    reservations: () => reservations,
  };
}
