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
  // Per key its hours ascending and the running total up to each: a window's count is two binary
  // searches. Input comes in time order, so an add nearly always touches the last hour.
  const counts = new Map<string, { hours: number[]; totals: number[] }>();
  return {
    add(key, at, reports = 1) {
      let entry = counts.get(key);
      if (!entry) counts.set(key, (entry = { hours: [], totals: [] }));
      const { hours, totals } = entry;
      const hour = bucketOf(at);
      const last = hours.length - 1;
      if (last >= 0 && hours[last] === hour) {
        totals[last]! += reports;
        return;
      }
      if (last < 0 || hours[last]! < hour) {
        hours.push(hour);
        totals.push((totals[last] ?? 0) + reports);
        return;
      }
      // An earlier hour: insert it or add to it, then carry the totals after it.
      let i = upperBound(hours, hour);
      if (i > 0 && hours[i - 1] === hour) i--;
      else {
        hours.splice(i, 0, hour);
        totals.splice(i, 0, i > 0 ? totals[i - 1]! : 0);
      }
      for (let j = i; j < totals.length; j++) totals[j]! += reports;
    },
    count(key, at, windowMs) {
      const entry = counts.get(key);
      if (!entry) return 0;
      const { hours, totals } = entry;
      const to = upperBound(hours, bucketOf(at));
      const from = upperBound(hours, bucketOf(at - windowMs) - 1);
      return to > from ? totals[to - 1]! - (from > 0 ? totals[from - 1]! : 0) : 0;
    },
    prune(before) {
      const first = bucketOf(before);
      for (const [key, entry] of counts) {
        const drop = upperBound(entry.hours, first - 1);
        if (drop === entry.hours.length) counts.delete(key);
        else if (drop > 0) {
          const gone = entry.totals[drop - 1]!;
          entry.hours.splice(0, drop);
          entry.totals.splice(0, drop);
          for (let j = 0; j < entry.totals.length; j++) entry.totals[j]! -= gone;
        }
      }
    },
  };
}

/** Index of the first value greater than `value` in an ascending list. */
function upperBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
