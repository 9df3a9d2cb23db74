import { describe, expect, it } from "vitest";
import { extractFeatures } from "../../src/stories/features.js";
import { headCover } from "../../src/stories/similarity.js";
import { createKeyStats, keyDiscount, STATS_BUCKET_MS, windowDiscount } from "../../src/stories/window-stats.js";

const H = STATS_BUCKET_MS;
const T0 = Date.parse("2024-12-03T00:00:00Z");

describe("window statistics", () => {
  it("counts reports per key over the hours of the window only", () => {
    const stats = createKeyStats();
    stats.add("кор", T0);
    stats.add("кор", T0 + 10 * H, 3);
    stats.add("кор", T0 + 40 * H);
    stats.add("путин", T0 + 10 * H);
    expect(stats.count("кор", T0 + 10 * H, 36 * H)).toBe(4);
    // The hour 40 lies after the time asked about; the hour 0 falls out of a 36-hour window at 40.
    expect(stats.count("кор", T0 + 40 * H, 36 * H)).toBe(4);
    expect(stats.count("кор", T0 + 46 * H, 36 * H)).toBe(4);
    expect(stats.count("кор", T0 + 47 * H, 36 * H)).toBe(1);
    expect(stats.count("нет", T0, 36 * H)).toBe(0);
    stats.prune(T0 + 5 * H);
    expect(stats.count("кор", T0 + 10 * H, 36 * H)).toBe(3);
  });

  it("counts a report that arrives after later ones in its own hour", () => {
    const stats = createKeyStats();
    stats.add("х", T0 + 10 * H);
    stats.add("х", T0 + 20 * H);
    stats.add("х", T0 + 2 * H, 2);
    stats.add("х", T0 + 10 * H);
    expect(stats.count("х", T0 + 5 * H, 36 * H)).toBe(2);
    expect(stats.count("х", T0 + 10 * H, 36 * H)).toBe(4);
    expect(stats.count("х", T0 + 20 * H, 36 * H)).toBe(5);
    expect(stats.count("х", T0 + 40 * H, 36 * H)).toBe(3);
  });

  it("weighs a key less the more reports of the window carry it", () => {
    expect(keyDiscount(0)).toBe(1);
    expect(keyDiscount(1)).toBe(1);
    expect(keyDiscount(10)).toBeLessThan(keyDiscount(2));
    expect(keyDiscount(60)).toBeGreaterThan(0.2);
    expect(keyDiscount(60)).toBeLessThan(0.4);
  });

  it("discounts only the stems asked to be counted", () => {
    const stats = createKeyStats();
    for (let i = 0; i < 50; i++) stats.add("кор", T0);
    const discount = windowDiscount(stats, T0 + H, 36 * H)((stem) => stem === "кор");
    expect(discount("кор")).toBeLessThan(0.5);
    expect(discount("южн")).toBe(1);
  });

  it("lets the day's common names count less, so the different action decides", () => {
    const at = new Date(T0);
    const declared = extractFeatures({ title: "", text: "Президент Южной Кореи объявил о введении военного положения.", publishedAt: at });
    const vote = extractFeatures({ title: "", text: "Парламент Южной Кореи проголосовал за отмену военного положения.", publishedAt: at });
    const stats = createKeyStats();
    for (const key of ["южн", "кор", "воен", "положен"]) stats.add(key, T0, 40);
    const common = windowDiscount(stats, T0, 36 * H)(() => true);
    expect(headCover(declared, vote, common)).toBeLessThan(headCover(declared, vote));
  });
});

describe("words of one root", () => {
  it("a verb and its noun tell each other («помиловал» / «помилование»)", () => {
    const at = new Date(T0);
    const a = extractFeatures({ title: "", text: "Байден помиловал своего сына Хантера.", publishedAt: at });
    const b = extractFeatures({ title: "", text: "Байден объявил о помиловании своего сына Хантера.", publishedAt: at });
    expect(headCover(a, b)).toBeGreaterThan(0.8);
  });
});
