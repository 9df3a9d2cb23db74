import { describe, expect, it } from "vitest";
import { createStoryIndex, DEFAULT_STORY_WINDOW_MS, type StoryCore } from "../../src/stories/cluster.js";
import { extractFeatures } from "../../src/stories/features.js";

const T0 = Date.parse("2024-12-03T12:00:00Z");
const report = extractFeatures({ title: "", text: "Пожар на заводе в Климовске.", publishedAt: new Date(T0) });

function story(id: number, minutesBefore: number, keys: string[]): StoryCore<number> {
  return { id, members: [report], seedAt: T0 - minutesBefore * 60_000, keys: new Set(keys) };
}

describe("the story index's candidate lookup", () => {
  it("finds the story of a rare key among thousands that share a common one, and only stories of the window", () => {
    const index = createStoryIndex<number>();
    // The rare one is the oldest in the window: a walk of every «москв» story would reach it last.
    index.add(story(1, 600, ["москв", "климовск"]));
    for (let i = 0; i < 5_000; i++) index.add(story(100 + i, 500 - i / 20, ["москв"]));
    index.add(story(2, 60 * 40, ["климовск"])); // seeded before the window
    const found = index.candidates(report, ["москв", "климовск"], DEFAULT_STORY_WINDOW_MS, (key) => (key === "москв" ? 0.1 : 1));
    expect(found[0]?.id).toBe(1);
    expect(found.map((s) => s.id)).not.toContain(2);
    expect(found.length).toBeLessThanOrEqual(10);
  });

  it("ranks the stories of a common key nearest the report's time first", () => {
    const index = createStoryIndex<number>();
    for (let i = 0; i < 1_000; i++) index.add(story(i, 1_000 - i, ["москв"]));
    const found = index.candidates(report, ["москв"], DEFAULT_STORY_WINDOW_MS);
    // All share one key equally; ties go to the oldest of those looked at, which are the newest 400.
    expect(Math.min(...found.map((s) => s.id))).toBeGreaterThanOrEqual(600);
  });
});
