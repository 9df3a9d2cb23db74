// Alert queries: the `/search` syntax (words, "phrases", -exclusions, `or`) compiled into stem
// sequences with the same morphology the article store indexes with, so a watch matches exactly
// what `/search` would find: «Казахстан» matches «Казахстана» and «казахстанский» (a stem of five
// letters or more matches longer stems, as search's prefix rewrite does).
import { fixMixedScripts } from "../news/mixed-script.js";
import { cleanQuery } from "../news/queries.js";
import { acronymOf, lexQuery, nameOf, splitAlternatives, surnameOf, wordStartOf } from "../shared/query-syntax.js";
import { analyze, tokenize } from "../topics/stem.js";

/**
 * One term: a word (usually one position; a compound gives several) or a phrase, matched in order.
 * Each position lists alternative patterns: a lone word is its stem and, when that is five letters
 * or more, its whole form too — Snowball cuts «Токаев» to «тока» but «Токаеву» to «токаев», so the
 * form as a prefix is what finds the other cases of a surname.
 */
export type Term = readonly (readonly string[])[];

/** All `must` terms present and no `not` term present. */
export interface Clause {
  must: Term[];
  not: Term[];
}

export type CompiledQuery =
  | { kind: "words"; clauses: Clause[] }
  | { kind: "topic"; slug: string };

export type ParseResult =
  | { kind: "ok"; query: CompiledQuery }
  /** Nothing left to look for: only stop words, only exclusions, or empty. */
  | { kind: "empty" };

/** Stems shorter than this match only themselves; longer ones also match words they begin. */
export const PREFIX_MIN = 5;

/** Letters Snowball may keep at a stem's end in one case and cut in another («коре» / «кор»). */
const CYRILLIC_END_VOWELS = /[аеиоуыэюяйь]+$/;

/** A word's own form counts from this length: «Иран» (stem «ира») must find «Ирану» (stem «иран»). */
const FORM_MIN = 3;

/**
 * The patterns of a lone word. Snowball stems the cases of a name differently («Корея» → «коре»,
 * «Корее» → «кор»; «Токаев» → «тока», «Токаеву» → «токаев»), so besides the stem a word also
 * matches by its whole form (as a prefix, when long enough: «Иран» → «ира», «Ирану» → «иран») and
 * by its stem without trailing vowels (three letters at least). Search (db/repositories/search-query)
 * compiles a query the same way.
 */
function wordPatterns(stem: string, form: string): string[] {
  const patterns = [stem];
  if (/\d/.test(form)) return patterns;
  if (form.length >= FORM_MIN && form !== stem) patterns.push(form);
  const bare = stem.replace(CYRILLIC_END_VOWELS, "");
  if (bare !== stem && bare.length >= 3) patterns.push(bare);
  return patterns;
}

/** Parses and compiles a word query; topics are resolved by the caller first. */
export function parseAlertQuery(raw: string): ParseResult {
  const clauses: Clause[] = [];
  for (const alternative of splitAlternatives(lexQuery(cleanQuery(raw)))) {
    const current: Clause = { must: [], not: [] };
    for (const token of alternative) {
      // A word in capitals matches as written (see acronymKey), as search matches it.
      const acronym = acronymOf(token);
      if (acronym !== undefined) {
        (token.negated ? current.not : current.must).push([[acronymKey(acronym)]]);
        continue;
      }
      // A capitalised name cut to a short stem («Рубио» → руб, as «руб.») must also begin a word with
      // its stem and one more letter, as search asks (see nameKey); excluded, only the name is. The
      // same noun typed in lower case («сирия») must begin a word in any case (see wordStartKey).
      const short = nameOf(token);
      const name = short ?? surnameOf(token);
      const start = wordStartOf(token);
      const key = name !== undefined ? nameKey(name) : start !== undefined ? wordStartKey(start) : undefined;
      if (key !== undefined && token.negated) {
        current.not.push([[key]]);
        continue;
      }
      // A short-stemmed name is found by its letters alone, as search finds it: a capitalised word
      // they begin is one of its cases or a word of its own («Сирийские» for «Сирия», «Китай» for
      // «Китая»), whose stem the name's stem would not match («сирийск», «кита»).
      if (short !== undefined) {
        current.must.push([[nameKey(short)]]);
        continue;
      }
      const { forms, stems } = analyze(token.text);
      if (stems.length === 0) continue;
      const patterns = stems.length === 1 ? wordPatterns(stems[0]!, forms[0]!.toLowerCase()) : [];
      const term: Term = stems.length === 1 ? [patterns] : stems.map((stem) => [stem]);
      (token.negated ? current.not : current.must).push(term);
      if (key !== undefined) current.must.push([[key]]);
    }
    clauses.push(current);
  }
  const usable = clauses.filter((c) => c.must.length > 0);
  return usable.length === 0 ? { kind: "empty" } : { kind: "ok", query: { kind: "words", clauses: usable } };
}

/** The stems of one article, with what term checks need. */
export interface ArticleTerms {
  /** Every stem, in text order (for phrases). */
  readonly sequence: readonly string[];
  readonly exact: ReadonlySet<string>;
  /** Every stem and each of its prefixes of PREFIX_MIN letters or more. */
  readonly prefixes: ReadonlySet<string>;
  readonly topics: ReadonlySet<string>;
}

