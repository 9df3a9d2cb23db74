// Headlines and one-line summaries for items that have no title (Telegram channel posts, some JSON
// Feed and RSS items). A post's first sentence is usually its headline, but it comes wrapped in
// decoration: leading markers (⚡️❗️📹), trailing channel promos («👉 Топор Live. Подписаться»,
// «@banksta», «😄— Подписаться»), bare links and hashtags. Those are removed before cutting.

export const HEADLINE_LENGTH = 120;

// Words that mark a line as the channel advertising itself rather than reporting.
const PROMO_WORDS =
  /(?:подписать?ся|подписывайтесь|подпишись|подпишитесь|прислать новость|предложить новость|читать нас без vpn|наш канал|subscribe\b|follow us)/i;
const URL = /(?:https?:\/\/|www\.|t\.me\/|bit\.ly\/)\S*/gi;

/** Whether a text holds a link, as the cleaning below recognises one (and drops it from a headline). */
export function hasLink(text: string): boolean {
  URL.lastIndex = 0;
  return URL.test(text);
}
const HASHTAG = /(?:^|\s)#[\p{L}\p{N}_]+/gu;
const MENTION_TAIL = /\s*@[A-Za-z0-9_]{4,}\s*$/;
// Telegram's strikethrough as a post's plain text keeps its markers: «~~Учёные~~ Yota выяснили…» is
// a joke whose struck words are not what happened.
const STRUCK = /~~[^~\n]{1,80}~~/g;
const BARE_LINK_LABEL = /^(?:подробнее|читать|источник|смотреть|видео|ссылка|more|read more|source)\s*:?\s*$/i;
// Anything before the first letter, digit or opening quote/bracket: emoji, arrows, bullets.
const LEADING_MARKERS = /^[^\p{L}\p{N}«"“„'(\[]+/u;
// Emoji, pictographs and their joiners/variation selectors, anywhere.
const PICTOGRAPHS = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u200d\ufe0f\u20e3]/gu;

/** Drops the lines a channel appends to every post and the decoration around the text. */
export function cleanPostText(text: string): string {
  const lines = text.split("\n").map((line) => cleanLine(line));
  const kept: string[] = [];
  for (const line of lines) {
    if (line === "") {
      if (kept.length > 0 && kept[kept.length - 1] !== "") kept.push("");
      continue;
    }
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === "") kept.pop();
  return kept.join("\n");
}

const words = (text: string): number => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
// What may follow a promo's verb: «Подписаться», «Подпишись на канал», «Подписывайтесь на нас».
const PROMO_OBJECT = /канал|нас\b|рассылк|бот/i;

function cleanLine(raw: string): string {
  let line = raw.replace(STRUCK, " ").replaceAll("~~", "").replace(URL, " ").replace(HASHTAG, " ");
  const promo = PROMO_WORDS.exec(line);
  if (promo && line.replace(PICTOGRAPHS, "").trim().length < 80) {
    const after = line.slice(promo.index + promo[0].length);
    // «Путин призвал подписаться на облигации займа» is news that happens to use the verb.
    if (words(after) <= 3 || PROMO_OBJECT.test(after)) {
      // «Доллар упал ниже 104 рублей. 😄— Подписаться» on one line: keep the news, drop the promo.
      // A channel's name before it («👉 Москва с огоньком Live. Подписаться») is not news: what
      // stays must read like a sentence, not a name of a few words.
      const news = line.slice(0, promo.index).replace(/[\s\p{Extended_Pictographic}\ufe0f\u200d—–-]+$/u, "");
      if (words(news) < 5) return "";
      line = news;
    }
  }
  line = line.replace(MENTION_TAIL, "");
  line = line.replace(PICTOGRAPHS, " ").replace(/\s+/g, " ").trim();
  line = line.replace(LEADING_MARKERS, "");
  if (!/\p{L}/u.test(line)) return "";
  if (BARE_LINK_LABEL.test(line)) return "";
  // «— Подписаться» already went; a dangling dash or colon left by a removed link goes too.
  return line.replace(/[\s:—–-]+$/u, "").trim();
}

