// What the story engine knows about one report: weighted stems of its lead, the names and numbers
// in it, and word-trigram shingles for near-copy detection. Stems come from topics/stem, the same
// morphology search and topics use, so «Южной Кореи» and «Южная Корея» are one name here too.
import { splitWords, stemWord } from "../topics/stem.js";
import { cleanPostText } from "./headline.js";
import { GENERIC_STEMS } from "./generic-words.js";
import { PREFIX } from "./similarity.js";
import { synonymClass } from "./synonyms.js";

/** The lead carries the event; later paragraphs drift into background shared with other stories. */
const LEAD_WORDS = 70;
const LEAD_CHARS = 1500;
const MAX_SHINGLES = 40;
/** A one-word headline («Путин») says too little: the head reads at least this many words. */
const HEAD_WORDS = 10;
const MAX_HEAD_WORDS = 30;
/** Lookup keys stored per report: enough to find its story, few enough to keep the index small. */
const MAX_KEYS = 8;

export interface StoryInput {
  title: string;
  text: string;
  publishedAt: Date;
  source?: string;
}

export interface HeadTerm {
  stem: string;
  weight: number;
  /** The stem's first PREFIX letters when it has at least that many, else undefined. */
  root: string | undefined;
  /** A name or number (not the action). */
  entity: boolean;
  /** Its class of synonyms (./synonyms.ts), if any. */
  synonyms: string | undefined;
}

export interface Features {
  /** stem → weight (names and numbers weigh more, news boilerplate less). */
  readonly terms: ReadonlyMap<string, number>;
  /** Sum of squared weights, cached for the cosine. */
  readonly norm: number;
  /** stem → weight for the headline (at least the first HEAD_WORDS words): what the report is about. */
  readonly head: ReadonlyMap<string, number>;
  /** Sum of the head's weights. */
  readonly headWeight: number;
  /** The head as a list, with what a comparison asks of each stem precomputed. */
  readonly headTerms: readonly HeadTerm[];
  /** First PREFIX letters of the stems that have as many, for matching words of one root (similarity.tells). */
  readonly prefixes: ReadonlySet<string>;
  /** Stems that are names (capitalised inside a sentence, acronyms) or numbers. */
  readonly entities: ReadonlySet<string>;
  /** The synonym classes of the lead's stems (./synonyms.ts). */
  readonly synonyms: ReadonlySet<string>;
  /** Hashes of consecutive stem triples, sorted, for near-copy containment. */
  readonly shingles: readonly number[];
  readonly at: number;
  /**
   * Whether the headline imposes something («ввёл», «объявил», «declares») or undoes it
   * («отменил», «lifted», «cancels»; undoing wins when it has both): declaring martial law and
   * lifting it share every name and most words, yet they are two events.
   */
  readonly stance: Stance;
  /**
   * A channel's roundup of several events («Главное к утру среды», «Новости к этому часу»): it tells
   * every story of the day a little, so it joins none and none joins it.
   */
  readonly roundup: boolean;
}

const NAME_WEIGHT = 2.2;
const NUMBER_WEIGHT = 1.8;
const WORD_WEIGHT = 1;
const GENERIC_WEIGHT = 0.25;
const TITLE_BONUS = 1.3;

const ACRONYM = /^[A-ZА-ЯЁ]{2,6}$/;

function isNumber(word: string): boolean {
  return /^\d/.test(word);
}

function isCapitalised(word: string): boolean {
  const first = word[0];
  return first !== undefined && first !== first.toLowerCase() && first === first.toUpperCase();
}

