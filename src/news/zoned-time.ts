import { zoneOffsetMs } from "../shared/time-zone.js";

/** A wall-clock reading without a zone; `month` is 1–12. */
export interface WallClockTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

const DAY_MS = 86_400_000;

/**
 * The instant at which clocks in `timeZone` show `parts`. Around DST changes it follows the
 * usual convention: an ambiguous time (clocks set back) resolves to the earlier instant, a
 * skipped time (clocks set forward) is pushed forward by the size of the gap.
 */
export function zonedTimeToUtc(parts: WallClockTime, timeZone: string): Date {
  const local = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  // Zones change offset at most once within a couple of days, so the offsets a day either
  // side are the only two candidates.
  const before = zoneOffsetMs(local - DAY_MS, timeZone);
  const after = zoneOffsetMs(local + DAY_MS, timeZone);
  const valid = [local - before, local - after].filter(
    (candidate) => local - zoneOffsetMs(candidate, timeZone) === candidate,
  );
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(local - before);
}
