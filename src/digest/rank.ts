/**
 * How a digest orders stories: by importance, not by time alone. For each story of the reader's
 * window (and topics):
 *
 *   score = outlets + (topics − 1) + min(2, (reports − 1) / max(1, span in hours)) + 2^(−age / 6 h)
 *
 * - outlets: distinct sources among the story's reports in the window. The main term: five outlets
 *   reporting one event outweigh anything a single report can earn on the other terms (at most 3).
 * - topics: the most of the reader's topics one of its reports is tagged with (1 for all-news
 *   readers), so a report on two of the reader's interests beats one on either alone.
 * - growth: reports per hour from the first to the newest report in the window (an hour at least),
 *   capped at 2 so a channel reposting itself cannot buy its way up.
 * - freshness: halves every 6 hours from the newest report to the digest's moment; it also breaks
 *   ties between otherwise equal stories, and after it the newest report, then the story key.
 */
export interface StoryStats {
  /** Distinct sources among the story's reports in the window. */
  outlets: number;
  /** Reports in the window. */
  reports: number;
  /** Most of the reader's topics one report is tagged with; 1 for all-news readers. */
  topics: number;
  firstAt: Date;
  lastAt: Date;
}

const HOUR_MS = 3_600_000;
export const GROWTH_CAP = 2;
export const FRESHNESS_HALF_LIFE_HOURS = 6;

export function storyScore(story: StoryStats, now: Date): number {
  const spanHours = Math.max(1, (story.lastAt.getTime() - story.firstAt.getTime()) / HOUR_MS);
  const growth = Math.min(GROWTH_CAP, Math.max(0, story.reports - 1) / spanHours);
  const ageHours = Math.max(0, (now.getTime() - story.lastAt.getTime()) / HOUR_MS);
  const freshness = 2 ** (-ageHours / FRESHNESS_HALF_LIFE_HOURS);
  return story.outlets + Math.max(0, story.topics - 1) + growth + freshness;
}

/** The `limit` most important stories, best first (see the score above). */
export function rankStories<T extends StoryStats & { key: number }>(stories: readonly T[], now: Date, limit: number): T[] {
  return stories
    .map((story) => ({ story, score: storyScore(story, now) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.story.lastAt.getTime() - a.story.lastAt.getTime() ||
        b.story.key - a.story.key,
    )
    .slice(0, limit)
    .map((ranked) => ranked.story);
}