/**
 * The key of a word written in capitals («СВО»): Snowball gives it an everyday word's stem («своим»
 * → сво), so an article's acronyms are kept apart from its stems under these keys, in both sets
 * (the watch index looks every key of the prefix set up, whatever its length).
 */
export function acronymKey(acronym: string): string {
  return `=${acronym}`;
}

/**
 * The key of a capitalised word's first letters («~руби» for «Рубио», «~песк» for «Песков»), for the
 * letters nameOf or surnameOf give: an article holds the keys of each capitalised Cyrillic word's
 * first three letters and more, lower-cased.
 */
export function nameKey(prefix: string): string {
  return `~${prefix}`;
}

/**
 * The key of a word's first letters in any case («^сири» for «сирия»), for the letters wordStartOf
 * gives: an article holds the keys of its Cyrillic words' first three or four letters, lower-cased,
 * where they end in «и».
 */
export function wordStartKey(prefix: string): string {
  return `^${prefix}`;
}

const CAPITALISED_WORDS = /(?<![A-Za-zА-Яа-яЁё0-9])[А-ЯЁ][А-Яа-яЁё]{2,}/g;

/**
 * A word's first three or four letters when they end in «и» and the word goes on, as wordStartOf's
 * letters do (a stem of two or three letters and its «и»): «Сирии» → «Сири», «радио» → «ради», and
 * not «ради» (for the sake of) itself.
 */
const I_STARTS = /(?<![A-Za-zА-Яа-яЁё0-9])[А-Яа-яЁё]{2}(?:[иИ]|[А-Яа-яЁё][иИ])(?=[А-Яа-яЁё])/g;

/** Words of two to six capitals standing on their own, as a reader types an acronym. */
const ACRONYMS = /(?<![A-Za-zА-Яа-яЁё0-9])[A-ZА-ЯЁ]{2,6}(?![A-Za-zА-Яа-яЁё0-9])/g;

export function articleTerms(text: string, topics: readonly string[]): ArticleTerms {
  const sequence = tokenize(text);
  const exact = new Set(sequence);
  const prefixes = new Set<string>();
  for (const stem of exact) {
    for (let n = PREFIX_MIN; n <= stem.length; n++) prefixes.add(stem.slice(0, n));
  }
  for (const [word] of text.matchAll(ACRONYMS)) {
    exact.add(acronymKey(word));
    prefixes.add(acronymKey(word));
  }
  // Name keys: one of four characters is looked up among exact terms, longer ones among prefixes
  // (see anywhere), so each goes where its lookup finds it.
  // Stored text is already in one alphabet per word; a text straight from a feed may not be («Тokaев»).
  const fixed = fixMixedScripts(text);
  for (const [capitalised] of fixed.matchAll(CAPITALISED_WORDS)) {
    const word = capitalised.toLowerCase().replaceAll("ё", "е");
    // Only the letters a longer word begins with: a name's prefix is never all of a form of it (as namePattern).
    if (word.length > 3) exact.add(nameKey(word.slice(0, 3)));
    for (let n = 4; n < word.length; n++) prefixes.add(nameKey(word.slice(0, n)));
  }
  // Word-start keys, found the same way: three letters are an exact term, four a prefix one.
  for (const [start] of fixed.matchAll(I_STARTS)) {
    const key = wordStartKey(start.toLowerCase().replaceAll("ё", "е"));
    if (start.length === 3) exact.add(key);
    else prefixes.add(key);
  }
  return { sequence, exact, prefixes, topics: new Set(topics) };
}

function stemMatches(pattern: string, stem: string): boolean {
  return pattern.length >= PREFIX_MIN ? stem.startsWith(pattern) : stem === pattern;
}

function positionMatches(alternatives: readonly string[], stem: string): boolean {
  for (const pattern of alternatives) if (stemMatches(pattern, stem)) return true;
  return false;
}

function anywhere(pattern: string, article: ArticleTerms): boolean {
  return pattern.length >= PREFIX_MIN ? article.prefixes.has(pattern) : article.exact.has(pattern);
}

export function termMatches(term: Term, article: ArticleTerms): boolean {
  const first = term[0];
  if (first === undefined) return false;
  if (term.length === 1) return first.some((pattern) => anywhere(pattern, article));
  // A phrase can only match where each of its words occurs somewhere: a few set lookups turn away
  // most phrases before the scan of the text (thousands of phrase watches share common words).
  for (const alternatives of term) if (!alternatives.some((pattern) => anywhere(pattern, article))) return false;
  const seq = article.sequence;
  outer: for (let i = 0; i + term.length <= seq.length; i++) {
    for (let j = 0; j < term.length; j++) if (!positionMatches(term[j]!, seq[i + j]!)) continue outer;
    return true;
  }
  return false;
}

export function clauseMatches(clause: Clause, article: ArticleTerms): boolean {
  for (const term of clause.must) if (!termMatches(term, article)) return false;
  for (const term of clause.not) if (termMatches(term, article)) return false;
  return true;
}

export function queryMatches(query: CompiledQuery, article: ArticleTerms): boolean {
  if (query.kind === "topic") return article.topics.has(query.slug);
  return query.clauses.some((c) => clauseMatches(c, article));
}
