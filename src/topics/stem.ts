// Tokenizer + stemmer for topic tagging. It mirrors Postgres' `russian` text-search configuration
// (the one the article store indexes with) closely enough that a stem seen here is the lexeme
// `to_tsvector('russian', …)` stores: lower-case, ё→е, Cyrillic words through the Russian Snowball
// stemmer, all-Latin words through the English (Porter2) one, stop words dropped, and a hyphenated
// compound yields its own stem followed by the stems of its parts.
//
// Deliberate differences from Postgres, all in favour of messy feed text:
// - a word mixing scripts is repaired first (`cегодня` with a Latin c, `СASA` with a Cyrillic С),
//   where Postgres would index the mangled form;
// - `U.S.` / `U.S.A.` become `us` (Postgres yields `u.s`);
// - a short all-capitals word (an acronym: «КТО», "US") is never dropped as a stop word;
// - apostrophes split words as in Postgres, but typographic ones are treated the same.
import { englishStemmer as english, russianStemmer as russian } from "../shared/snowball.js";
import { ENGLISH_STOP_WORDS, RUSSIAN_STOP_WORDS } from "./stop-words.js";

// Letters that look alike in both scripts, as they appear after lower-casing. Upper-case look-alikes
// (B/В, H/Н, M/М, T/Т, K/К) lower-case to letters that no longer look alike, so they are listed too.
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: "а", b: "в", c: "с", e: "е", h: "н", k: "к", m: "м", o: "о", p: "р", t: "т", x: "х", y: "у",
};
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: "a", в: "b", с: "c", е: "e", н: "h", к: "k", м: "m", о: "o", р: "p", т: "t", х: "x", у: "y",
  і: "i", ј: "j", ѕ: "s",
};

const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const HYPHENS = /[-\u2010\u2011]/;
const US_DOTTED = /\bU\.S\.(?:A\.)?/g;
const ACRONYM = /^[A-ZА-ЯЁ]{2,5}$/;

/** Rewrites a mixed-script word into the script its unambiguous letters belong to. */
export function repairMixedScript(word: string): string {
  if (!CYRILLIC.test(word) || !LATIN.test(word)) return word;
  let cyrillicOnly = 0;
  let latinOnly = 0;
  let cyrillic = 0;
  let latin = 0;
  for (const ch of word) {
    if (ch >= "a" && ch <= "z") {
      latin++;
      if (LATIN_TO_CYRILLIC[ch] === undefined) latinOnly++;
    } else if (CYRILLIC.test(ch)) {
      cyrillic++;
      if (CYRILLIC_TO_LATIN[ch] === undefined) cyrillicOnly++;
    }
  }
  // A word with letters unique to both scripts is a genuine mix (or noise): leave it alone.
  if (cyrillicOnly > 0 && latinOnly > 0) return word;
  const toCyrillic = cyrillicOnly > 0 || (latinOnly === 0 && cyrillic >= latin);
  const table = toCyrillic ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
  let out = "";
  for (const ch of word) out += table[ch] ?? ch;
  return out;
}

function stemSimple(word: string, acronym = false): string | undefined {
  if (!LETTER.test(word)) return word; // a number: Postgres keeps it as is
  if (DIGIT.test(word)) return word; // "g20", "су35": Postgres' `simple` dictionary, no stemming
  if (CYRILLIC.test(word)) {
    if (!acronym && RUSSIAN_STOP_WORDS.has(word)) return undefined;
    return russian.stem(word);
  }
  if (!acronym && ENGLISH_STOP_WORDS.has(word)) return undefined;
  return LATIN.test(word) ? english.stem(word) : word;
}

/** One surface word analysed: parallel arrays of normalised forms and their stems. */
export interface WordAnalysis {
  /** Lower-cased, ё→е, script-repaired forms (the compound first, then its parts). */
  readonly forms: readonly string[];
  /** Stems aligned with `forms`. */
  readonly stems: readonly string[];
}

const EMPTY: WordAnalysis = { forms: [], stems: [] };

