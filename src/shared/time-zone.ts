/** A zone's wall clock at one instant; `month` is 1–12, `hour` 0–23. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building an Intl.DateTimeFormat costs far more than using one, and schedules ask per reader.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone: callers validate zones typed by people first.
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

/** Whether Intl knows the IANA zone (`Europe/Moscow`, `UTC`); false for `Mars/Base`. */
export function isValidTimeZone(timeZone: string): boolean {
  if (formatters.has(timeZone)) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** What clocks in `timeZone` show at `instant`. Throws RangeError for an unknown zone. */
export function zonedParts(instant: Date | number, timeZone: string): ZonedParts {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields["year"] ?? 1970,
    month: fields["month"] ?? 1,
    day: fields["day"] ?? 1,
    hour: fields["hour"] ?? 0,
    minute: fields["minute"] ?? 0,
    second: fields["second"] ?? 0,
  };
}

/** The zone's UTC offset in milliseconds at the given instant. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  // Intl has no milliseconds here, so compare against the instant truncated to the second.
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}
