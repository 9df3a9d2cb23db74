import { describe, expect, it } from "vitest";
import { createTagger } from "../../src/topics/tag.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import type { Topic } from "../../src/topics/types.js";

const topic = (slug: string, words: string[], threshold = 3): Topic => ({
  slug,
  names: { ru: slug, en: slug },
  aliases: [],
  lexicon: { threshold, terms: words.map((word) => ({ match: [word], weight: 3 })) },
});

describe("tagger rank: the article's topics, strongest first", () => {
  const builtin = createTagger(BUILTIN_TOPICS);

  it("puts the topic an article is about before a place it names", () => {
    const rate = { title: "", text: "Курс доллара на Мосбирже поднялся выше 105 рублей впервые с марта 2022 года, сообщает ЦБ России" };
    expect(builtin.tag(rate)).toEqual(["russia", "economy"]);
    expect(builtin.rank(rate)).toEqual(["economy", "russia"]);
    const drones = { title: "", text: "ПВО сбила над Брянской областью 12 беспилотников ВСУ, сообщило Минобороны России" };
    expect(builtin.rank(drones)[0]).toBe("security");
    expect([...builtin.rank(drones)].sort()).toEqual([...builtin.tag(drones)].sort());
  });

  it("measures strength against each topic's own threshold, and keeps taxonomy order on ties", () => {
    // "beta" needs twice the evidence "alpha" does: its two words (score 6) are just its bar, while
    // alpha's one word said twice (score 3.75) is past its own.
    const tagger = createTagger([topic("beta", ["beta", "bravo"], 6), topic("alpha", ["alpha"], 3)]);
    expect(tagger.rank({ title: "", text: "alpha alpha beta bravo" })).toEqual(["alpha", "beta"]);
    // Both exactly at their bars: taxonomy order.
    expect(tagger.rank({ title: "", text: "alpha beta bravo" })).toEqual(["beta", "alpha"]);
    const even = createTagger([topic("first", ["one"]), topic("second", ["two"])]);
    expect(even.rank({ title: "", text: "two one" })).toEqual(["first", "second"]);
    expect(even.rank({ title: "", text: "nothing here" })).toEqual([]);
  });
});
