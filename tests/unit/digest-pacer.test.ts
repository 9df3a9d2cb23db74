import { describe, expect, it } from "vitest";
import { createPacer, type Timers } from "../../src/digest/pacer.js";

/** Virtual time: timers fire in order when the test advances the clock; nothing really waits. */
function virtualTimers() {
  let now = 0;
  let pending: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  const timers: Timers = {
    now: () => now,
    after(ms, fn) {
      const id = nextId++;
      pending.push({ at: now + ms, fn, id });
      return () => {
        pending = pending.filter((p) => p.id !== id);
      };
    },
  };
  /** Runs timers (and the promise callbacks they release) up to `until`. */
  async function runUntil(until: number): Promise<void> {
    for (;;) {
      await new Promise((r) => setImmediate(r));
      pending.sort((a, b) => a.at - b.at);
      const next = pending[0];
      if (!next || next.at > until) break;
      pending.shift();
      now = Math.max(now, next.at);
      next.fn();
    }
    now = Math.max(now, until);
    await new Promise((r) => setImmediate(r));
  }
  return { timers, runUntil, now: () => now };
}

describe("createPacer", () => {
  it("lets senders through one by one, evenly spaced at the rate, with no burst", async () => {
    const clock = virtualTimers();
    const pacer = createPacer({ rate: 25, timers: clock.timers });
    const times: number[] = [];
    for (let i = 0; i < 50; i += 1) void pacer.acquire().then(() => times.push(clock.now()));
    await clock.runUntil(5000);
    expect(times).toHaveLength(50);
    expect(times[0]).toBe(0);
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeCloseTo(40, 6);
    // Any sliding second holds at most 25 sends.
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(25);
  });

  it("does not save up slots while idle, nor catch up after a late timer", async () => {
    const clock = virtualTimers();
    const pacer = createPacer({ rate: 10, timers: clock.timers });
    await pacer.acquire();
    await clock.runUntil(5000);
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) void pacer.acquire().then(() => times.push(clock.now()));
    await clock.runUntil(10_000);
    expect(times).toEqual([5000, 5100, 5200]);
  });

  it("stops every sender for retry_after plus the margin after a 429", async () => {
    const clock = virtualTimers();
    const pacer = createPacer({ rate: 1000, timers: clock.timers, pauseMarginMs: 200 });
    await pacer.acquire();
    pacer.pause(3);
    expect(pacer.pausedFor()).toBe(3200);
    let granted: number | undefined;
    void pacer.acquire().then(() => (granted = clock.now()));
    await clock.runUntil(3199);
    expect(granted).toBeUndefined();
    await clock.runUntil(4000);
    expect(granted).toBe(3200);
    // A shorter pause reported later does not cut a longer one short.
    pacer.pause(5);
    pacer.pause(1);
    expect(pacer.pausedFor()).toBe(5200);
  });

  it("holds back a sender already waiting for its slot when a 429 arrives", async () => {
    const clock = virtualTimers();
    const pacer = createPacer({ rate: 10, timers: clock.timers, pauseMarginMs: 0 });
    await pacer.acquire(); // t=0; the next slot would be t=100
    let granted: number | undefined;
    void pacer.acquire().then(() => (granted = clock.now()));
    await clock.runUntil(50);
    pacer.pause(2); // 429 at t=50: nobody sends before t=2050
    await clock.runUntil(5000);
    expect(granted).toBe(2050);
  });

  it("lets everything through at once when the rate is unlimited", async () => {
    const clock = virtualTimers();
    const pacer = createPacer({ rate: Infinity, timers: clock.timers });
    let granted = 0;
    for (let i = 0; i < 100; i += 1) void pacer.acquire().then(() => (granted += 1));
    await clock.runUntil(0);
    expect(granted).toBe(100);
  });

  it("rejects a rate that is not positive", () => {
    expect(() => createPacer({ rate: 0 })).toThrow(RangeError);
  });
});
