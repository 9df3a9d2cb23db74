import { describe, expect, it } from "vitest";
import { createTopicResolver } from "../../src/topics/resolve.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";

const resolver = createTopicResolver(BUILTIN_TOPICS);
const slug = (phrase: string): string | undefined => resolver.resolve(phrase)?.slug;
const list = (input: string): { topics: string[]; unknown: string[] } => {
  const result = resolver.resolveList(input);
  return { topics: result.topics.map((t) => t.slug), unknown: result.unknown };
};

describe("topic resolver", () => {
  it.each([
    ["central-asia", "central-asia"],
    ["Central Asia", "central-asia"],
    ["central asia", "central-asia"],
    ["CENTRAL_ASIA", "central-asia"],
    ["Центральная Азия", "central-asia"],
    ["центральная азия", "central-asia"],
    ["Центральной Азии", "central-asia"],
    ["Средняя Азия", "central-asia"],
    ["ЦА", "central-asia"],
    ["Central Asian", "central-asia"],
    ["Кавказ", "caucasus"],
    ["энергетика", "energy"],
    ["Энергетике", "energy"],
    ["Energy", "energy"],
    ["Middle East", "middle-east"],
    ["Ближний Восток", "middle-east"],
    ["Ближнем Востоке", "middle-east"],
    ["США", "usa"],
    ["USA", "usa"],
    ["Санкции", "sanctions"],
    ["  «Экономика»  ", "economy"],
  ])("resolves %s", (phrase, expected) => {
    expect(slug(phrase)).toBe(expected);
  });

  it.each(["", "Азия", "погода", "central", "asia"])("does not resolve %j", (phrase) => {
    expect(slug(phrase)).toBeUndefined();
  });

  it("splits lists on commas, then on spaces, preferring multi-word names", () => {
    expect(list("центральная азия, энергетика")).toEqual({ topics: ["central-asia", "energy"], unknown: [] });
    expect(list("central-asia energy")).toEqual({ topics: ["central-asia", "energy"], unknown: [] });
    expect(list("Central Asia energy")).toEqual({ topics: ["central-asia", "energy"], unknown: [] });
    expect(list("Middle East")).toEqual({ topics: ["middle-east"], unknown: [] });
    expect(list("Middle East; Central Asia")).toEqual({ topics: ["middle-east", "central-asia"], unknown: [] });
  });

  it("reports unknown words, joined when consecutive, and drops duplicates", () => {
    expect(list("спорт погода завтра, Кавказ, спорт")).toEqual({ topics: ["sport", "caucasus"], unknown: ["погода завтра"] });
    expect(list(" , ,")).toEqual({ topics: [], unknown: [] });
  });

  it("lets the first topic keep a contested name", () => {
    const shadow = { ...BUILTIN_TOPICS[0]!, slug: "shadow", aliases: [] };
    const r = createTopicResolver([...BUILTIN_TOPICS, shadow]);
    expect(r.resolve("Central Asia")?.slug).toBe("central-asia");
    expect(r.resolve("shadow")?.slug).toBe("shadow");
  });
});
