import { describe, expect, it } from "vitest";
import { checkDue, dueInstant, localClock, nextDigestAt, parseMinute } from "../../src/digest/schedule.js";

const at = (iso: string) => new Date(iso);
const hm = (text: string) => parseMinute(text)!;

describe("localClock", () => {
  it("reads the date and minute in zones east and west of UTC, rolling the date over", () => {
    expect(localClock(at("2025-06-10T20:30:00Z"), "Asia/Tashkent")).toEqual({ date: "2025-06-11", minute: hm("01:30") });
    expect(localClock(at("2025-06-10T20:30:00Z"), "Europe/Moscow")).toEqual({ date: "2025-06-10", minute: hm("23:30") });
    expect(localClock(at("2025-06-11T02:15:00Z"), "America/New_York")).toEqual({ date: "2025-06-10", minute: hm("22:15") });
    expect(localClock(at("2025-01-01T00:00:00Z"), "UTC")).toEqual({ date: "2025-01-01", minute: 0 });
  });
});

describe("dueInstant", () => {
  it("is a fixed offset in zones without DST", () => {
    expect(dueInstant("2025-03-30", { timeZone: "Asia/Tashkent", digestMinute: hm("08:00") })).toEqual(at("2025-03-30T03:00:00Z"));
    expect(dueInstant("2025-10-26", { timeZone: "Europe/Moscow", digestMinute: hm("08:00") })).toEqual(at("2025-10-26T05:00:00Z"));
  });

  it("follows the offset on either side of a DST change", () => {
    const berlin = { timeZone: "Europe/Berlin", digestMinute: hm("08:00") };
    expect(dueInstant("2025-03-29", berlin)).toEqual(at("2025-03-29T07:00:00Z"));
    expect(dueInstant("2025-03-30", berlin)).toEqual(at("2025-03-30T06:00:00Z"));
    expect(dueInstant("2025-10-26", berlin)).toEqual(at("2025-10-26T07:00:00Z"));
  });

  it("moves a time inside the spring-forward gap to the first minute after it", () => {
    // Berlin skips 02:00–02:59 on 2025-03-30: 02:30 does not exist, 03:00 CEST is 01:00 UTC.
    expect(dueInstant("2025-03-30", { timeZone: "Europe/Berlin", digestMinute: hm("02:30") })).toEqual(at("2025-03-30T01:00:00Z"));
    // New York skips 02:00–02:59 on 2025-03-09: 03:00 EDT is 07:00 UTC.
    expect(dueInstant("2025-03-09", { timeZone: "America/New_York", digestMinute: hm("02:00") })).toEqual(at("2025-03-09T07:00:00Z"));
    expect(dueInstant("2025-03-09", { timeZone: "America/New_York", digestMinute: hm("03:00") })).toEqual(at("2025-03-09T07:00:00Z"));
  });

  it("takes the first occurrence of a repeated time", () => {
    // New York repeats 01:00–01:59 on 2025-11-02: first 01:30 EDT = 05:30 UTC, then 01:30 EST = 06:30 UTC.
    expect(dueInstant("2025-11-02", { timeZone: "America/New_York", digestMinute: hm("01:30") })).toEqual(at("2025-11-02T05:30:00Z"));
    // Berlin repeats 02:00–02:59 on 2025-10-26: first 02:30 CEST = 00:30 UTC.
    expect(dueInstant("2025-10-26", { timeZone: "Europe/Berlin", digestMinute: hm("02:30") })).toEqual(at("2025-10-26T00:30:00Z"));
  });

  it("handles midnight and the last minute of the day", () => {
    expect(dueInstant("2025-06-10", { timeZone: "Asia/Tashkent", digestMinute: 0 })).toEqual(at("2025-06-09T19:00:00Z"));
    expect(dueInstant("2025-06-10", { timeZone: "America/New_York", digestMinute: hm("23:59") })).toEqual(at("2025-06-11T03:59:00Z"));
  });

  it("gives the same instant again, as a Date of its own, for a (zone, time, date) asked before", () => {
    const berlin = { timeZone: "Europe/Berlin", digestMinute: hm("02:30") };
    const first = dueInstant("2025-03-30", berlin);
    first.setTime(0);
    expect(dueInstant("2025-03-30", berlin)).toEqual(at("2025-03-30T01:00:00Z"));
    // A different date or zone is its own entry, not the first one's answer.
    expect(dueInstant("2025-03-31", berlin)).toEqual(at("2025-03-31T00:30:00Z"));
    expect(dueInstant("2025-03-30", { ...berlin, timeZone: "Asia/Tashkent" })).toEqual(at("2025-03-29T21:30:00Z"));
  });
});

