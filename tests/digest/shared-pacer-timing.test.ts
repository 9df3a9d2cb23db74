import { describe, expect, it } from "vitest";
import type { Timers } from "../../src/digest/pacer.js";
import {
  BACKOFF_FACTOR,
  createSharedPacer,
  HEADROOM,
  LATE_SLOT_MS,
  LOOKAHEAD_MS,
  PAID_HEADROOM,
  PAID_LATE_SLOT_MS,
  RECOVER_PER_SECOND,
  RESERVE_MAX_SECONDS,
  type SendBudgetStore,
} from "../../src/digest/shared-pacer.js";

// The shared pacer's timing on a simulated clock; the budget row's SQL is tested against the real
// database in shared-pacer.test.ts.

/**
 * A clock that moves only when told, for the pacer's timing: each timer fires `lateBy()` after its
 * time (a busy event loop), and promises settle between timers.
 */
function simulatedClock(lateBy: () => number = () => 0) {
  let now = 0;
  let seq = 0;
  let fired = 0;
  const queue: { at: number; seq: number; fn: () => void; live: boolean }[] = [];
  const timers: Timers = {
    now: () => now,
    after(ms, fn) {
      const entry = { at: now + Math.max(0, ms) + lateBy(), seq: seq++, fn, live: true };
      queue.push(entry);
      return () => {
        entry.live = false;
      };
    },
  };
  const settle = async () => {
    for (let i = 0; i < 4; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    timers,
    fired: () => fired,
    async runUntil(t: number) {
      for (;;) {
        await settle();
        let next: (typeof queue)[number] | undefined;
        for (const e of queue) if (e.live && (!next || e.at < next.at || (e.at === next.at && e.seq < next.seq))) next = e;
        if (!next || next.at > t) break;
        next.live = false;
        queue.splice(queue.indexOf(next), 1);
        now = Math.max(now, next.at);
        fired += 1;
        next.fn();
      }
      now = t;
      await settle();
    },
  };
}

/** Pseudo-random lateness in [0, max) ms, the same every run. */
function jitter(max: number, seed = 7) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return (x / 2147483648) * max;
  };
}

/**
 * The send_budgets row in memory, by the same rules as the SQL (tested above against the real
 * database), on a database clock a long way from the process's; each answer takes `rttMs`.
 */
function memoryBudget(timers: Timers, rttMs = 0) {
  const epoch = 1_750_000_000_000;
  const row = { nextAt: 0, pausedUntil: 0, pace: 1, updatedAt: epoch };
  const travel = () => new Promise<void>((resolve) => (rttMs > 0 ? timers.after(rttMs / 2, resolve) : resolve()));
  const store: SendBudgetStore = {
    async reserve(req) {
      await travel();
      const now = epoch + timers.now();
      const pace = Math.min(1, row.pace + req.recoverPerSecond * Math.max(0, (now - row.updatedAt) / 1000));
      const start = Math.max(row.nextAt, now, row.pausedUntil);
      const rate = (req.paid ? req.paid.ceiling : req.ceiling) * pace;
      Object.assign(row, { pace, nextAt: start + (req.count * 1000) / rate, updatedAt: Math.max(row.updatedAt, now) });
      await travel();
      return { startMs: start, intervalMs: 1000 / rate, nowMs: now, rate, paid: req.paid !== undefined, pausedUntilMs: row.pausedUntil };
    },
    async pause(_key, ms, factor, minPace) {
      const now = epoch + timers.now();
      if (row.pausedUntil <= now) row.pace = Math.max(minPace, row.pace * factor);
      row.pausedUntil = Math.max(row.pausedUntil, now + ms);
      row.nextAt = Math.max(row.nextAt, now + ms);
      row.updatedAt = Math.max(row.updatedAt, now + ms);
    },
  };
  return { store, row };
}

