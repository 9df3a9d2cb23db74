import { describe, expect, it } from "vitest";
import { applyCap, inQuietHours, quietUntil } from "../../src/alerts/timing.js";

const NIGHT = { start: 23 * 60, end: 8 * 60 };
const at = (iso: string) => new Date(iso);

describe("quiet hours", () => {
  it("span midnight in the reader's zone", () => {
    expect(inQuietHours(23 * 60, NIGHT)).toBe(true);
    expect(inQuietHours(3 * 60, NIGHT)).toBe(true);
    expect(inQuietHours(8 * 60, NIGHT)).toBe(false);
    expect(inQuietHours(12 * 60, NIGHT)).toBe(false);
    expect(inQuietHours(13 * 60, { start: 13 * 60, end: 14 * 60 })).toBe(true);
    expect(inQuietHours(14 * 60, { start: 13 * 60, end: 14 * 60 })).toBe(false);
  });

  it("hold until they end, the same night whichever side of midnight", () => {
    // 23:30 in Moscow (UTC+3) is 20:30 UTC; quiet ends at 08:00 Moscow = 05:00 UTC next day.
    expect(quietUntil(at("2026-03-10T20:30:00Z"), "Europe/Moscow", NIGHT)).toEqual(at("2026-03-11T05:00:00Z"));
    // 02:00 Moscow: the same morning.
    expect(quietUntil(at("2026-03-10T23:00:00Z"), "Europe/Moscow", NIGHT)).toEqual(at("2026-03-11T05:00:00Z"));
    // Midday in Moscow: not quiet.
    expect(quietUntil(at("2026-03-10T09:00:00Z"), "Europe/Moscow", NIGHT)).toBeUndefined();
    // The same instant is 01:30 in Almaty (UTC+5): quiet until 08:00 there, 03:00 UTC.
    expect(quietUntil(at("2026-03-10T20:30:00Z"), "Asia/Almaty", NIGHT)).toEqual(at("2026-03-11T03:00:00Z"));
    // And 12:30 in Los Angeles (UTC-7 in March after the change): not quiet.
    expect(quietUntil(at("2026-03-10T20:30:00Z"), "America/Los_Angeles", NIGHT)).toBeUndefined();
    expect(quietUntil(at("2026-03-10T20:30:00Z"), "Europe/Moscow", null)).toBeUndefined();
  });

  it("end at the local time across a DST change", () => {
    // Berlin springs forward on 29 March 2026 (02:00 CET → 03:00 CEST). A night starting at 23:00 CET
    // (22:00 UTC) ends at 08:00 CEST = 06:00 UTC, not 07:00.
    expect(quietUntil(at("2026-03-28T22:30:00Z"), "Europe/Berlin", NIGHT)).toEqual(at("2026-03-29T06:00:00Z"));
    // It falls back on 25 October 2026: 08:00 CET = 07:00 UTC.
    expect(quietUntil(at("2026-10-24T21:30:00Z"), "Europe/Berlin", NIGHT)).toEqual(at("2026-10-25T07:00:00Z"));
    // Quiet hours ending in the skipped hour (02:30 on the spring-forward night) end at 03:00 CEST.
    expect(quietUntil(at("2026-03-29T00:30:00Z"), "Europe/Berlin", { start: 0, end: 150 })).toEqual(at("2026-03-29T01:00:00Z"));
  });
});

describe("the hourly cap", () => {
  const now = at("2026-03-10T12:00:00Z");
  it("lets alerts through while there is room", () => {
    expect(applyCap(now, 3, 10, 0, null, null)).toEqual({ sendNow: 3, holdUntil: null });
    expect(applyCap(now, 3, 10, 7, at("2026-03-10T11:30:00Z"), null)).toEqual({ sendNow: 3, holdUntil: null });
  });

  it("holds the rest until the hour since the oldest send is over", () => {
    expect(applyCap(now, 5, 10, 8, at("2026-03-10T11:20:00Z"), null)).toEqual({ sendNow: 2, holdUntil: at("2026-03-10T12:20:00Z") });
    expect(applyCap(now, 4, 10, 10, null, null)).toEqual({ sendNow: 0, holdUntil: at("2026-03-10T13:00:00Z") });
  });

  it("adds to a summary already held for later", () => {
    expect(applyCap(now, 2, 10, 10, at("2026-03-10T11:50:00Z"), at("2026-03-10T12:40:00Z"))).toEqual({
      sendNow: 0,
      holdUntil: at("2026-03-10T12:40:00Z"),
    });
  });
});