const SENTENCE_END = /[.!?…](?=\s+[«"“(\p{Lu}\p{N}—–-]|$)/gu;

/**
 * Words that end in a full stop before a capitalised name: «полка ППСН им. Героя», «ул. Ленина»,
 * «пр. Мира», "Dr. Smith", «и др. — …». A single letter standing alone is an initial («И. Петров»)
 * or «г.», «т.е.». Amounts («10 трлн руб.», «$17 млн.») are not here: a capital after them starts a
 * new sentence.
 */
const ABBREVIATIONS = new Set(["им", "ул", "гг", "пр", "просп", "пл", "пер", "наб", "обл", "ст", "св", "ген", "проф",
  "акад", "пос", "дер", "корп", "стр", "рис", "др", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "gen", "gov",
  "sen", "rep"]);
/** The word before a full stop, and what stands before it (a space, a full stop, nothing). */
const LAST_WORD = /(^|[\s.])(\p{L}+)$/u;

function abbreviationBefore(line: string, at: number): boolean {
  const word = LAST_WORD.exec(line.slice(Math.max(0, at - 12), at))?.[2];
  return word !== undefined && (word.length === 1 || ABBREVIATIONS.has(word.toLowerCase()));
}

/** The headline's part of one cleaned line: its first sentence, or the whole line. */
function firstSentence(line: string): string {
  // A sentence end inside the first few words is an abbreviation («г. Москва», "U.S."), not the end.
  for (const end of line.matchAll(SENTENCE_END)) {
    if (end.index < 20) continue;
    if (end[0] === "." && abbreviationBefore(line, end.index)) continue;
    // A question or an exclamation keeps its mark («На что должна пойти Россия?»); a full stop goes.
    return line.slice(0, end[0] === "." ? end.index : end.index + 1);
  }
  return line;
}

/** A first line of at most this many words that ends in a colon introduces what follows. */
const LABEL_WORDS = 6;

/**
 * The headline of a titleless post: its first line or first sentence, whichever is shorter, cut at
 * a word boundary to `max` characters (an ellipsis marks the cut). A short first line ending in a
 * colon is a label («⚡️Зеленский:», «Заявления Путина:») and says nothing alone: the headline is the
 * label and the first sentence after it («Зеленский: «ПВО не хватает…»»). Empty when there is no text.
 */
export function deriveHeadline(text: string, max = HEADLINE_LENGTH): string {
  const first = continued(text, firstCleanLine(text, 0), max);
  let headline = firstSentence(first.line);
  if (first.colon && headline === first.line && words(first.line) <= LABEL_WORDS) {
    const next = firstCleanLine(text, first.next);
    if (next.line !== "") headline = `${first.line}: ${firstSentence(next.line)}`;
  }
  // A headline has no full stop («Биткоин выше $95000.», a whole line too short to split), but an
  // abbreviation keeps its own («и т.д.»).
  headline = headline.replace(/[\s,;:—–-]+$/u, "").replace(/(?<=[\p{L}\p{N}]{2})\.$/u, "").trim();
  return cutClosingQuotes(headline, max);
}

/**
 * The closing quotes a cut left open, innermost first: a sentence that ends inside a quotation
 * («Нам нужно 20 систем. Срочно») or a cut at `max` leaves its «, „, “ or " without a partner.
 * „ is closed by “ (Russian), a “ that closes nothing opens an English quotation closed by ”.
 */
function openQuotes(text: string): string {
  const open: string[] = [];
  // A closer ends its quotation and any left open inside it («a „b» has nothing left open).
  const closes = (closer: string): boolean => {
    const at = open.lastIndexOf(closer);
    if (at < 0) return false;
    open.length = at;
    return true;
  };
  for (const ch of text) {
    if (ch === "«") open.push("»");
    else if (ch === "„") open.push("“");
    else if (ch === "“") {
      if (!closes("“")) open.push("”");
    } else if (ch === '"') {
      if (!closes('"')) open.push('"');
    } else if (ch === "»" || ch === "”") closes(ch);
  }
  return open.reverse().join("");
}

/** cutAtWord, then the quotes the cut left open are closed, all within `max` (plus the ellipsis). */
function cutClosingQuotes(text: string, max: number): string {
  const cut = cutAtWord(text, max);
  const closing = openQuotes(cut);
  if (closing === "") return cut;
  const shorter = cutAtWord(text, max - closing.length);
  return shorter + openQuotes(shorter);
}

// A raw line that ends in a colon once links, emoji and spaces after it are ignored.
const ENDS_IN_COLON = /:[\s\p{Extended_Pictographic}\ufe0f\u200d]*$/u;

/** Lines a headline may run over when the post breaks its first sentence («водометы около<br>здания»). */
const MAX_CONTINUED_LINES = 3;

/**
 * The first line with the lines that continue its sentence: a line that ends without punctuation,
 * followed at once (no blank line between) by one that starts with a small letter, was broken in
 * the middle of a sentence — a bold first line wrapped by hand, a long title split in two.
 */
function continued(text: string, first: CleanLine, max: number): CleanLine {
  let current = first;
  for (let i = 0; i < MAX_CONTINUED_LINES && current.line.length < max; i++) {
    if (current.colon || /[.!?…;]$/u.test(current.line) || firstSentence(current.line) !== current.line) break;
    if (current.next > text.length) break;
    let end = text.indexOf("\n", current.next);
    if (end < 0) end = text.length;
    const raw = text.slice(current.next, end);
    const line = cleanLine(raw);
    if (!/^\p{Ll}/u.test(line)) break;
    current = { line: `${current.line} ${line}`, colon: ENDS_IN_COLON.test(raw.replace(URL, "")), next: end + 1 };
  }
  return current;
}

interface CleanLine {
  line: string;
  colon: boolean;
  next: number;
}

/**
 * The first non-empty line of cleanPostText(text) from `start` on, without cleaning the lines after
 * it: a long post needs only its first lines for a headline. Cleaned lines are trimmed, so non-empty
 * means non-blank. `colon`: the line ended in a colon before cleaning (which drops it); `next`: where
 * the line after it starts.
 */
function firstCleanLine(text: string, start: number): CleanLine {
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const line = cleanLine(raw);
    if (line !== "") return { line, colon: ENDS_IN_COLON.test(raw.replace(URL, "")), next: end + 1 };
    start = end + 1;
  }
  return { line: "", colon: false, next: text.length + 1 };
}

/** A line that ends as a sentence may end, without its full stop («…похожи на грипп и ковид»). */
const OPEN_LINE_END = /[\p{L}\p{N}»")]$/u;
/** A line that opens a sentence (not an item of a numbered list, whose heading lost its colon to cleanLine). */
const SENTENCE_START = /^(?:[\p{Lu}«"„“]|\d(?!\d*[.)]\s))/u;

/**
 * The one-line summary of a titleless post: the cleaned text on one line, cut at a word boundary. A
 * post's first line is often a headline without a full stop; joined to the next it gets one, so the
 * summary reads «…на грипп и ковид. Заболевание обнаружили…», not as one run-on sentence.
 */
export function deriveSummary(text: string, max: number): string {
  const lines = leadingCleanLines(text, max);
  const joined = lines.map((line, i) => {
    const next = lines[i + 1];
    return next !== undefined && OPEN_LINE_END.test(line) && SENTENCE_START.test(next) ? `${line}.` : line;
  });
  return cutClosingQuotes(joined.join(" ").replace(/\s+/g, " ").trim(), max);
}

/**
 * The non-empty cleaned lines of `text` (as cleanPostText gives them) up to the first that reaches
 * past `max` characters of the joined summary, and one more (whether it starts a sentence decides the
 * full stop before it). A long post's later lines are never shown, so they are not cleaned.
 */
function leadingCleanLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let length = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = cleanLine(text.slice(start, end));
    start = end + 1;
    if (line === "") continue;
    lines.push(line);
    // The line after the one that crossed `max` is kept: it decides that line's full stop.
    if (length > max) break;
    // At least the line and a space before the next (a full stop may come too).
    length += line.length + 1;
  }
  return lines;
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  // A full stop right before the cut gives way to the ellipsis («не было…», not «не было.…»).
  const head = (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:—–-]+$/u, "").replace(/(?<=[\p{L}\p{N}]{2})\.$/u, "");
  return `${head}…`;
}