/** `callers` senders that each take a slot again as soon as they got one, recording when. */
function drive(pacer: { acquire(): Promise<unknown> }, callers: number, grants: number[], now: () => number) {
  for (let i = 0; i < callers; i += 1) {
    void (async () => {
      for (;;) {
        await pacer.acquire();
        grants.push(now());
      }
    })();
  }
}

/** The most sends in any sliding second (what Telegram and the fake count). */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((x, y) => x - y);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= 1000) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** How far ahead a process holds slots at most with two on one budget: the lookahead and two runs. */
const HELD_AHEAD_MS = LOOKAHEAD_MS + 2 * RESERVE_MAX_SECONDS * 1000;
const between = (times: number[], from: number, to: number) => times.filter((t) => t >= from && t < to).length;

/** A free 30 msg/s pacer run for 6 s whose one timer after 3 s fires `ms` late (a blocked loop). */
async function stalledOnce(ms: number) {
  let stall = false;
  const clock = simulatedClock(() => (stall ? ((stall = false), ms) : 0));
  const { store } = memoryBudget(clock.timers);
  const pacer = createSharedPacer({ budgets: store, token: "t", rate: 30, timers: clock.timers });
  const grants: number[] = [];
  drive(pacer, 30, grants, clock.timers.now);
  await clock.runUntil(3000);
  const droppedBeforeStall = pacer.stats().dropped;
  stall = true;
  await clock.runUntil(6000);
  return { pacer, grants, droppedBeforeStall };
}