/** Analyses one surface word (no spaces); stop words yield nothing. Not memoised. */
export function analyzeWordUncached(surface: string): WordAnalysis {
  let word = surface.toLowerCase().replaceAll("ё", "е");
  if (/\p{M}/u.test(word)) word = word.normalize("NFC").replace(/\p{M}/gu, "").replaceAll("ё", "е");
  if (!HYPHENS.test(word)) {
    // A short all-capitals word is an acronym: it keeps its case as its form, so lexicons can tell
    // "US" from the pronoun "us", and it is never a stop word («КТО» is a counter-terrorist operation).
    // Its stem is lower-case as usual.
    const acronym = ACRONYM.test(surface);
    const repaired = repairMixedScript(word);
    const stem = stemSimple(repaired, acronym);
    if (stem === undefined) return EMPTY;
    return { forms: [acronym ? repaired.toUpperCase() : repaired], stems: [stem] };
  }
  const parts = word.split(HYPHENS).map(repairMixedScript);
  const whole = parts.join("-");
  const forms: string[] = [whole];
  const stems: string[] = [];
  // The compound as one lexeme: Russian stemmer if any part is Cyrillic, as Postgres' hword.
  if (!LETTER.test(whole) || DIGIT.test(whole)) stems.push(whole);
  else stems.push(CYRILLIC.test(whole) ? russian.stem(whole) : english.stem(whole));
  for (const part of parts) {
    const stem = stemSimple(part);
    if (stem === undefined) continue;
    forms.push(part);
    stems.push(stem);
  }
  return { forms, stems };
}

/** Stems of one surface word, not memoised. */
export function stemWordUncached(surface: string): string[] {
  return [...analyzeWordUncached(surface).stems];
}

/** A text split into normalised word forms and their stems (parallel arrays). */
export interface TextAnalysis {
  forms: string[];
  stems: string[];
}

const OTHER_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

// Length (0, 1 or 2 UTF-16 units) of the word character at `at`: a letter, digit or combining mark.
// Hand-rolled because this runs on every character of every article, and a Unicode-property regex
// is several times slower on the common ranges (ASCII, Cyrillic).
function wordCharAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) ? 1 : 0;
  }
  if (code >= 0x400 && code <= 0x4ff) return 1;
  if (code >= 0xd800 && code <= 0xdbff) return OTHER_WORD_CHAR.test(text.slice(at, at + 2)) ? 2 : 0;
  return OTHER_WORD_CHAR.test(text[at]!) ? 1 : 0;
}

function isHyphen(code: number): boolean {
  return code === 0x2d || code === 0x2010 || code === 0x2011;
}

/**
 * Where the words of a text are, for callers that look words up in a memo without copying each one
 * out (see ./word-memo.ts). Reusable: the array keeps its capacity from one text to the next.
 */
export interface WordBounds {
  /** The text the bounds index: the input with "U.S." written "US" and soft hyphens removed. */
  source: string;
  /** Starts and ends, interleaved: word k is source[bounds[2k], bounds[2k + 1]). */
  bounds: number[];
  /** Number of words. */
  count: number;
}

export function createWordBounds(): WordBounds {
  return { source: "", bounds: [], count: 0 };
}

/**
 * Finds every surface word of `text` (the tokenizer's word splitting: runs of letters, digits and
 * marks, hyphen-joined runs kept whole), in order.
 */
export function findWords(text: string, into: WordBounds): void {
  let source = text;
  if (source.includes("U.S.")) source = source.replace(US_DOTTED, "US");
  if (source.includes("\u00ad")) source = source.replaceAll("\u00ad", "");
  const n = source.length;
  const bounds = into.bounds;
  let count = 0;
  let i = 0;
  while (i < n) {
    let step = wordCharAt(source, i);
    if (step === 0) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      while (step > 0) {
        i += step;
        step = i < n ? wordCharAt(source, i) : 0;
      }
      // A hyphen between two word characters joins a compound («Нур-Султан»).
      if (i + 1 < n && isHyphen(source.charCodeAt(i)) && wordCharAt(source, i + 1) > 0) {
        i++;
        step = wordCharAt(source, i);
        continue;
      }
      break;
    }
    bounds[2 * count] = start;
    bounds[2 * count + 1] = i;
    count++;
  }
  into.source = source;
  into.count = count;
}

