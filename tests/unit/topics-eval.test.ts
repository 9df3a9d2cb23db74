import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate, formatEvaluation, parseEvalSet } from "../../src/topics/evaluate.js";
import { createTagger } from "../../src/topics/tag.js";
import { BUILTIN_SLUGS, BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";

const items = parseEvalSet(readFileSync(new URL("../topics/eval-set.jsonl", import.meta.url), "utf8"));
const tagger = createTagger(BUILTIN_TOPICS);
const evaluation = evaluate(
  items.map((item) => ({ id: item.id, gold: item.topics, predicted: tagger.tag(item) })),
  BUILTIN_SLUGS,
);
const metrics = (topic: string) => evaluation.topics.find((t) => t.topic === topic)!;

describe("topic evaluation set", () => {
  it("is large, mostly Russian, and labeled with known topics", () => {
    expect(items.length).toBeGreaterThanOrEqual(300);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const russian = items.filter((i) => i.lang === "ru").length / items.length;
    expect(russian).toBeGreaterThan(0.6);
    expect(russian).toBeLessThan(0.8);
    for (const item of items) for (const topic of item.topics) expect(BUILTIN_SLUGS).toContain(topic);
  });

  it("tags Central Asia with precision ≥ 0.95 and recall ≥ 0.90", () => {
    const ca = metrics("central-asia");
    expect(ca.precision, formatEvaluation(evaluation)).toBeGreaterThanOrEqual(0.95);
    expect(ca.recall, formatEvaluation(evaluation)).toBeGreaterThanOrEqual(0.9);
  });

  it.each(["central-asia", "caucasus", "energy", "russia", "ukraine", "china", "europe", "usa", "middle-east",
    "economy", "sanctions", "security"])("reaches F1 ≥ 0.85 for %s", (topic) => {
    expect(metrics(topic).support).toBeGreaterThan(10);
    expect(metrics(topic).f1, formatEvaluation(evaluation)).toBeGreaterThanOrEqual(0.85);
  });
});

describe("evaluate", () => {
  it("computes per-topic and micro-averaged precision, recall and F1", () => {
    const result = evaluate([
      { id: "1", gold: ["a"], predicted: ["a"] },
      { id: "2", gold: ["a", "b"], predicted: ["b"] },
      { id: "3", gold: [], predicted: ["a"] },
    ], ["a", "b", "c"]);
    const a = result.topics[0]!;
    expect([a.truePositives, a.falsePositives, a.falseNegatives, a.support]).toEqual([1, 1, 1, 2]);
    expect(a.precision).toBeCloseTo(0.5);
    expect(a.recall).toBeCloseTo(0.5);
    expect(a.f1).toBeCloseTo(0.5);
    expect(result.topics[1]!.f1).toBe(1);
    expect(result.topics[2]).toMatchObject({ support: 0, precision: 1, recall: 1 });
    expect(result.micro).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(result.errors.map((e) => e.id)).toEqual(["2", "3"]);
    expect(formatEvaluation(result)).toMatch(/^topic\s+support/);
  });

  it("rejects malformed lines with their number", () => {
    expect(() => parseEvalSet('{"id": "x", "title": "t", "text": "", "topics": []}\n{oops')).toThrow(/line 2/);
    expect(() => parseEvalSet('{"id": "x", "title": "t"}')).toThrow(/line 1/);
  });
});
