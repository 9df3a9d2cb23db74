import { describe, expect, it } from "vitest";
import { mapInTurns, pool, sleep } from "../../src/shared/async.js";
import { escapeHtml, truncate } from "../../src/shared/telegram-html.js";
import { isValidTimeZone, zonedParts, zoneOffsetMs } from "../../src/shared/time-zone.js";

describe("escapeHtml", () => {
  it("escapes what Telegram HTML treats specially, quotes included for attributes", () => {
    expect(escapeHtml(`«KMG & Partners» <обновлено> "q"`)).toBe("«KMG &amp; Partners» &lt;обновлено&gt; &quot;q&quot;");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
    expect(escapeHtml("plain")).toBe("plain");
  });
});

describe("truncate", () => {
  it("cuts at a word boundary when that keeps most of the room", () => {
    expect(truncate("один два три четыре", 12)).toBe("один два…");
    expect(truncate("short", 10)).toBe("short");
    // A space too early would waste the room: the cut goes mid-word instead.
    expect(truncate("a bcdefghijkl", 8)).toBe("a bcdef…");
  });

  it("is word-aware and surrogate-safe at once", () => {
    expect(truncate("новость 😀😀😀😀😀", 12)).toBe("новость 😀…");
    const cut = truncate("xxxxxxxxx😀😀", 11);
    expect(cut).toBe("xxxxxxxxx…");
    expect(cut.length).toBeLessThanOrEqual(11);
  });

  it("leaves short text alone and shortens long text with an ellipsis", () => {
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("abcdef", 4)).toBe("abc…");
  });

  it("never splits a surrogate pair", () => {
    const cut = truncate("ab😀😀😀", 4);
    expect(cut).toBe("ab…");
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});

describe("time zones", () => {
  it("knows IANA zones and refuses made-up ones", () => {
    expect(isValidTimeZone("Europe/Moscow")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Base")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("reads the wall clock and offset of a zone, across a DST change", () => {
    expect(zonedParts(new Date("2025-03-30T00:59:59Z"), "Europe/Berlin")).toEqual({ year: 2025, month: 3, day: 30, hour: 1, minute: 59, second: 59 });
    expect(zonedParts(new Date("2025-03-30T01:00:00Z"), "Europe/Berlin")).toMatchObject({ hour: 3, minute: 0 });
    expect(zoneOffsetMs(Date.parse("2025-01-15T12:00:00.500Z"), "Asia/Almaty")).toBe(5 * 3_600_000);
    expect(zoneOffsetMs(Date.parse("2025-07-01T12:00:00Z"), "Europe/Berlin")).toBe(2 * 3_600_000);
  });
});

describe("pool", () => {
  it("runs every item with at most the given number in flight", async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await pool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(n % 3);
      done.push(n);
      running -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it("takes at least one lane and passes errors on", async () => {
    const seen: number[] = [];
    await pool([1, 2], 0, async (n) => void seen.push(n));
    expect(seen).toEqual([1, 2]);
    await expect(pool([1], 2, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });
});

describe("mapInTurns", () => {
  it("maps in order, and lets the event loop turn between pieces", async () => {
    const turns: number[] = [];
    let mapped = 0;
    // A timer notes how far the work is whenever the loop turns: without turns it would see only 0 and 50.
    const ticker = setInterval(() => turns.push(mapped), 0);
    const out = await mapInTurns(
      Array.from({ length: 50 }, (_, i) => i),
      (n) => {
        mapped += 1;
        const until = performance.now() + 1;
        while (performance.now() < until);
        return n * 2;
      },
      10,
    );
    clearInterval(ticker);
    expect(out).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
    // Timers ran while the work was under way, not only before or after it.
    expect(turns.some((m) => m > 0 && m < 50)).toBe(true);
  });

  it("gives an empty list for no items, and passes a failure on", async () => {
    expect(await mapInTurns([], (n: number) => n)).toEqual([]);
    await expect(
      mapInTurns([1, 2, 3], (n) => {
        if (n === 2) throw new Error("bad item");
        return n;
      }),
    ).rejects.toThrow("bad item");
  });

  it("runs what was queued for the loop before its first piece", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("immediate"));
    await mapInTurns([1], () => order.push("work"));
    expect(order).toEqual(["immediate", "work"]);
  });
});