describe("checkDue", () => {
  const tashkent = { timeZone: "Asia/Tashkent", digestMinute: hm("08:00") };

  it("is due at and after the digest time on the reader's local date, not before", () => {
    expect(checkDue(at("2025-06-10T02:59:00Z"), tashkent)).toEqual({ localDate: "2025-06-10", due: false });
    expect(checkDue(at("2025-06-10T03:00:00Z"), tashkent)).toEqual({ localDate: "2025-06-10", due: true });
    expect(checkDue(at("2025-06-10T18:59:00Z"), tashkent)).toEqual({ localDate: "2025-06-10", due: true });
  });

  it("starts a new local date at local midnight, not UTC midnight", () => {
    // 19:00 UTC is midnight in Tashkent: a new date whose 08:00 is still ahead.
    expect(checkDue(at("2025-06-10T19:00:00Z"), tashkent)).toEqual({ localDate: "2025-06-11", due: false });
    const ny = { timeZone: "America/New_York", digestMinute: hm("21:00") };
    // 01:30 UTC on the 11th is still 21:30 on the 10th in New York.
    expect(checkDue(at("2025-06-11T01:30:00Z"), ny)).toEqual({ localDate: "2025-06-10", due: true });
  });

  it("is due after a spring-forward gap swallowed the digest time", () => {
    const berlin = { timeZone: "Europe/Berlin", digestMinute: hm("02:30") };
    expect(checkDue(at("2025-03-30T00:59:00Z"), berlin).due).toBe(false); // 01:59 CET
    expect(checkDue(at("2025-03-30T01:00:00Z"), berlin)).toEqual({ localDate: "2025-03-30", due: true }); // 03:00 CEST
  });

  it("stays due through the repeated hour once the first occurrence passed", () => {
    const ny = { timeZone: "America/New_York", digestMinute: hm("01:30") };
    expect(checkDue(at("2025-11-02T05:29:00Z"), ny).due).toBe(false);
    expect(checkDue(at("2025-11-02T05:30:00Z"), ny).due).toBe(true);
    // 01:10 EST, after the clocks went back: wall time is before 01:30 again, but today's digest is due.
    expect(checkDue(at("2025-11-02T06:10:00Z"), ny)).toEqual({ localDate: "2025-11-02", due: true });
  });
});

describe("nextDigestAt", () => {
  const moscow = { timeZone: "Europe/Moscow", digestMinute: hm("08:00") };
  it("is today's time while it is ahead, tomorrow's once today's digest went out", () => {
    expect(nextDigestAt(at("2025-06-10T04:00:00Z"), moscow, false)).toEqual(at("2025-06-10T05:00:00Z"));
    expect(nextDigestAt(at("2025-06-10T06:00:00Z"), moscow, true)).toEqual(at("2025-06-11T05:00:00Z"));
    // Overdue and not delivered yet: it is coming now.
    expect(nextDigestAt(at("2025-06-10T06:00:00Z"), moscow, false)).toEqual(at("2025-06-10T06:00:00Z"));
  });
});

describe("parseMinute", () => {
  it("accepts HH:MM and rejects nonsense", () => {
    expect(parseMinute("08:00")).toBe(480);
    expect(parseMinute("7:05")).toBe(425);
    expect(parseMinute("23:59")).toBe(1439);
    for (const bad of ["24:00", "12:60", "8", "", "ab:cd"]) expect(parseMinute(bad)).toBeUndefined();
  });
});
