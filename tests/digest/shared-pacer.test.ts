import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createDigestEngine, type DigestEngine } from "../../src/digest/engine.js";
import { deliverAll, findDue } from "../../src/digest/pass.js";
import { chatGapMs, createChatSpacing, type Timers } from "../../src/digest/pacer.js";
import {
  BACKOFF_FACTOR,
  createSharedPacer,
  HEADROOM,
  LATE_SLOT_MS,
  LOOKAHEAD_MS,
  RECOVER_PER_SECOND,
  RESERVE_MAX_SECONDS,
  tokenKey,
  type SendBudgetStore,
} from "../../src/digest/shared-pacer.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { range, seedArticles, seedSubscribers, TEST_TOPICS } from "./seed.js";

let database: TestDatabase;
let repos: Repositories;
let fake: FakeBotApi;
let nextChat = 900_000;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  fake = await startFakeBotApi({ rateLimit: { perSecond: 30 } });
  await seedArticles(database.db, new Date(), [{ title: "Shared budget news", age: 10, topics: ["energy"] }]);
});

afterAll(async () => {
  await fake.close();
  await database.close();
});

/** One "process": its own repositories object, pacer and engine, on the shared database. */
function processEngine(opts: { rate?: number; paidStars?: number; token?: string } = {}): DigestEngine {
  const own = createRepositories(database.db);
  return createDigestEngine({
    repos: own,
    topics: TEST_TOPICS,
    size: 10,
    sendEmpty: false,
    leaseMs: 30_000,
    pacer: createSharedPacer({
      budgets: own.sendBudgets,
      token: opts.token ?? fake.token,
      rate: opts.rate ?? 30,
      paid: opts.paidStars ? { dailyStars: opts.paidStars } : undefined,
      pauseMarginMs: 50,
    }),
    api: { token: fake.token, apiRoot: fake.url },
    sender: { backoffMs: 20 },
  });
}

async function readers(n: number) {
  const chats = range(n, nextChat);
  nextChat += n;
  await seedSubscribers(database.db, chats.map((chatId) => ({ chatId, topics: ["energy"] })));
  return chats;
}

async function pass(e: DigestEngine, chats: number[]) {
  const now = new Date();
  const wanted = new Set(chats);
  const due = (await findDue(repos, now, { ignoreTime: true })).filter((d) => wanted.has(d.subscriber.chatId));
  return deliverAll(due, now, { deliverer: e.deliverer, builder: e.builder, repos, concurrency: e.concurrency });
}

const sentTo = (chats: number[]) => {
  const wanted = new Set(chats.map(String));
  return fake.calls.filter((c) => c.method === "sendMessage" && wanted.has(String(c.payload.chat_id)));
};