const scratch = createWordBounds();

/** Appends every surface word of `text` to `out`, in order (see {@link findWords}). */
export function splitWords(text: string, out: string[]): void {
  findWords(text, scratch);
  const { source, bounds } = scratch;
  for (let k = 0; k < scratch.count; k++) out.push(source.slice(bounds[2 * k], bounds[2 * k + 1]));
  scratch.source = "";
}

/** Calls `visit` with every surface word of `text`, in order. */
export function eachWord(text: string, visit: (surface: string) => void): void {
  const words: string[] = [];
  splitWords(text, words);
  for (const word of words) visit(word);
}

export interface Stemmer {
  /** Stems of every word of `text`, in order (stop words dropped, compounds then their parts). */
  tokenize(text: string): string[];
  /** Forms and stems of every word of `text`, aligned. */
  analyze(text: string): TextAnalysis;
  /** Stems of one surface word, memoised; the returned array is shared, do not mutate it. */
  stemWord(surface: string): readonly string[];
  /** Forms and stems of one surface word, memoised (shared: do not mutate). */
  analyzeWord(surface: string): WordAnalysis;
  /** Number of surface forms currently memoised. */
  cacheSize(): number;
  clearCache(): void;
}

/**
 * A tokenizer with its own memo of surface form → analysis. Stemming dominates tagging time and news
 * vocabulary is Zipfian, so a bounded memo absorbs nearly all calls; when full, the oldest tenth goes.
 */
export function createStemmer(opts: { cacheLimit?: number } = {}): Stemmer {
  const limit = Math.max(16, opts.cacheLimit ?? 100_000);
  const cache = new Map<string, WordAnalysis>();

  function analyzeWord(surface: string): WordAnalysis {
    const hit = cache.get(surface);
    if (hit !== undefined) return hit;
    const analysis = analyzeWordUncached(surface);
    if (cache.size >= limit) {
      let drop = Math.ceil(limit / 10);
      for (const key of cache.keys()) {
        cache.delete(key);
        if (--drop === 0) break;
      }
    }
    cache.set(surface, analysis);
    return analysis;
  }

  function tokenize(text: string): string[] {
    const out: string[] = [];
    eachWord(text, (word) => {
      const { stems } = analyzeWord(word);
      for (let i = 0; i < stems.length; i++) out.push(stems[i]!);
    });
    return out;
  }

  function analyze(text: string): TextAnalysis {
    const forms: string[] = [];
    const stems: string[] = [];
    eachWord(text, (word) => {
      const analysis = analyzeWord(word);
      for (let i = 0; i < analysis.stems.length; i++) {
        forms.push(analysis.forms[i]!);
        stems.push(analysis.stems[i]!);
      }
    });
    return { forms, stems };
  }

  return {
    tokenize,
    analyze,
    stemWord: (surface) => analyzeWord(surface).stems,
    analyzeWord,
    cacheSize: () => cache.size,
    clearCache: () => cache.clear(),
  };
}

// One memo for the whole process: the tagger and the story features read the same articles, and
// each distinct word is worth stemming once (the Snowball stemmer is most of their cost).
const shared = createStemmer({ cacheLimit: 200_000 });

/** Stems of `text` using the process-wide memo. */
export const tokenize = (text: string): string[] => shared.tokenize(text);
/** Forms and stems of `text` using the process-wide memo. */
export const analyze = (text: string): TextAnalysis => shared.analyze(text);
/** Stems of one word using the process-wide memo (shared array: do not mutate). */
export const stemWord = (surface: string): readonly string[] => shared.stemWord(surface);
/** Forms and stems of one word using the process-wide memo (shared: do not mutate). */
export const analyzeWord = (surface: string): WordAnalysis => shared.analyzeWord(surface);
/** The process-wide memo, exposed for diagnostics and tests. */
export const stemCache = { size: () => shared.cacheSize(), clear: () => shared.clearCache() };
