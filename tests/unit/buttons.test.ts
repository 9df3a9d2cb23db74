import { describe, expect, it } from "vitest";
import { date, defineButton, flag, int, oneOf, text } from "../../src/shared/buttons.js";

const page = defineButton("x1", int("size", 1, 20), date("at"), flag("on"));
const pick = defineButton("y1", "v", oneOf("view", { m: "main", t: "time" }), text("slug", /^[a-z-]+$/));

describe("button declarations", () => {
  it("encode to compact data and decode it back", () => {
    const data = page.encode({ size: 12, at: new Date(36_000), on: true });
    expect(data).toBe("x1:c:rs0:1");
    expect(page.decode(data)).toEqual({ size: 12, at: new Date(36_000), on: true });
    expect(pick.encode({ view: "time", slug: "world-news" })).toBe("y1:v:t:world-news");
    expect(pick.decode("y1:v:m:economy")).toEqual({ view: "main", slug: "economy" });
  });

  it("decode only the canonical form inside the declared ranges", () => {
    for (const forged of ["x1:0:rs0:1", "x1:l:rs0:1", "x1:0c:rs0:1", "x1:C:rs0:1", "x1:c:rs0:2", "x1:c:rs0", "x1:c:rs0:1:0", "x2:c:rs0:1", ""]) {
      expect(page.decode(forged)).toBeUndefined();
    }
    for (const forged of ["y1:v:x:economy", "y1:v:m:Economy", "y1:w:m:economy", "y1:v:toString:a", `y1:v:m:${"a".repeat(60)}`]) {
      expect(pick.decode(forged)).toBeUndefined();
    }
  });

  it("refuse to encode what they would not decode", () => {
    expect(() => page.encode({ size: 21, at: new Date(0), on: false })).toThrow(RangeError);
    expect(() => page.encode({ size: 2.5, at: new Date(0), on: false })).toThrow(RangeError);
    expect(() => page.encode({ size: 1, at: new Date(Number.NaN), on: false })).toThrow(RangeError);
    expect(() => pick.encode({ view: "main", slug: "a".repeat(64) })).toThrow(RangeError);
  });

  it("give a filter for grammY that matches the kind's shape only", () => {
    expect(pick.filter.test("y1:v:m:economy")).toBe(true);
    expect(pick.filter.test("y1:v:m")).toBe(false);
    expect(pick.filter.test("y1:w:m:economy")).toBe(false);
    expect(page.filter.test("x1:c:rs0:1")).toBe(true);
  });
});
