import { cleanText } from "./html-to-text.js";
import { DocumentError, type ParsedItem } from "./types.js";
import { zonedTimeToUtc, type WallClockTime } from "./zoned-time.js";

// Genitive ("30 ноября") and nominative ("30 ноябрь") forms share these stems.
const MONTH_STEMS: [RegExp, number][] = [
  [/^январ[ья]$/, 1], [/^феврал[ья]$/, 2], [/^марта?$/, 3], [/^апрел[ья]$/, 4],
  [/^ма[йя]$/, 5], [/^июн[ья]$/, 6], [/^июл[ья]$/, 7], [/^августа?$/, 8],
  [/^сентябр[ья]$/, 9], [/^октябр[ья]$/, 10], [/^ноябр[ья]$/, 11], [/^декабр[ья]$/, 12],
];

// `30 ноября 2022, 17:31`, `30 ноября 2022 г., 17:31`, `30 ноября 2022 года в 17:31`, `30 ноября 2022`.
const DATE_LINE =
  /^(\d{1,2})\s+([а-яё]+)\s+(\d{4})(?:\s*(?:г\.|года?)\.?)?(?:\s*,?\s*(?:в\s+)?(\d{1,2})[:.](\d{2}))?$/i;

const AUTHOR_LINE = /^(?:Автор|Author)\s*:\s*(.+)$/i;

/** Site furniture that is never part of an article. */
const BOILERPLATE = [
  /^важное сообщение от редакции/i,
  /^последние новости\b/i,
  /^читайте также\b/i,
  /^читайте нас\b/i,
  /^подписывайтесь\b/i,
  /^подпишитесь\b/i,
  /^смотрите также\b/i,
  /^реклама$/i,
];

/** Reads a zone-less date line; undefined when the line is not one. */
export function parseRussianDateLine(line: string): WallClockTime | undefined {
  const match = DATE_LINE.exec(line.trim().replace(/\s+/g, " "));
  if (!match) return undefined;
  const [, day, monthWord, year, hour, minute] = match;
  const month = MONTH_STEMS.find(([stem]) => stem.test(monthWord!.toLowerCase()))?.[1];
  if (month === undefined) return undefined;
  const parts: WallClockTime = { year: +year!, month, day: +day! };
  if (hour !== undefined) {
    parts.hour = +hour;
    parts.minute = +minute!;
  }
  const check = new Date(Date.UTC(parts.year, month - 1, parts.day));
  if (check.getUTCDate() !== parts.day || (parts.hour ?? 0) > 23 || (parts.minute ?? 0) > 59) {
    return undefined;
  }
  return parts;
}

function nonEmptyLines(text: string): string[] {
  return cleanText(text)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** True when the first non-empty line is a Russian-style date line. */
export function looksLikePlainArticle(text: string): boolean {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n|\r/).find((line) => line.trim() !== "");
  return first !== undefined && parseRussianDateLine(first) !== undefined;
}

/**
 * Parses one plain-text article: a date line, the title, a lead, the title repeated, body
 * paragraphs and an `Автор:` line, followed by site boilerplate that is dropped.
 */
export function parsePlainArticle(text: string, opts: { defaultTimeZone: string }): ParsedItem {
  const lines = nonEmptyLines(text);
  if (lines.length === 0) throw new DocumentError("empty document");
  const date = parseRussianDateLine(lines[0]!);
  if (!date) throw new DocumentError("not an article: the first line is not a date");
  const title = lines[1];
  if (title === undefined || isBoilerplate(title) || AUTHOR_LINE.test(title)) {
    throw new DocumentError("not an article: no title after the date");
  }

  const titleKey = comparable(title);
  const paragraphs: string[] = [];
  let author: string | undefined;
  for (const line of lines.slice(2)) {
    const authorMatch = AUTHOR_LINE.exec(line);
    if (authorMatch) {
      author = authorMatch[1]!.trim();
      break;
    }
    if (comparable(line) === titleKey || isBoilerplate(line)) continue;
    paragraphs.push(line);
  }
  // A shouting line right before the author line or at the very end is an editorial banner.
  while (paragraphs.length > 1 && isShouting(paragraphs[paragraphs.length - 1]!)) paragraphs.pop();

  const lead = paragraphs[0] ?? "";
  const item: ParsedItem = {
    title,
    summary: lead,
    body: paragraphs.join("\n\n"),
    lang: dominantLang(`${title} ${paragraphs.join(" ")}`),
    publishedAt: zonedTimeToUtc(date, opts.defaultTimeZone),
    categories: [],
  };
  if (author) item.author = author;
  return item;
}

function comparable(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

function isBoilerplate(line: string): boolean {
  return BOILERPLATE.some((re) => re.test(line));
}

/** All capitals, with enough letters to be a banner rather than an abbreviation. */
function isShouting(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, "");
  return letters.length >= 8 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

function dominantLang(text: string): string {
  const cyrillic = (text.match(/[\u0400-\u04ff]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return cyrillic >= latin && cyrillic > 0 ? "ru" : "en";
}
