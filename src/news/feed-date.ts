const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** Zone abbreviations seen in feeds, as minutes east of UTC. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180, MSD: 240, BST: 60,
};

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{2,5})?$/i;

// RFC 822/1123 and its common deviations: no weekday, full month names, 2-digit years,
// missing seconds, `+03:00` offsets.
const RFC822 =
  /^(?:[A-Za-z]+\.?,?\s+)?(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([+-]\d{2}:?\d{2}|[A-Z]{1,5})?$/i;

/**
 * Parses the date formats feeds actually use. Anything else yields undefined rather than a
 * guess: V8's lenient `Date.parse` reads strings like "Item 12" as a date in 2001.
 */
export function parseFeedDate(raw: string | undefined): Date | undefined {
  if (!raw) return undefined;
  const text = raw.replace(/\s+/g, " ").trim();
  if (text === "") return undefined;

  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    return build(+y!, +mo!, +d!, num(h), num(mi), num(s), ms, zone);
  }

  const rfc = RFC822.exec(text);
  if (rfc) {
    const [, d, monthName, y, h, mi, s, zone] = rfc;
    const month = MONTHS[monthName!.slice(0, 3).toLowerCase()];
    if (month === undefined) return undefined;
    let year = +y!;
    if (y!.length === 2) year += year < 50 ? 2000 : 1900;
    return build(year, month, +d!, num(h), num(mi), num(s), 0, zone);
  }
  return undefined;
}

function num(value: string | undefined): number {
  return value === undefined ? 0 : Number(value);
}

function zoneMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined) return 0;
  const offset = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    if (minutes > 18 * 60) return undefined;
    return offset[1] === "-" ? -minutes : minutes;
  }
  // RFC 822 says unknown (military) zones must be read as UTC.
  return ZONES[zone.toUpperCase()] ?? 0;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  zone: string | undefined,
): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (hour > 24 || minute > 59 || second > 60) return undefined;
  const offset = zoneMinutes(zone);
  if (offset === undefined) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  // Date.UTC rolls 31 February over into March; a date that moved was never valid.
  const check = new Date(local);
  if (check.getUTCDate() !== day && hour !== 24) return undefined;
  const date = new Date(local - offset * 60_000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
