import { describe, expect, it } from "vitest";
import { ALERT_BUTTONS, encodeAlertButton } from "../../src/alerts/buttons.js";
import {
  decodeCallback,
  DISCONNECT_BUTTONS,
  encodeCallback,
  LATEST_BUTTONS,
  MAX_PAGE_SIZE,
  SEARCH_BUTTONS,
  SETTINGS_BUTTONS,
  type CallbackAction,
} from "../../src/bot/callback-data.js";
import { decodeTopicAction, encodeTopicAction, TOPIC_BUTTONS, type TopicAction } from "../../src/bot/topic-callback.js";
import type { ButtonRoute } from "../../src/shared/buttons.js";
import { MAX_SLUG_LENGTH } from "../../src/topics/types.js";

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

describe("buttons of the longest slug a topics file accepts", () => {
  const slug = `a${"-b".repeat(MAX_SLUG_LENGTH / 2 - 1)}`.padEnd(MAX_SLUG_LENGTH, "c");
  // An article of the year 2999 with the largest id JavaScript keeps exactly.
  const last = { publishedAt: new Date("2999-12-31T23:59:59.999Z"), id: Number.MAX_SAFE_INTEGER };

  it.each<TopicAction>([
    { kind: "open", slug },
    { kind: "older", slug, cursor: last },
  ])("round-trip %j within 64 bytes", (action) => {
    expect(slug).toHaveLength(MAX_SLUG_LENGTH);
    const data = encodeTopicAction(action);
    expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(64);
    expect(decodeTopicAction(data)).toEqual(action);
  });

  it("fit a managed channel's settings button too, and one letter more is no slug of ours", () => {
    const action: CallbackAction = { kind: "settings", chatId: -Number.MAX_SAFE_INTEGER, action: { op: "topic", slug, on: true } };
    const data = encodeCallback(action);
    expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(64);
    expect(decodeCallback(data)).toEqual(action);
    expect(() => encodeTopicAction({ kind: "open", slug: `${slug}x` })).toThrow(RangeError);
  });
});

describe("button routes", () => {
  // Every feature's buttons, as the bot writes them.
  const samples: Record<string, { route: ButtonRoute<unknown>; data: string[] }> = {
    latest: { route: LATEST_BUTTONS, data: [encodeCallback({ kind: "latest", size: 5, cursor })] },
    search: { route: SEARCH_BUTTONS, data: [encodeCallback({ kind: "search", queryId: 9, cursor })] },
    disconnect: { route: DISCONNECT_BUTTONS, data: [encodeCallback({ kind: "disconnect", op: "yes", chatId: -1001234 })] },
    settings: {
      route: SETTINGS_BUTTONS,
      data: [
        encodeCallback({ kind: "settings", action: { op: "time", minute: 540 } }),
        encodeCallback({ kind: "settings", action: { op: "digest", on: true }, chatId: -1001234 }),
      ],
    },
    topics: { route: TOPIC_BUTTONS, data: [encodeTopicAction({ kind: "open", slug: "energy" }), encodeTopicAction({ kind: "older", slug: "energy", cursor })] },
    alerts: { route: ALERT_BUTTONS, data: [encodeAlertButton({ op: "mute", watchId: 3 }), encodeAlertButton({ op: "show", chatId: -1001234 })] },
  };

  it("send each button to its own feature only, decoded", () => {
    for (const [name, { route, data }] of Object.entries(samples)) {
      for (const d of data) {
        expect(route.filter.test(d), `${name} ${d}`).toBe(true);
        expect(route.decode(d), `${name} ${d}`).toBeDefined();
        for (const [other, { route: otherRoute }] of Object.entries(samples)) {
          if (other !== name) expect(otherRoute.filter.test(d), `${other} must not take ${name}'s ${d}`).toBe(false);
        }
      }
    }
  });

  it("take data shaped like theirs but leave forged values undecoded, for the fallback to answer", () => {
    const tooBig = `l1:${(MAX_PAGE_SIZE + 1).toString(36)}:${cursor.publishedAt.getTime().toString(36)}:1`;
    expect(LATEST_BUTTONS.filter.test(tooBig)).toBe(true);
    expect(LATEST_BUTTONS.decode(tooBig)).toBeUndefined();
    expect(ALERT_BUTTONS.filter.test("a1:m:007")).toBe(true);
    expect(ALERT_BUTTONS.decode("a1:m:007")).toBeUndefined();
    expect(TOPIC_BUTTONS.filter.test("tp1:energy:extra")).toBe(false);
  });
});
