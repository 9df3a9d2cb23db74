// When an alert may go out: quiet hours in the reader's zone (DST-aware, through the digest's
// wall-clock helpers) and the hourly cap.
import { dueInstant, localClock } from "../digest/schedule.js";

export interface QuietHours {
  /** Local minutes after midnight; start > end spans midnight (23:00–08:00). */
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function inQuietHours(minute: number, quiet: QuietHours): boolean {
  if (quiet.start === quiet.end) return false;
  return quiet.start < quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
}

/**
 * The instant quiet hours end, when `now` falls inside them in `timeZone`; undefined outside them.
 * An end time skipped by a DST change falls on the first minute that exists after it.
 */
export function quietUntil(now: Date, timeZone: string, quiet: QuietHours | null): Date | undefined {
  if (!quiet) return undefined;
  const clock = localClock(now, timeZone);
  if (!inQuietHours(clock.minute, quiet)) return undefined;
  // Before midnight in a span across it, the end is tomorrow.
  const endDate = quiet.start > quiet.end && clock.minute >= quiet.start ? addDays(clock.date, 1) : clock.date;
  const end = dueInstant(endDate, { timeZone, digestMinute: quiet.end });
  // A repeated hour (clocks going back) can put the first occurrence behind us: never hold into the past.
  return end.getTime() > now.getTime() ? end : new Date(now.getTime() + 60_000);
}

/** Send `sendNow` alerts now; the rest wait for one summary at `holdUntil`. */
export interface CapDecision {
  sendNow: number;
  holdUntil: Date | null;
}

/**
 * The hourly cap: with `sentLastHour` alert messages already out (the oldest at `oldest`), how
 * many of `waiting` may go now. The rest go as one summary an hour after the window's start, or
 * with the chat's summary already held for later (`heldUntil`), whichever is set.
 */
export function applyCap(now: Date, waiting: number, cap: number, sentLastHour: number, oldest: Date | null, heldUntil: Date | null): CapDecision {
  const room = Math.max(0, cap - sentLastHour);
  if (waiting <= room) return { sendNow: waiting, holdUntil: null };
  const windowEnd = new Date((oldest ?? now).getTime() + HOUR_MS);
  const at = heldUntil ?? (windowEnd.getTime() > now.getTime() ? windowEnd : new Date(now.getTime() + HOUR_MS));
  return { sendNow: room, holdUntil: at };
}
