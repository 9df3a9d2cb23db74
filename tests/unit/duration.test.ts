import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../src/duration.js";

describe("durations", () => {
  it.each([
    ["3s", 3000], ["15m", 900_000], ["1h", 3_600_000], ["1h30m", 5_400_000], ["250ms", 250], ["2d", 172_800_000], ["45", 45_000],
  ])("parses %s", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(["", "soon", "5 minutes", "3x", "m5", "1h-2m"])("refuses %j", (text) => expect(parseDuration(text)).toBeUndefined());

  it("formats compactly", () => {
    expect(formatDuration(90_000)).toBe("1m30s");
    expect(formatDuration(21_600_000)).toBe("6h");
    expect(formatDuration(500)).toBe("500ms");
  });
});
