// The tagger's word memo: keyed by a stretch of a text, it must behave exactly like a Map keyed by the
// word itself, whatever the word's position, script or length, and stay within its limit.
import { describe, expect, it } from "vitest";
import { createWordMemo } from "../../src/topics/word-memo.js";
import { createWordBounds, findWords } from "../../src/topics/stem.js";

function words(text: string): [string, number, number][] {
  const found = createWordBounds();
  findWords(text, found);
  const out: [string, number, number][] = [];
  for (let k = 0; k < found.count; k++) out.push([found.source, found.bounds[2 * k]!, found.bounds[2 * k + 1]!]);
  return out;
}

describe("createWordMemo", () => {
  it("computes each distinct word once and finds it again wherever it stands", () => {
    const memo = createWordMemo<string>(1000);
    const computed: string[] = [];
    const compute = (word: string): string => {
      computed.push(word);
      return word.toUpperCase();
    };
    const text = "Бишкек и Ош; Ош и Бишкек. Osh, Bishkek — Бишкек-Ош, ош";
    const results = words(text).map(([source, start, end]) => memo.lookup(source, start, end, compute));
    expect(results).toEqual(["БИШКЕК", "И", "ОШ", "ОШ", "И", "БИШКЕК", "OSH", "BISHKEK", "БИШКЕК-ОШ", "ОШ"]);
    // Case matters ("Ош" and "ош" are different surface words); nothing is computed twice.
    expect(computed).toEqual(["Бишкек", "и", "Ош", "Osh", "Bishkek", "Бишкек-Ош", "ош"]);
    expect(memo.size()).toBe(7);
  });

  it("tells apart words of the same length and a word from its prefix or extension", () => {
    const memo = createWordMemo<number>(1000);
    let next = 0;
    const compute = (): number => next++;
    const text = "abc abd abcd ab abc ab abcd abd";
    const ids = words(text).map(([source, start, end]) => memo.lookup(source, start, end, compute));
    expect(ids).toEqual([0, 1, 2, 3, 0, 3, 2, 1]);
  });

  it("grows past its first capacity and agrees with a Map on many words", () => {
    const memo = createWordMemo<string>(1_000_000);
    const reference = new Map<string, string>();
    for (let n = 0; n < 20_000; n++) {
      // Words of the same shape, many differing in one letter: a test of the hash and the probing.
      const word = `w${n.toString(36)}я${n % 7}`;
      const text = `«${word}»`;
      const value = memo.lookup(text, 1, text.length - 1, (w) => `${w}!`);
      reference.set(word, value);
      expect(value).toBe(`${word}!`);
    }
    expect(memo.size()).toBe(20_000);
    for (const [word, value] of reference) {
      expect(memo.lookup(` ${word} `, 1, word.length + 1, () => "recomputed")).toBe(value);
    }
  });

  it("starts over when it reaches its limit, recomputing what it forgot", () => {
    const memo = createWordMemo<string>(100);
    let computed = 0;
    const compute = (w: string): string => {
      computed++;
      return w;
    };
    for (let n = 0; n < 250; n++) {
      const word = `слово${n}`;
      expect(memo.lookup(word, 0, word.length, compute)).toBe(word);
      expect(memo.size()).toBeLessThanOrEqual(100);
    }
    expect(computed).toBe(250);
    expect(memo.lookup("слово0", 0, 6, compute)).toBe("слово0");
    expect(computed).toBe(251);
  });
});