describe("the shared pacer's timing (simulated clock)", () => {
  it("uses ≥ 95 % of a 30 msg/s limit from one process, never 31 in a second, with timers up to 15 ms late", async () => {
    const clock = simulatedClock(jitter(15));
    const { store } = memoryBudget(clock.timers, 4);
    const pacer = createSharedPacer({ budgets: store, token: "t", rate: 30, timers: clock.timers });
    const grants: number[] = [];
    drive(pacer, 30, grants, clock.timers.now);
    await clock.runUntil(21_000);
    expect(busiestSecond(grants)).toBeLessThanOrEqual(30);
    expect(between(grants, 1000, 21_000) / 20).toBeGreaterThanOrEqual(30 * 0.95);
    expect(pacer.stats().dropped).toBe(0);
  });

  it("keeps two processes on one budget under the limit together, at ≥ 95 % of it, each with a fair share", async () => {
    const clock = simulatedClock(jitter(15, 11));
    const { store } = memoryBudget(clock.timers, 10);
    const a = createSharedPacer({ budgets: store, token: "t", rate: 30, timers: clock.timers });
    const b = createSharedPacer({ budgets: store, token: "t", rate: 30, timers: clock.timers });
    const ga: number[] = [];
    const gb: number[] = [];
    drive(a, 30, ga, clock.timers.now);
    drive(b, 30, gb, clock.timers.now);
    await clock.runUntil(21_000);
    const all = [...ga, ...gb];
    expect(busiestSecond(all)).toBeLessThanOrEqual(30);
    expect(between(all, 1000, 21_000) / 20).toBeGreaterThanOrEqual(30 * 0.95);
    expect(Math.min(ga.length, gb.length)).toBeGreaterThan(all.length * 0.4);
  });

  it("keeps going at a few messages a second, where one slot lasts longer than the lookahead", async () => {
    const clock = simulatedClock(jitter(5, 3));
    const { store } = memoryBudget(clock.timers, 10);
    const pacer = createSharedPacer({ budgets: store, token: "t", rate: 4, timers: clock.timers });
    const grants: number[] = [];
    drive(pacer, 4, grants, clock.timers.now);
    await clock.runUntil(11_000);
    expect(between(grants, 1000, 11_000) / 10).toBeGreaterThanOrEqual(4 * 0.95);
    expect(busiestSecond(grants)).toBeLessThanOrEqual(4);
  });

  it("hands out every slot that came due at a wake-up at paid rates, instead of one timer per slot", async () => {
    const clock = simulatedClock(jitter(2));
    const { store } = memoryBudget(clock.timers, 10);
    const pacer = createSharedPacer({ budgets: store, token: "t", rate: 30, paid: { dailyStars: 1_000_000 }, timers: clock.timers });
    const grants: number[] = [];
    drive(pacer, 256, grants, clock.timers.now);
    await clock.runUntil(5000);
    expect(busiestSecond(grants)).toBeLessThanOrEqual(1000);
    // The whole paid ceiling is used (1,000 a second less its headroom), and that is ≥ 900 a second.
    expect(between(grants, 1000, 5000) / 4).toBeGreaterThanOrEqual(1000 * PAID_HEADROOM * 0.99);
    expect(between(grants, 1000, 5000) / 4).toBeGreaterThanOrEqual(900);
    // A timer per slot would be ≈ one per grant.
    expect(clock.fired()).toBeLessThan(grants.length / 2);
  });

  it("keeps paid slots that come up to 40 ms late (the paid pace's slack), and still never 1,000 in a second", async () => {
    const clock = simulatedClock(jitter(40, 5));
    const { store } = memoryBudget(clock.timers, 2);
    const pacer = createSharedPacer({ budgets: store, token: "t", rate: 30, paid: { dailyStars: 1_000_000 }, timers: clock.timers });
    const grants: number[] = [];
    drive(pacer, 256, grants, clock.timers.now);
    await clock.runUntil(6000);
    expect(PAID_LATE_SLOT_MS).toBeGreaterThan(LATE_SLOT_MS);
    expect(pacer.stats().dropped).toBe(0);
    expect(busiestSecond(grants)).toBeLessThan(1000);
    expect(between(grants, 1000, 6000) / 5).toBeGreaterThanOrEqual(900);
  });

  it("drops free slots as late as that: the free pace's slack is smaller", async () => {
    const { pacer, grants, droppedBeforeStall } = await stalledOnce(40);
    expect(pacer.stats().dropped).toBeGreaterThan(droppedBeforeStall);
    expect(busiestSecond(grants)).toBeLessThanOrEqual(30);
  });

  it("lets a blocked loop cost the slots it missed, never a burst after it", async () => {
    const { pacer, grants } = await stalledOnce(300);
    expect(busiestSecond(grants)).toBeLessThanOrEqual(30);
    // ~300 ms of slots (about 9) went unused; the ones after the stall keep their spacing.
    expect(pacer.stats().dropped).toBeGreaterThanOrEqual(7);
    const sorted = [...grants].sort((x, y) => x - y);
    for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThan(1000 / (30 * HEADROOM) - LATE_SLOT_MS - 0.01);
  });

  it("stops a process at its next reservation when another one got a 429, then goes on at the lowered pace", async () => {
    const clock = simulatedClock();
    const { store, row } = memoryBudget(clock.timers, 10);
    const a = createSharedPacer({ budgets: store, token: "t", rate: 30, pauseMarginMs: 0, timers: clock.timers });
    const b = createSharedPacer({ budgets: store, token: "t", rate: 30, pauseMarginMs: 0, timers: clock.timers });
    const ga: number[] = [];
    const gb: number[] = [];
    drive(a, 30, ga, clock.timers.now);
    drive(b, 30, gb, clock.timers.now);
    await clock.runUntil(3000);
    b.pause(1); // retry_after 1: nobody sends before 4000
    await clock.runUntil(3100);
    expect(row.pace).toBeCloseTo(BACKOFF_FACTOR, 5);
    await clock.runUntil(8000);
    expect(between(gb, 3000, 4000)).toBe(0);
    // The other process used up at most what it held: the slots of its current and next run.
    expect(between(ga, 3000 + HELD_AHEAD_MS, 4000)).toBe(0);
    const after = between([...ga, ...gb], 4000, 8000) / 4;
    expect(after).toBeGreaterThan(30 * HEADROOM * BACKOFF_FACTOR * 0.95);
    expect(after).toBeLessThan(30 * HEADROOM * (BACKOFF_FACTOR + 4 * RECOVER_PER_SECOND) * 1.02);
  });
});
