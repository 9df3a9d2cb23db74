// Text that says nothing about the article's own subject, removed before tagging: the dateline, the
// back-references that news sites append to every item («Ранее сообщалось, что в Астане…»,
// «Напомним…», "Earlier, …"), and the trailers — related-links blocks and channel promos
// («Читайте также», «Подписывайтесь на наш канал», "Read more", "Sign up for our newsletter").
// A back-reference names an older story, often from elsewhere; tagging the new story with its place
// is the classic false positive of keyword taggers on real feeds.
//
// A regular expression, tried at the start of every sentence and paragraph, finds such sentences; the
// sentence (a back-reference) or the rest of its paragraph (a trailer: link lists have no full stops)
// is cut. Texts without any marker — most of them — are returned as they are.

// "Бишкек. 21 мая. КирТАГ – …", "ALMATY, May 5 (Reuters) - …": a dateline names where the reporter
// filed from, not what the story is about, and Central Asian agencies put one on every item — at the
// start of the text, or of its second paragraph when the feed repeats the title or lead first.
const DATELINE = new RegExp(
  String.raw`^[^\S\n]*\p{Lu}[\p{L}-]+(?:[ -]\p{Lu}[\p{L}-]+)?[.,]\s+` // a city: one or two capitalised words
    + String.raw`(?:\d{1,2}\s+\p{Ll}{3,9}|\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})(?:,?\s+\d{4})?` // «21 мая», "May 5"
    + String.raw`(?:[.,]|\s*\([^)]{1,30}\)|\s+[–—-])\s*` // then punctuation, "(Reuters)" or a dash
    + String.raw`(?:[\p{L}\d.]{2,20}\s*[–—-]\s*)?`, // and maybe an agency before a dash
  "gmu",
);

/** The text without datelines at the start of its paragraphs. */
export function stripDateline(text: string): string {
  return text.replace(DATELINE, "");
}

// Sentence openings that refer back to older news. «Ранее» alone opens most of them («Ранее в МИД
// заявили…», «Ранее K-News писал…»); a story that itself begins with «Ранее» keeps its first sentence.
const BACK_REFERENCE = String.raw`Ранее|Напомним|Напомню|Напоминаем|Как\s+сообщал(?:ось|и|а|)|Как\s+ранее\s+сообщал(?:ось|и|а|)`
  + String.raw`|Как\s+писал(?:и|а|)|Ранее\s+сообщалось|Earlier(?:\s+this\s+(?:week|month|year))?,|Previously,`
  + String.raw`|As\s+(?:previously\s+|earlier\s+)?reported|It\s+was\s+(?:earlier|previously)\s+reported`;
// Openings of trailers: the rest of the paragraph is links, tags or an advertisement for a channel.
const TRAILER = String.raw`Читайте\s+(?:также|еще|нас|новости)|Смотрите\s+также|Читать\s+также|Подробнее\s*:|По\s+теме\s*:`
  + String.raw`|Новости\s+по\s+теме|Другие\s+новости|Теги\s*:|Подписывайтесь|Подпишитесь|Подписаться\s+на`
  + String.raw`|Наш\s+(?:канал|телеграм|Telegram)|Присоединяйтесь\s+к\s+нам|Следите\s+за\s+(?:нами|новостями)`
  + String.raw`|Запись\s+.{1,200}?\s+впервые\s+появилась|Read\s+(?:more|also|next)\s*:?|Related\s*(?:articles|stories|news|coverage)?\s*:`
  + String.raw`|See\s+also\s*:|More\s+on\s+this\s+story|Subscribe\s+to|Sign\s+up\s+(?:for|to)|Follow\s+us\s+on`
  + String.raw`|Tap\s+to\s+listen|Listen\s+to\s+(?:this\s+article|Post)|Join\s+our\s+(?:Telegram|channel|newsletter)`
  // A channel's pointers to its other outlets: «Расширенную версию смотрите на нашем YouTube-канале»,
  // «Читать нас без VPN можно здесь», «🎧Слушайте подкаст… в Youtube | на других платформах».
  + String.raw`|Читать\s+нас|Расширенн\p{L}*\s+верси\p{L}*\s+смотрите|Смотрите\s+(?:полн|расширенн)\p{L}*\s+верси`
  + String.raw`|Смотрите\s+(?:на\s+нашем|нас\s+на)|Слушайте\s+(?:подкаст|нас|наш|выпуск)`;
