import { describe, expect, it } from "vitest";
import { decodeCallback, encodeCallback, type SettingsAction } from "../../src/bot/callback-data.js";
import { QUICK_DIGEST_MINUTES, QUICK_TIME_ZONES } from "../../src/digest/subscriptions.js";
import { MAX_SLUG_LENGTH } from "../../src/topics/types.js";

const settings = (action: SettingsAction) => ({ kind: "settings" as const, action });

describe("settings callback data", () => {
  const actions: SettingsAction[] = [
    ...(["main", "time", "zone", "topics", "language"] as const).map((view): SettingsAction => ({ op: "show", view })),
    ...QUICK_DIGEST_MINUTES.map((minute): SettingsAction => ({ op: "time", minute })),
    { op: "time", minute: 0 },
    { op: "time", minute: 1439 },
    ...QUICK_TIME_ZONES.map(({ zone }): SettingsAction => ({ op: "zone", zone })),
    { op: "topic", slug: "central-asia", on: true },
    { op: "topic", slug: "energy", on: false },
    { op: "topic", slug: "a".repeat(MAX_SLUG_LENGTH), on: true },
    { op: "all-news" },
    { op: "language", locale: "ru" },
    { op: "language", locale: "en" },
    { op: "digest", on: true },
    { op: "digest", on: false },
    { op: "close" },
  ];

  it.each(actions)("round-trips %j within 64 bytes", (action) => {
    const data = encodeCallback(settings(action));
    expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(64);
    expect(decodeCallback(data)).toEqual(settings(action));
  });

  it("is compact and versioned", () => {
    expect(encodeCallback(settings({ op: "time", minute: 480 }))).toBe("g1:t:dc");
    expect(encodeCallback(settings({ op: "topic", slug: "energy", on: true }))).toBe("g1:p:energy:1");
    expect(encodeCallback(settings({ op: "show", view: "topics" }))).toBe("g1:v:p");
    expect(encodeCallback(settings({ op: "zone", zone: "Asia/Almaty" }))).toBe("g1:z:Asia/Almaty");
  });

  it.each([
    ["no op", "g1"],
    ["empty op", "g1:"],
    ["unknown op", "g1:q"],
    ["unknown view", "g1:v:q"],
    ["inherited property as view", "g1:v:constructor"],
    ["view with an extra part", "g1:v:m:1"],
    ["minute past the day", `g1:t:${(1440).toString(36)}`],
    ["negative minute", "g1:t:-1"],
    ["minute with a leading zero", "g1:t:0dc"],
    ["upper-case minute", "g1:t:DC"],
    ["zone not offered as a button", "g1:z:Europe/Berlin"],
    ["zone in another case", "g1:z:asia/almaty"],
    ["made-up zone", "g1:z:Mars/Base"],
    ["topic without a state", "g1:p:energy"],
    ["topic with a bad state", "g1:p:energy:2"],
    ["upper-case slug", "g1:p:Energy:1"],
    ["slug with a space", "g1:p:ener gy:1"],
    ["over-long slug", `g1:p:${"a".repeat(MAX_SLUG_LENGTH + 1)}:1`],
    ["unknown language", "g1:l:de"],
    ["digest without a state", "g1:s"],
    ["digest with a bad state", "g1:s:yes"],
    ["close with an argument", "g1:x:1"],
    ["all news with an argument", "g1:a:1"],
    ["future version", "g2:a"],
    ["too long", `g1:z:Asia/Almaty${" ".repeat(60)}`],
  ])("rejects %s", (_, data) => {
    expect(decodeCallback(data)).toBeUndefined();
  });

  it.each<SettingsAction>([
    { op: "time", minute: 1440 },
    { op: "time", minute: 7.5 },
    { op: "zone", zone: "Europe/Berlin" },
    { op: "topic", slug: "Not A Slug", on: true },
  ])("refuses to encode %j", (action) => {
    expect(() => encodeCallback(settings(action))).toThrow(RangeError);
  });

  it("leaves the list kinds as they were", () => {
    const cursor = { publishedAt: new Date(0), id: 1 };
    expect(decodeCallback(encodeCallback({ kind: "latest", size: 5, cursor }))).toEqual({ kind: "latest", size: 5, cursor });
  });
});
