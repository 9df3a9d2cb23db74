import { describe, expect, it } from "vitest";
import { createLazyTagger } from "../../src/topics/lazy-tagger.js";
import { createTagger } from "../../src/topics/tag.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import type { Topic } from "../../src/topics/types.js";

describe("the lazy tagger", () => {
  it("reads the taxonomy only when the first article is tagged, and tags as the tagger does", () => {
    let read = 0;
    // Counts every look at the taxonomy: compiling its phrases reads it, creating the lazy tagger must not.
    const watched = new Proxy(BUILTIN_TOPICS as Topic[], {
      get(target, key, receiver) {
        read += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const lazy = createLazyTagger(watched);
    expect(read).toBe(0);
    const article = { title: "Казахстан и Узбекистан договорились о водных попусках", text: "Министры сельского хозяйства встретились в Ташкенте." };
    const tags = lazy.rank(article);
    expect(read).toBeGreaterThan(0);
    expect(tags).toEqual(createTagger(BUILTIN_TOPICS).rank(article));
    expect(tags).toContain("central-asia");
    expect(lazy.rank(article)).toEqual(tags);
  });
});