// A channel's signature under every post: its name and «Подписаться» («🕹КиберТопор — Подписаться»,
// «📈Топор. Экономика — Подписаться», «😄— Подписаться»): the name is no subject of the post. Each word
// ends in a space, so the words split one way only. Tried only in texts that hold the word: at every
// sentence start of every text it cost a quarter of the tagger's speed.
const SIGNATURE = String.raw`(?:[\p{L}\p{N}+][\p{L}\p{N}.+'’-]*[^\S\n]+){0,4}[.—–-]?[^\S\n]*Подписаться(?!\p{L})`;
const SIGNATURE_WORD = "Подписаться";
// A marker counts only at the start of a text, a paragraph or a sentence. Rather than trying the
// marker at every position behind a lookbehind (most of the tagger's time went there), the scan first
// finds where sentences and paragraphs start — after whitespace that follows a sentence's end or holds
// a line break — and tries the marker, anchored, only there: a couple of dozen places in a long text.
// An emoji or two may lead a marker («🎧Слушайте…», «👉 Подписаться на…»).
const markerOf = (trailer: string): RegExp =>
  new RegExp(String.raw`(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}]\s?){0,3}(?:(${BACK_REFERENCE})(?!\p{L})|(${trailer}))`, "uy");
const MARKER = markerOf(TRAILER);
const MARKER_OR_SIGNATURE = markerOf(`${TRAILER}|${SIGNATURE}`);
const SENTENCE_START = /[.!?…»"”)]\s+|\n\s*/g;
// Where a back-reference ends: the end of its sentence (a full stop before a capital, or a newline).
const SENTENCE_END = /[.!?…]+[»"”)]?(?=\s+[\p{Lu}«"„\d–—-]|\s*$)|\n/u;
/** Longest stretch a single marker removes, so a missing full stop cannot swallow a whole article. */
const MAX_CUT = 600;

/** The marker that starts at `at`, if any. */
function markerAt(text: string, at: number, marker: RegExp): RegExpExecArray | null {
  marker.lastIndex = at;
  return marker.exec(text);
}

/** Where the line holding `at` ends (its newline, or the text's end). */
function lineEnd(text: string, at: number): number {
  const newline = text.indexOf("\n", at);
  return newline < 0 ? text.length : newline;
}

/** The next sentence start after SENTENCE_START.lastIndex, or -1. */
function nextSentenceStart(text: string): number {
  return SENTENCE_START.exec(text) === null ? -1 : SENTENCE_START.lastIndex;
}

/** The text without back-references to older news and without trailers. */
export function stripBoilerplate(text: string): string {
  let out = "";
  let kept = 0;
  // Where the last marker (cut or not) ends: a marker is never looked for inside another.
  let from = 0;
  const marker = text.includes(SIGNATURE_WORD) ? MARKER_OR_SIGNATURE : MARKER;
  SENTENCE_START.lastIndex = 0;
  for (let start = 0; start >= 0; start = nextSentenceStart(text)) {
    if (start < from) continue;
    const match = markerAt(text, start, marker);
    if (match === null) continue;
    from = start + match[0].length;
    // The text's first sentence is the story itself, even when it opens with «Ранее».
    if (start === 0 && match[1] !== undefined) continue;
    let end: number;
    if (match[1] !== undefined) {
      const rest = text.slice(from, start + MAX_CUT);
      const stop = SENTENCE_END.exec(rest);
      end = from + (stop === null ? rest.length : stop.index + stop[0].length);
    } else {
      end = lineEnd(text, from);
      // A trailer that ends in a colon introduces its links on the next line («Слушайте подкаст:» /
      // «на сайте | в Youtube | на других платформах»).
      const next = text.slice(end).search(/\S/);
      if (next >= 0 && text.slice(from, end).trimEnd().endsWith(":")) end = lineEnd(text, end + next);
      end = Math.min(end, start + MAX_CUT);
    }
    out += `${text.slice(kept, start)} `;
    kept = end;
    from = Math.max(from, end);
  }
  return kept === 0 ? text : out + text.slice(kept);
}

// Notices Russian law requires beside certain names: «(принадлежит Meta, признана экстремистской
// организацией в РФ)», «(в реестре «иноагентов»)», a footnote line «*Движение признано террористическим
// в РФ.». They label a name, not the story: a fraud through WhatsApp is no extremism news, and the
// name itself («ИГИЛ», «Хайят Тахрир аш-Шам») stays for the tagger to read.
const NOTICE_WORDS = /экстремист|террорист|иноагент|иностранн\p{L}*\s+агент|нежелательн|запрещ[её]н|признан\p{L}*\s+в\s+(?:РФ|России)/iu;
const PARENTHESIS = /\s*\([^()\n]{0,200}\)/g;
/** A parenthesis a headline's cut left open: «…ЛГБТ (движение признано в РФ…». */
const OPEN_PARENTHESIS = /\s*\([^()\n]{0,200}$/;
const FOOTNOTE = /^[ \t]*\*[^\n]{0,300}$/gm;

const withoutNotice = (part: string): string => (NOTICE_WORDS.test(part) ? "" : part);

/** The text without the legal notices that follow some names. */
export function stripLegalNotices(text: string): string {
  if (!NOTICE_WORDS.test(text)) return text;
  return text.replace(PARENTHESIS, withoutNotice).replace(FOOTNOTE, withoutNotice).replace(OPEN_PARENTHESIS, withoutNotice);
}
