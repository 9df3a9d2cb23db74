import { describe, expect, it } from "vitest";
import { createCoreCache } from "../../src/stories/assign.js";
import { CORE_SIZE } from "../../src/stories/cluster.js";
import { extractFeatures } from "../../src/stories/features.js";

const member = extractFeatures({ title: "", text: "Президент Южной Кореи объявил военное положение.", publishedAt: new Date(0) });
const core = (n: number, articleCount: number) => ({ articleCount, members: Array.from({ length: n }, () => member), keys: ["кор"] });

describe("story core cache", () => {
  it("serves a core while its story's report count is unchanged, and drops it when the story grew", () => {
    const cache = createCoreCache();
    cache.set(1, core(2, 2));
    expect(cache.get(1, 2)?.members).toHaveLength(2);
    expect(cache.get(1, 3)).toBeUndefined();
    // Dropped: a later read with the old count does not bring the stale core back.
    expect(cache.get(1, 2)).toBeUndefined();
  });

  it("keeps a full core however the story grows, but not against a count below a full core", () => {
    const cache = createCoreCache();
    cache.set(7, core(CORE_SIZE, CORE_SIZE));
    expect(cache.get(7, CORE_SIZE + 40)?.members).toHaveLength(CORE_SIZE);
    expect(cache.get(7, CORE_SIZE - 1)).toBeUndefined();
  });

  it("forgets the oldest entries past its limit", () => {
    const cache = createCoreCache(10);
    for (let id = 1; id <= 11; id++) cache.set(id, core(1, 1));
    expect(cache.get(1, 1)).toBeUndefined();
    expect(cache.get(11, 1)).toBeDefined();
  });
});
