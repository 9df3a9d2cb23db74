import { describe, expect, it } from "vitest";
import {
  formatDigestTime,
  nextDigest,
  parseDigestTime,
  QUICK_TIME_ZONES,
  resolveTimeZone,
} from "../../src/digest/subscriptions.js";

describe("parseDigestTime", () => {
  it.each([
    ["08:00", 480],
    ["8:30", 510],
    ["08.30", 510],
    ["0830", 510],
    ["2359", 1439],
    ["00:00", 0],
    ["7", 420],
    ["23", 1380],
    [" 9:05 ", 545],
    ["8pm", 1200],
    ["8:30 PM", 1230],
    ["8.30 p.m.", 1230],
    ["12am", 0],
    ["12:15 am", 15],
    ["12pm", 720],
    ["11:59pm", 1439],
  ])("reads %j as minute %i", (input, minute) => {
    expect(parseDigestTime(input)).toBe(minute);
  });

  it.each(["", "24:00", "8:60", "830", "08:5", "-1", "13pm", "0am", "abc", "8:30:00", "１２:００", "8 30", "08:00 utc", "1e3"])(
    "refuses %j",
    (input) => {
      expect(parseDigestTime(input)).toBeUndefined();
    },
  );

  it("formats every minute of the day back to what it parses from", () => {
    for (let minute = 0; minute < 1440; minute++) {
      const text = formatDigestTime(minute);
      expect(text).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      expect(parseDigestTime(text)).toBe(minute);
    }
  });
});

describe("resolveTimeZone", () => {
  it.each([
    ["Asia/Almaty", "Asia/Almaty"],
    ["asia/almaty", "Asia/Almaty"],
    ["ASIA/BISHKEK", "Asia/Bishkek"],
    ["america/new_york", "America/New_York"],
    ["America/New York", "America/New_York"],
    ["America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"],
    ["america/argentina/buenos_aires", "America/Buenos_Aires"],
    ["Europe/Kiev", "Europe/Kyiv"],
    ["europe/kyiv", "Europe/Kyiv"],
    ["utc", "UTC"],
    ["Etc/UTC", "UTC"],
    ["GMT", "UTC"],
    ["US/Eastern", "US/Eastern"],
    ["us/eastern", "America/New_York"],
    ["Almaty", "Asia/Almaty"],
    ["new york", "America/New_York"],
    ["Бишкек", "Asia/Bishkek"],
    ["москва", "Europe/Moscow"],
    ["Etc/GMT-5", "Etc/GMT-5"],
  ])("reads %j as %s", (input, zone) => {
    expect(resolveTimeZone(input)).toBe(zone);
  });

  it.each(["Mars/Base", "", "+05:00", "UTC+5", "EST", "MSK", "Asia", "Asia/", "Europe/Moscow/Extra/Deep", "Europe/Moscow; drop table", "x".repeat(100)])(
    "refuses %j",
    (input) => {
      expect(resolveTimeZone(input)).toBeUndefined();
    },
  );

  it("accepts every quick pick as it is", () => {
    for (const { zone } of QUICK_TIME_ZONES) expect(resolveTimeZone(zone)).toBe(zone);
  });
});

describe("nextDigest", () => {
  it("says today before the digest time, soon after it, tomorrow once delivered", () => {
    const morning = new Date("2025-06-10T01:00:00Z"); // 07:00 in Bishkek
    const noon = new Date("2025-06-10T06:00:00Z"); // 12:00 in Bishkek
    expect(nextDigest(morning, "Asia/Bishkek", 8 * 60, false)).toBe("today");
    expect(nextDigest(noon, "Asia/Bishkek", 8 * 60, false)).toBe("soon");
    expect(nextDigest(noon, "Asia/Bishkek", 8 * 60, true)).toBe("tomorrow");
    expect(nextDigest(morning, "UTC", 8 * 60, false)).toBe("today");
  });

  it("reads the digest time on the reader's own clock across daylight saving changes", () => {
    // New York springs forward on 2025-03-09 at 07:00 UTC: 02:30 that day does not exist, so it comes at 03:00.
    expect(nextDigest(new Date("2025-03-09T06:59:00Z"), "America/New_York", 150, false)).toBe("today");
    expect(nextDigest(new Date("2025-03-09T07:00:00Z"), "America/New_York", 150, false)).toBe("soon");
    // 08:00 in New York is 12:00 UTC in summer and 13:00 UTC in winter.
    expect(nextDigest(new Date("2025-07-01T12:30:00Z"), "America/New_York", 480, false)).toBe("soon");
    expect(nextDigest(new Date("2025-12-01T12:30:00Z"), "America/New_York", 480, false)).toBe("today");
    // Bishkek's new date starts at 18:00 UTC: the reader is on "today" again.
    expect(nextDigest(new Date("2025-06-10T18:30:00Z"), "Asia/Bishkek", 480, false)).toBe("today");
  });
});