describe("the shared send budget", () => {
  it("keeps two processes together under one 30 msg/s limit: no 429 storm, nobody doubled or missed", async () => {
    const chats = await readers(150);
    const before429 = fake.rateLimited.length;
    const a = processEngine();
    const b = processEngine();
    const started = Date.now();
    const [ra, rb] = await Promise.all([pass(a, chats), pass(b, chats)]);
    const seconds = (Date.now() - started) / 1000;
    expect(ra.sent + rb.sent).toBe(150);
    const ok = sentTo(chats).filter((c) => c.status === 200);
    expect(new Set(ok.map((c) => String(c.payload.chat_id))).size).toBe(150);
    expect(ok).toHaveLength(150);
    // Both processes sent (the budget is shared, not taken by one). The fake shares this test's
    // event loop, so a stall here can bunch arrivals: a few 429s on a busy machine, never a storm.
    expect(Math.min(ra.sent + ra.elsewhere, rb.sent + rb.elsewhere)).toBeGreaterThan(0);
    expect(fake.rateLimited.length - before429).toBeLessThanOrEqual(150 * 0.05);
    const times = ok.map((c) => c.at).sort((x, y) => x - y);
    const rate = (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000);
    expect(rate).toBeLessThanOrEqual(30);
    // ≥ 95 % is the benchmark's figure (separate processes, Postgres); here the fake, PGlite and both
    // senders share one event loop on a shared machine, so only a floor is checked.
    expect(rate).toBeGreaterThan(30 * 0.2);
    expect(seconds).toBeLessThan(60);
  }, 90_000);

  it("lets the others go on at once when the process holding slots dies", async () => {
    const token = "crash:token";
    const dead = createSharedPacer({ budgets: createRepositories(database.db).sendBudgets, token, rate: 20 });
    // The dead process took a quarter second's worth of slots and then vanished.
    for (let i = 0; i < 5; i += 1) void dead.acquire();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const alive = createSharedPacer({ budgets: createRepositories(database.db).sendBudgets, token, rate: 20 });
    const t0 = Date.now();
    for (let i = 0; i < 10; i += 1) await alive.acquire();
    // 10 slots at 19.6/s after at most the dead one's few reserved instants: no lease to wait out
    // (a lease would be tens of seconds); the margin leaves room for a busy machine.
    expect(Date.now() - t0).toBeLessThan(10 * (1000 / (20 * HEADROOM)) + 3000);
  });

  it("pauses every process after a 429 anywhere, lowers the pace and brings it back slowly", async () => {
    const token = "adaptive:token";
    const one = createSharedPacer({ budgets: repos.sendBudgets, token, rate: 10, pauseMarginMs: 0 });
    const two = createSharedPacer({ budgets: createRepositories(database.db).sendBudgets, token, rate: 10, pauseMarginMs: 0 });
    await one.acquire();
    one.pause(1);
    two.pause(1); // the same burst's second 429: the pace drops once
    await new Promise((resolve) => setTimeout(resolve, 50));
    const state = await repos.sendBudgets.read(tokenKey(token));
    expect(state!.pace).toBeCloseTo(BACKOFF_FACTOR, 5);
    expect(state!.pausedForMs).toBeGreaterThan(700);
    // A third process that never saw the 429 waits for the pause too.
    const three = createSharedPacer({ budgets: createRepositories(database.db).sendBudgets, token, rate: 10 });
    const t0 = Date.now();
    await three.acquire();
    expect(Date.now() - t0).toBeGreaterThan(600);

    // Twenty seconds later (moved back in the row) the pace has climbed by 0.5 % a second, not at once.
    await database.db.execute(sql`update send_budgets set updated_at = now() - interval '20 seconds' where token_key = ${tokenKey(token)}`);
    const r = await repos.sendBudgets.reserve({ tokenKey: tokenKey(token), count: 1, ceiling: 10, recoverPerSecond: 0.005 });
    expect(r.rate).toBeGreaterThan(10 * (BACKOFF_FACTOR + 0.09));
    expect(r.rate).toBeLessThan(10 * (BACKOFF_FACTOR + 0.11));
    await database.db.execute(sql`update send_budgets set updated_at = now() - interval '1 hour' where token_key = ${tokenKey(token)}`);
    expect((await repos.sendBudgets.reserve({ tokenKey: tokenKey(token), count: 1, ceiling: 10, recoverPerSecond: 0.005 })).rate).toBe(10);
  });

  it("gives processes slots that never overlap", async () => {
    const key = tokenKey("overlap:token");
    const all = await Promise.all(
      range(40).map(() => createRepositories(database.db).sendBudgets.reserve({ tokenKey: key, count: 3, ceiling: 50, recoverPerSecond: 0 })),
    );
    const instants = all.flatMap((r) => [0, 1, 2].map((i) => r.startMs + i * r.intervalMs)).sort((x, y) => x - y);
    for (let i = 1; i < instants.length; i += 1) expect(instants[i]! - instants[i - 1]!).toBeGreaterThanOrEqual(1000 / 50 - 0.01);
  });

  it("gives paid slots a process did not use back to the day's cap with its next reservation", async () => {
    const key = tokenKey("refund:token");
    const budgets = createRepositories(database.db).sendBudgets;
    const paid = { ceiling: 1000, cap: 10 };
    expect((await budgets.reserve({ tokenKey: key, count: 8, ceiling: 30, paid, recoverPerSecond: 0 })).paid).toBe(true);
    // 8 of 10 taken: 4 more do not fit, so they come at the free pace and are not counted.
    expect((await budgets.reserve({ tokenKey: key, count: 4, ceiling: 30, paid, recoverPerSecond: 0 })).paid).toBe(false);
    expect((await budgets.read(key))!.paidCount).toBe(8);
    // 3 of the 8 went unused (their instants passed): with them back, 4 fit again.
    expect((await budgets.reserve({ tokenKey: key, count: 4, ceiling: 30, paid, recoverPerSecond: 0, unusedPaid: 3 })).paid).toBe(true);
    expect((await budgets.read(key))!.paidCount).toBe(9);
  });

  it("sends paid broadcasts with allow_paid_broadcast until the day's Stars are spent, then at the free pace", async () => {
    const chats = await readers(30);
    // 2 Stars = 20 paid messages at 0.1 Star; the other 10 go free.
    const e = processEngine({ paidStars: 2, token: "paid:token" });
    expect(e.pacer.rate).toBe(1000);
    const summary = await pass(e, chats);
    expect(summary.sent).toBe(30);
    const calls = sentTo(chats).filter((c) => c.status === 200);
    const paid = calls.filter((c) => c.payload.allow_paid_broadcast === true);
    expect(paid.length).toBeGreaterThan(0);
    expect(paid.length).toBeLessThanOrEqual(20);
    expect(calls.filter((c) => c.payload.allow_paid_broadcast === undefined).length).toBeGreaterThanOrEqual(10);
    // Reserved paid slots count against the cap even when a late one goes unused: never over-spent.
    const counted = (await repos.sendBudgets.read(tokenKey("paid:token")))!.paidCount;
    expect(counted).toBeGreaterThanOrEqual(paid.length);
    expect(counted).toBeLessThanOrEqual(20);
  });
});

describe("per-chat spacing", () => {
  it("keeps a private chat to one message a second and a group to twenty a minute", () => {
    let now = 0;
    const timers: Timers = { now: () => now, after: () => () => {} };
    const spacing = createChatSpacing(timers);
    expect(spacing.book(5)).toBe(0);
    expect(spacing.book(5)).toBe(1000);
    expect(spacing.book(6)).toBe(0);
    expect(spacing.book(-100)).toBe(0);
    expect(spacing.book(-100)).toBe(3000);
    now = 2500;
    expect(spacing.book(5)).toBe(0);
    expect(chatGapMs(-1)).toBe(3000);
  });
});

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
    expect(between(grants, 1000, 5000) / 4).toBeGreaterThanOrEqual(1000 * 0.95);
    // A timer per slot would be ≈ one per grant.
    expect(clock.fired()).toBeLessThan(grants.length / 2);
  });

  it("lets a blocked loop cost the slots it missed, never a burst after it", async () => {
    let stall = false;
    const clock = simulatedClock(() => (stall ? ((stall = false), 300) : 0));
    const { store } = memoryBudget(clock.timers);
    const pacer = createSharedPacer({ budgets: store, token: "t", rate: 30, timers: clock.timers });
    const grants: number[] = [];
    drive(pacer, 30, grants, clock.timers.now);
    await clock.runUntil(3000);
    stall = true; // the next timer fires 300 ms late
    await clock.runUntil(6000);
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
