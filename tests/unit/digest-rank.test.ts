import { describe, expect, it } from "vitest";
import { FRESHNESS_HALF_LIFE_HOURS, GROWTH_CAP, rankStories, storyScore, type StoryStats } from "../../src/digest/rank.js";

const NOW = new Date("2025-06-10T08:00:00Z");
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

function story(key: number, over: Partial<StoryStats> = {}): StoryStats & { key: number } {
  return { key, outlets: 1, reports: 1, topics: 1, firstAt: ago(1), lastAt: ago(1), ...over };
}

describe("storyScore", () => {
  it("counts outlets first: a 5-outlet story of this morning leads over a single report of a minute ago", () => {
    const big = story(1, { outlets: 5, reports: 5, firstAt: ago(10), lastAt: ago(8) });
    const fresh = story(2, { firstAt: ago(0.02), lastAt: ago(0.02) });
    expect(storyScore(big, NOW)).toBeGreaterThan(storyScore(fresh, NOW));
    expect(rankStories([fresh, big], NOW, 10).map((s) => s.key)).toEqual([1, 2]);
  });

  it("halves freshness every six hours", () => {
    const now = storyScore(story(1, { lastAt: NOW, firstAt: NOW }), NOW);
    const later = storyScore(story(1, { lastAt: ago(FRESHNESS_HALF_LIFE_HOURS), firstAt: ago(FRESHNESS_HALF_LIFE_HOURS) }), NOW);
    expect(now - 1).toBeCloseTo(2 * (later - 1), 10);
  });

  it("rewards fast growth, capped so reposting cannot buy a place", () => {
    const fast = story(1, { outlets: 3, reports: 6, firstAt: ago(2.5), lastAt: ago(2) });
    const slow = story(2, { outlets: 3, reports: 6, firstAt: ago(22), lastAt: ago(2) });
    const flood = story(3, { outlets: 3, reports: 600, firstAt: ago(2.5), lastAt: ago(2) });
    expect(storyScore(fast, NOW)).toBeGreaterThan(storyScore(slow, NOW));
    // Five reports in half an hour already reach the cap: a hundred times more add nothing.
    expect(storyScore(flood, NOW)).toBeCloseTo(storyScore(fast, NOW), 10);
    expect(storyScore(fast, NOW) - storyScore(story(5, { outlets: 3, firstAt: ago(2), lastAt: ago(2) }), NOW)).toBeCloseTo(GROWTH_CAP, 10);
  });

  it("adds one for each further topic of the reader's the story is tagged with", () => {
    expect(storyScore(story(1, { topics: 2 }), NOW) - storyScore(story(1), NOW)).toBeCloseTo(1, 10);
  });
});

describe("rankStories", () => {
  it("breaks ties by freshness, then by the newest report, and keeps to the limit", () => {
    const stories = [
      story(1, { outlets: 2, reports: 2, firstAt: ago(5), lastAt: ago(4) }),
      story(2, { outlets: 2, reports: 2, firstAt: ago(3), lastAt: ago(2) }),
      story(3, { outlets: 2, reports: 2, firstAt: ago(9), lastAt: ago(8) }),
      story(4, { lastAt: ago(1), firstAt: ago(1) }),
    ];
    expect(rankStories(stories, NOW, 10).map((s) => s.key)).toEqual([2, 1, 3, 4]);
    expect(rankStories(stories, NOW, 2).map((s) => s.key)).toEqual([2, 1]);
    // Equal in every respect: the larger key (the newer story) first, so the order is stable.
    expect(rankStories([story(7), story(9), story(8)], NOW, 3).map((s) => s.key)).toEqual([9, 8, 7]);
  });
});
