import { describe, expect, it } from "vitest";
import {
  analyze, createStemmer, createWordBounds, findWords, repairMixedScript, splitWords, stemWord, tokenize,
} from "../../src/topics/stem.js";

describe("topic tokenizer", () => {
  // Lexemes as Postgres 16 gives them for `select to_tsvector('russian', '<word>')`, checked against a
  // real server; the article store indexes with this configuration, so the stems must agree.
  it.each([
    ["Казахстан", "казахста"],
    ["Казахстана", "казахста"],
    ["Казахстане", "казахстан"],
    ["казахстанский", "казахстанск"],
    ["казахстанская", "казахстанск"],
    ["Бишкек", "бишкек"],
    ["Бишкеке", "бишкек"],
    ["бишкекский", "бишкекск"],
    ["Кыргызстана", "кыргызста"],
    ["Узбекистана", "узбекиста"],
    ["Туркменистана", "туркмениста"],
    ["Ташкенте", "ташкент"],
    ["Душанбе", "душанб"],
    ["Ашхабада", "ашхабад"],
    ["Мирзиёев", "мирзие"],
    ["Токаева", "токаев"],
    ["Алматы", "алмат"],
    ["Астане", "астан"],
    ["газета", "газет"],
    ["газа", "газ"],
    ["нефтяной", "нефтян"],
    ["Kazakhstan", "kazakhstan"],
    ["Kazakhstani", "kazakhstani"],
    ["Kazakh", "kazakh"],
    ["sanctions", "sanction"],
    ["Georgia", "georgia"],
  ])("stems %s like Postgres' russian configuration (%s)", (word, lexeme) => {
    expect(tokenize(word)).toEqual([lexeme]);
  });

  it("agrees with to_tsvector('russian', 'Казахстана казахстанский Бишкеке')", () => {
    // Postgres: 'бишкек':3 'казахста':1 'казахстанск':2
    expect(tokenize("Казахстана казахстанский Бишкеке")).toEqual(["казахста", "казахстанск", "бишкек"]);
  });

  it("gives inflected forms one stem", () => {
    expect(stemWord("Казахстана")).toEqual(stemWord("Казахстан"));
    expect(stemWord("Бишкеке")).toEqual(stemWord("Бишкек"));
    expect(stemWord("Kazakhs")).toEqual(stemWord("Kazakh"));
  });

  it("lower-cases, folds ё and drops stop words of both languages", () => {
    expect(tokenize("Ёлка в Москве и the Kremlin")).toEqual(["елк", "москв", "kremlin"]);
  });

  it("keeps a hyphenated compound and its parts, as Postgres does", () => {
    expect(tokenize("Нур-Султан")).toEqual(["нур-султа", "нур", "султа"]);
    expect(tokenize("Kazakh-Uzbek border")).toEqual(["kazakh-uzbek", "kazakh", "uzbek", "border"]);
  });

  it("splits on apostrophes and punctuation", () => {
    expect(tokenize("Kazakhstan’s oil, (Kazakhstan's gas)")).toEqual(["kazakhstan", "oil", "kazakhstan", "gas"]);
    const words: string[] = [];
    splitWords("«Казахстан»—Узбекистан: 2024 г.; e-mail", words);
    expect(words).toEqual(["Казахстан", "Узбекистан", "2024", "г", "e-mail"]);
  });

  it("finds word bounds in the normalised text, reusing one record for text after text", () => {
    const found = createWordBounds();
    findWords("U.S. sanctions on Nord\u00adStream-2, again", found);
    const list = (): string[] =>
      Array.from({ length: found.count }, (_, k) => found.source.slice(found.bounds[2 * k], found.bounds[2 * k + 1]));
    expect(found.source).toBe("US sanctions on NordStream-2, again");
    expect(list()).toEqual(["US", "sanctions", "on", "NordStream-2", "again"]);
    // A shorter text after a longer one: only its own words count.
    findWords("Ош", found);
    expect(list()).toEqual(["Ош"]);
    findWords(" — ", found);
    expect(found.count).toBe(0);
  });

  it("repairs Latin look-alike letters inside Cyrillic words, and the reverse", () => {
    expect(repairMixedScript("cегодня")).toBe("сегодня"); // Latin c
    expect(repairMixedScript("сasa")).toBe("casa"); // Cyrillic с in a Latin word
    expect(tokenize("cегодня")).toEqual(tokenize("сегодня"));
    expect(tokenize("СASA")).toEqual(["casa"]);
    expect(tokenize("Кaзaхстан")).toEqual(["казахста"]); // Latin a twice
  });

  it("keeps acronyms: never a stop word, case kept in the form", () => {
    expect(analyze("КТО в Ингушетии").stems[0]).toBe("кто");
    expect(analyze("US sanctions").forms[0]).toBe("US");
    expect(analyze("told us").forms[1]).toBe("us");
    expect(tokenize("U.S. sanctions")).toEqual(["us", "sanction"]);
  });

  it("bounds its memo", () => {
    const stemmer = createStemmer({ cacheLimit: 100 });
    for (let i = 0; i < 1000; i++) stemmer.stemWord(`слово${"а".repeat(i % 50)}${i}`);
    expect(stemmer.cacheSize()).toBeLessThanOrEqual(100);
    expect(stemmer.stemWord("Казахстана")).toEqual(["казахста"]);
    stemmer.clearCache();
    expect(stemmer.cacheSize()).toBe(0);
  });
});
