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
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone, which is a configuration error, not bad input.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's UTC offset in milliseconds at the given instant. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    fields["year"] ?? 1970,
    (fields["month"] ?? 1) - 1,
    fields["day"] ?? 1,
    fields["hour"] ?? 0,
    fields["minute"] ?? 0,
    fields["second"] ?? 0,
  );
  // Intl has no milliseconds here, so compare against the instant truncated to the second.
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

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
