import { describe, expect, it } from "vitest";
import { decodeCallback, encodeCallback, MAX_PAGE_SIZE, type CallbackAction } from "../../src/bot/callback-data.js";

const cursor = { publishedAt: new Date("2025-06-10T12:34:56.789Z"), id: 123_456 };

describe("callback data", () => {
  it.each<CallbackAction>([
    { kind: "latest", size: 5, cursor },
    { kind: "latest", size: MAX_PAGE_SIZE, cursor: { publishedAt: new Date(0), id: 1 } },
    { kind: "latest", size: 1, cursor: { publishedAt: new Date(-86_400_000), id: 7 } },
    { kind: "search", queryId: 1, cursor },
    { kind: "search", queryId: Number.MAX_SAFE_INTEGER, cursor: { publishedAt: new Date(8.64e15), id: Number.MAX_SAFE_INTEGER } },
  ])("round-trips %j within 64 bytes", (action) => {
    const data = encodeCallback(action);
    expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(64);
    expect(decodeCallback(data)).toEqual(action);
  });

  it("is compact and versioned", () => {
    expect(encodeCallback({ kind: "latest", size: 5, cursor })).toBe(`l1:5:${cursor.publishedAt.getTime().toString(36)}:2n9c`);
    expect(encodeCallback({ kind: "search", queryId: 36, cursor })).toMatch(/^s1:10:[0-9a-z]+:2n9c$/);
  });

  it.each([
    ["empty", ""],
    ["unknown prefix", "x1:5:lq8c9s00:9"],
    ["future version", "l2:5:lq8c9s00:9"],
    ["missing part", "l1:5:lq8c9s00"],
    ["extra part", "l1:5:lq8c9s00:9:0"],
    ["empty part", "l1:5::9"],
    ["zero page size", "l1:0:lq8c9s00:9"],
    ["page size over the maximum", `l1:${(MAX_PAGE_SIZE + 1).toString(36)}:lq8c9s00:9`],
    ["leading zero", "l1:5:0lq8c9s00:9"],
    ["upper case", "l1:5:LQ8C9S00:9"],
    ["plus sign", "l1:+5:lq8c9s00:9"],
    ["negative zero", "l1:5:-0:9"],
    ["negative id", "l1:5:lq8c9s00:-9"],
    ["zero id", "l1:5:lq8c9s00:0"],
    ["fraction", "l1:5:lq8c9s00:9.5"],
    ["whitespace", "l1: 5:lq8c9s00:9"],
    ["unsafe integer", "s1:zzzzzzzzzzz:lq8c9s00:9"],
    ["too many digits", "s1:1:lq8c9s00:1000000000000"],
    ["date beyond JavaScript's range", `l1:5:${(8.64e15 + 1).toString(36)}:9`],
    ["zero query id", "s1:0:lq8c9s00:9"],
    ["non-ASCII", "l1:5:lq8c9s00:９"],
    ["too long", `l1:5:lq8c9s00:9${" ".repeat(80)}`],
  ])("rejects %s", (_, data) => {
    expect(decodeCallback(data)).toBeUndefined();
  });

  it.each<CallbackAction>([
    { kind: "latest", size: 0, cursor },
    { kind: "latest", size: 2.5, cursor },
    { kind: "search", queryId: -1, cursor },
    { kind: "latest", size: 5, cursor: { publishedAt: new Date(Number.NaN), id: 1 } },
  ])("refuses to encode %j", (action) => {
    expect(() => encodeCallback(action)).toThrow(RangeError);
  });
});
