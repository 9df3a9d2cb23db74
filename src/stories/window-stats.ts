// Window statistics for the story engine: how many reports of the window before a report carry each
// lookup key. A key many stories share (the day's big names: «Южной Кореи» on the day of
// martial law, «Трамп» in a week of his appointments) says less about which event a report tells,
// so it weighs less when two reports are compared; the words that tell events apart then decide.
// Reports are counted, not stories: an event told by twenty outlets makes its names common at once,
// before any follow-up can chain onto them. Only lookup keys are counted: they are a report's
// heaviest stems (the ones that can dominate a comparison), at most eight per report, so ingest keeps
// the counts in one small table (story_key_hours: key, hour, reports) read by one index range per key.
import type { Discount } from "./similarity.js";

/** Reports are counted per hour: the database keeps one row per key and hour. */
export const STATS_BUCKET_MS = 3600_000;

export interface KeyStats {
  /** Records `reports` more reports published at `at` carrying `key`. */
  add(key: string, at: number, reports?: number): void;
  /** Reports carrying `key` in the hours from (at − windowMs) to at. */
  count(key: string, at: number, windowMs: number): number;
  /** Forgets hours before `before`. */
  prune(before: number): void;
}

export const bucketOf = (at: number): number => Math.floor(at / STATS_BUCKET_MS);

export function createKeyStats(): KeyStats {
  // key → hour → reports.
  const counts = new Map<string, Map<number, number>>();
  return {
    add(key, at, reports = 1) {
      let hours = counts.get(key);
      if (!hours) counts.set(key, (hours = new Map<number, number>()));
      const hour = bucketOf(at);
      hours.set(hour, (hours.get(hour) ?? 0) + reports);
    },
    count(key, at, windowMs) {
      const hours = counts.get(key);
      if (!hours) return 0;
      const from = bucketOf(at - windowMs);
      const to = bucketOf(at);
      let total = 0;
      for (const [hour, n] of hours) if (hour >= from && hour <= to) total += n;
      return total;
    },
    prune(before) {
      const first = bucketOf(before);
      for (const [key, hours] of counts) {
        for (const hour of hours.keys()) if (hour < first) hours.delete(hour);
        if (hours.size === 0) counts.delete(key);
      }
    },
  };
}

/** How fast a key's weight falls with the number of stories that carry it. */
const DISCOUNT_SLOPE = 0.5;

/**
 * The weight multiplier for a key carried by `stories` stories of the window: 1 for a key of one
 * story, about ½ for ten, a third for sixty. Logarithmic, as an inverse document frequency.
 */
export function keyDiscount(stories: number): number {
  return stories <= 1 ? 1 : 1 / (1 + DISCOUNT_SLOPE * Math.log(stories));
}

/**
 * The discount of the stems at time `at`, memoised for one report's comparisons. Only lookup keys
 * are counted (`counted`), so the statistics ingest loads for a batch's keys and its candidate
 * stories' keys give exactly what `vestnik stories` computes in memory.
 */
export function windowDiscount(stats: KeyStats, at: number, windowMs: number): (counted: (stem: string) => boolean) => Discount {
  const memo = new Map<string, number>();
  const of = (stem: string): number => {
    let value = memo.get(stem);
    if (value === undefined) memo.set(stem, (value = keyDiscount(stats.count(stem, at, windowMs))));
    return value;
  };
  return (counted) => (stem) => (counted(stem) ? of(stem) : 1);
}
