import { zoneOffsetMs, zonedParts } from "../shared/time-zone.js";

/** A reader's wall clock: local date (YYYY-MM-DD) and minutes after local midnight. */
export interface LocalClock {
  date: string;
  minute: number;
}

export interface DigestTime {
  timeZone: string;
  /** Minutes after local midnight, 0–1439. */
  digestMinute: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** No zone skips more than this at once (the largest gaps are whole-day date-line moves). */
const MAX_GAP_MINUTES = 24 * 60;
/** The local date and minute of the day shown by clocks in `timeZone` at `instant`. */
export function localClock(instant: Date, timeZone: string): LocalClock {
  const p = zonedParts(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${String(p.year).padStart(4, "0")}-${pad(p.month)}-${pad(p.day)}`, minute: p.hour * 60 + p.minute };
}

/** "HH:MM" for minutes after midnight. */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** Minutes after midnight for "HH:MM" (or "H:MM"); undefined when it is not a valid time of day. */
export function parseMinute(text: string): number | undefined {
  const match = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Instants at which clocks in the zone show exactly this local date and minute (0, 1 or 2 of them). */
function instantsAt(date: string, minute: number, timeZone: string): number[] {
  const wall = Date.parse(`${date}T00:00:00Z`) + minute * MINUTE_MS;
  // An offset changes at most once around a given day, so the offsets a day either side cover it.
  const candidates = new Set([wall - zoneOffsetMs(wall - DAY_MS, timeZone), wall - zoneOffsetMs(wall + DAY_MS, timeZone)]);
  return [...candidates].filter((t) => t + zoneOffsetMs(t, timeZone) === wall).sort((a, b) => a - b);
}

/**
 * When the digest for `date` (the reader's local date) becomes due: the first moment local clocks
 * show the digest time. A time skipped by a DST change is due at the first minute that exists after
 * it; a time that happens twice is due at its first occurrence (the ledger keeps it to one digest).
 */
export function dueInstant(date: string, time: DigestTime): Date {
  const key = `${time.timeZone}|${time.digestMinute}|${date}`;
  let at = dueInstants.get(key);
  if (at === undefined) {
    at = firstInstantFrom(date, time);
    if (dueInstants.size >= MAX_DUE_INSTANTS) dueInstants.clear();
    dueInstants.set(key, at);
  }
  return new Date(at);
}

/**
 * Every delivery settles with its reader's next due instant, which takes four or more Intl lookups;
 * readers share a few (zone, time, date) triples, and a zone's rules do not change while the
 * process runs, so each triple is worked out once. Bounded: cleared when full.
 */
const dueInstants = new Map<string, number>();
const MAX_DUE_INSTANTS = 50_000;

function firstInstantFrom(date: string, time: DigestTime): number {
  for (let m = time.digestMinute; m < time.digestMinute + MAX_GAP_MINUTES; m += 1) {
    const day = m < 1440 ? date : addDays(date, 1);
    const [first] = instantsAt(day, m % 1440, time.timeZone);
    if (first !== undefined) return first;
  }
  throw new RangeError(`no local time exists after ${formatMinute(time.digestMinute)} on ${date} in ${time.timeZone}`);
}

export interface DueCheck {
  /** The reader's current local date: the ledger key of today's digest. */
  localDate: string;
  due: boolean;
}

/** Whether the digest time has come on the reader's current local date (the ledger decides the rest). */
export function checkDue(now: Date, time: DigestTime): DueCheck {
  const { date } = localClock(now, time.timeZone);
  return { localDate: date, due: now.getTime() >= dueInstant(date, time).getTime() };
}

/** When the next digest will come: today's time if it is still ahead (or not yet delivered), else tomorrow's. */
export function nextDigestAt(now: Date, time: DigestTime, deliveredToday: boolean): Date {
  const { date } = localClock(now, time.timeZone);
  const today = dueInstant(date, time);
  if (!deliveredToday) return today.getTime() > now.getTime() ? today : now;
  return dueInstant(addDays(date, 1), time);
}

/** When the digest after the one for `localDate` becomes due: the next local day's digest time. */
export function dueAfter(localDate: string, time: DigestTime): Date {
  return dueInstant(addDays(localDate, 1), time);
}