/** The text the features read: the headline, then the start of the cleaned body. */
function leadText(input: StoryInput): string {
  // The lead is the first LEAD_WORDS words: a long article's tail need not be cleaned.
  const body = cleanPostText(input.text.length > LEAD_CHARS ? input.text.slice(0, LEAD_CHARS) : input.text);
  const title = input.title.trim();
  // A titleless post's headline is its own first sentence: do not count it twice.
  if (title === "" || startsWithWords(body, title.replace(/…$/, ""))) return body;
  return `${title}.\n${body}`;
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Whether `text` begins with the words of `prefix`, whatever stands between them: a derived
 * headline joins a label line to the next («Зеленский: «ПВО…»» from «Зеленский\n\n«ПВО…»»).
 */
function startsWithWords(text: string, prefix: string): boolean {
  if (text.startsWith(prefix)) return true;
  const words = prefix.replace(NOT_WORD, " ").trim();
  // The body's words up to the length of the prefix and a little more, for the punctuation dropped.
  return words !== "" && text.slice(0, prefix.length * 2 + 8).replace(NOT_WORD, " ").trim().startsWith(words);
}

const SENTENCES = /(?<=[.!?…])\s+|\n+/;

/** Letters a name's stem keeps: Snowball stems the cases of a name apart (Пезешкиан → пезешкиа, Пезешкианом → пезешкиан). */
const NAME_LETTERS = 6;
const NAME_ENDING = /[аеиоуыэюяйь]+$/;

/**
 * One form for every case of a Russian name: the stem without a trailing vowel, at most
 * NAME_LETTERS letters («Корея» → коре, «Корее» → кор: both кор). Generic words keep their stem, so
 * «РИА Новости» stays news boilerplate. Latin names are stemmed well enough by the English stemmer.
 */
export function nameStem(stem: string): string {
  if (GENERIC_STEMS.has(stem) || !/[а-я]/.test(stem)) return stem;
  let out = stem;
  const ending = NAME_ENDING.exec(out);
  if (ending && out.length - ending[0].length >= 3) out = out.slice(0, ending.index);
  return out.length > NAME_LETTERS ? out.slice(0, NAME_LETTERS) : out;
}

/** One stem of the lead, in reading order, with what its surface word told about it. */
interface Token {
  stem: string;
  number: boolean;
  /** Capitalised inside a sentence, or an acronym anywhere: a name. */
  name: boolean;
  /** Capitalised at the start of a sentence: a name only if the lead names it elsewhere. */
  initialCapital: boolean;
}

export function extractFeatures(input: StoryInput): Features {
  const tokens: Token[] = [];
  const names = new Set<string>();
  for (const sentence of leadText(input).split(SENTENCES)) {
    // The lead is full: the remaining sentences need not be split into words.
    if (tokens.length >= LEAD_WORDS) break;
    const words: string[] = [];
    splitWords(sentence, words);
    for (let i = 0; i < words.length && tokens.length < LEAD_WORDS; i++) {
      const word = words[i]!;
      const number = isNumber(word);
      const capital = !number && isCapitalised(word);
      // The first word of a sentence is capitalised by grammar; only an acronym there is a name.
      const name = capital && (i > 0 || ACRONYM.test(word));
      for (const raw of stemWord(word)) {
        if (raw.length < 2) continue;
        const stem = name ? nameStem(raw) : raw;
        if (name) names.add(stem);
        tokens.push({ stem, number, name, initialCapital: capital && !name });
      }
    }
  }
  // «Трамп пригрозил…» opens with a name as often as not: it is one when the lead names it again.
  const entities = new Set<string>();
  for (const token of tokens) {
    // A sentence-initial word the lead also names inside a sentence takes the name's form.
    if (token.initialCapital) {
      const stem = nameStem(token.stem);
      if (names.has(stem)) token.stem = stem;
    }
    if (GENERIC_STEMS.has(token.stem)) continue;
    if (token.number || token.name || (token.initialCapital && names.has(token.stem))) entities.add(token.stem);
  }
  const terms = new Map<string, number>();
  const titleWords = input.title.trim() === "" ? 0 : countWords(input.title);
  const headWords = Math.min(MAX_HEAD_WORDS, Math.max(HEAD_WORDS, titleWords));
  const head = new Set<string>();
  const sequence: string[] = [];
  tokens.forEach(({ stem, number }, index) => {
    // Attribution («СМИ», «Рёнхап») is news boilerplate even when written as a name.
    let weight = GENERIC_STEMS.has(stem)
      ? GENERIC_WEIGHT
      : entities.has(stem)
        ? number
          ? NUMBER_WEIGHT
          : NAME_WEIGHT
        : WORD_WEIGHT;
    if (stem.length < 3 && !number) weight *= 0.5;
    if (index < titleWords) weight *= TITLE_BONUS;
    weight = Math.round(weight * 10) / 10;
    if ((terms.get(stem) ?? 0) < weight) terms.set(stem, weight);
    if (index < headWords) head.add(stem);
    sequence.push(stem);
  });
  return assemble(terms, head, entities, shingle(sequence), input.publishedAt.getTime());
}

function assemble(
  terms: Map<string, number>,
  headStems: Iterable<string>,
  entities: Set<string>,
  shingles: number[],
  at: number,
): Features {
  let norm = 0;
  for (const weight of terms.values()) norm += weight * weight;
  // A head stem weighs what it weighs in the whole lead (a name stays a name).
  const head = new Map<string, number>();
  let headWeight = 0;
  for (const stem of headStems) {
    const weight = terms.get(stem) ?? 0;
    head.set(stem, weight);
    headWeight += weight;
  }
  const prefixes = new Set<string>();
  const synonyms = new Set<string>();
  for (const stem of terms.keys()) {
    if (stem.length >= PREFIX) prefixes.add(stem.slice(0, PREFIX));
    const kind = synonymClass(stem);
    if (kind !== undefined) synonyms.add(kind);
  }
  const headTerms: HeadTerm[] = [...head].map(([stem, weight]) => ({
    stem,
    weight,
    root: stem.length >= PREFIX ? stem.slice(0, PREFIX) : undefined,
    entity: entities.has(stem),
    synonyms: synonymClass(stem),
  }));
  return {
    terms, norm, head, headWeight, headTerms, entities, prefixes, synonyms, shingles, at,
    stance: stanceOf(headTerms),
    roundup: isRoundup(headTerms),
  };
}

/** Second stems after «главное» that make a roundup's headline: «к утру», «к вечеру», «за неделю», «за день». */
const ROUNDUP_AFTER_MAIN = new Set(["утр", "вечер", "недел", "дня", "ден", "выходн", "сутк"]);

/** Head words within which «главные события» make a roundup. */
const ROUNDUP_LOOKAHEAD = 4;

/**
 * Whether the headline is a roundup's: by its opening words (stems in reading order; «к», «за» are
 * stop words), or «главные события» near its start.
 */
function isRoundup(terms: readonly HeadTerm[]): boolean {
  const stems = terms.map((t) => t.stem);
  const [first, second, third] = stems;
  // «Спецоперация. Обстановка и главные события на 30 ноября»: the day's main events, wherever the
  // column's name puts them in the headline.
  for (let i = 0; i + 1 < Math.min(stems.length, ROUNDUP_LOOKAHEAD); i++) {
    if (stems[i] === "главн" && stems[i + 1] === "событ") return true;
  }
  if (first === "главн") return second !== undefined && ROUNDUP_AFTER_MAIN.has(second);
  // «Новости к этому часу», «Итоги дня», "Morning briefing".
  if (first === "новост") return second === "час" || third === "час";
  if (first === "итог") return second === "дня" || second === "недел";
  return (first === "morn" || first === "even") && second === "brief";
}

export type Stance = "undoes" | "imposes" | "neither";

/** Stems of undoing: «отмена» (Snowball: отмен, and отм for «отмены»), «аннулировать», «отозвать», «недействительно», lift, repeal… */
const UNDOING = ["отмен", "аннулир", "отзов", "отозва", "недейств", "lift", "repeal", "revok", "rescind", "cancel", "overturn"];
/** …whole stems: «отмены», and «снят», «снятие», «сняли» (a regime or a restriction lifted: «Режим „Ковёр“ снят»). */
const UNDOING_STEMS = new Set(["отм", "снят", "снял"]);
/** …and of imposing: «введение», «ввёл», «вводит», «ввести», «объявил», impose, declare, issue, introduce. */
const IMPOSING = ["введ", "ввел", "ввод", "ввест", "объяв", "impos", "declar", "issu", "introduc"];

/**
 * «против» (Snowball: прот) right before an imposing word: voting against an imposition is undoing
 * it («проголосовал против введения…»). English "against" is a stop word and never reaches here.
 */
const AGAINST = "прот";

function stanceOf(terms: readonly HeadTerm[]): Stance {
  let imposes = false;
  let against = false;
  for (const { stem } of terms) {
    if (UNDOING_STEMS.has(stem) || UNDOING.some((prefix) => stem.startsWith(prefix))) return "undoes";
    const imposing = IMPOSING.some((prefix) => stem.startsWith(prefix));
    if (imposing && against) return "undoes";
    if (imposing) imposes = true;
    against = stem === AGAINST;
  }
  return imposes ? "imposes" : "neither";
}

function countWords(text: string): number {
  const words: string[] = [];
  splitWords(text, words);
  return words.length;
}

function shingle(sequence: readonly string[]): number[] {
  const out = new Set<number>();
  for (let i = 0; i + 2 < sequence.length && out.size < MAX_SHINGLES; i++) {
    out.add(hash(`${sequence[i]} ${sequence[i + 1]} ${sequence[i + 2]}`));
  }
  return [...out].sort((a, b) => a - b);
}

/** FNV-1a, 32 bits: shingles only need to be equal for equal triples. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The keys a report is found by: its heaviest stems (names and numbers first). Two reports of one
 * event share at least one of them in practice; the similarity decides the rest.
 */
export function lookupKeys(features: Features): string[] {
  return [...features.terms.entries()]
    .filter(([, weight]) => weight >= WORD_WEIGHT)
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
    .slice(0, MAX_KEYS)
    .map(([stem]) => stem);
}

/** A compact, JSON-safe form of the features, stored with a story's core reports. */
export interface StoredFeatures {
  /** [stem, weight×10] pairs. */
  t: [string, number][];
  e: string[];
  /** Head stems (their weights are in `t`). */
  h: string[];
  /** Shingles as base64 of their 32-bit values: a third of their JSON size. */
  s: string;
  at: number;
}

export function storeFeatures(features: Features): StoredFeatures {
  return {
    t: [...features.terms].map(([stem, weight]) => [stem, Math.round(weight * 10)]),
    e: [...features.entities],
    h: [...features.head.keys()],
    s: Buffer.from(Uint32Array.from(features.shingles).buffer).toString("base64"),
    at: features.at,
  };
}

export function loadFeatures(stored: StoredFeatures): Features {
  const terms = new Map<string, number>();
  for (const [stem, weight] of stored.t) terms.set(stem, weight / 10);
  const bytes = Buffer.from(stored.s, "base64");
  const shingles = Array.from(new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4)));
  return assemble(terms, stored.h, new Set(stored.e), shingles, stored.at);
}
