// The `/search` syntax, read the way Postgres' websearch_to_tsquery reads it: words, "quoted
// phrases", a leading minus to exclude, and a bare `or` between alternatives (it binds looser than
// the implicit «and» between words). Search (the article store) and alerts both compile it.

import { russianStemmer } from "./snowball.js";

export interface QueryToken {
  /** The word, or the phrase without its quotes. */
  text: string;
  negated: boolean;
  quoted: boolean;
}

/** Tokens in query order; `or` stays a token (see splitAlternatives). */
export function lexQuery(query: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  for (let m = re.exec(query); m !== null; m = re.exec(query)) {
    if (m[2] !== undefined) tokens.push({ text: m[2], negated: m[1] === "-", quoted: true });
    else {
      const raw = m[3]!;
      const negated = raw.startsWith("-") && raw.length > 1;
      tokens.push({ text: negated ? raw.slice(1) : raw, negated, quoted: false });
    }
  }
  return tokens;
}

const isOr = (token: QueryToken): boolean => !token.quoted && !token.negated && token.text.toLowerCase() === "or";

/** The query's alternatives: the tokens between bare `or`s (empty ones dropped). */
export function splitAlternatives(tokens: readonly QueryToken[]): QueryToken[][] {
  const groups: QueryToken[][] = [[]];
  for (const token of tokens) {
    if (isOr(token)) groups.push([]);
    else groups[groups.length - 1]!.push(token);
  }
  return groups.filter((g) => g.length > 0);
}

/**
 * The acronym a word token stands for, when the reader typed it in capitals: two to six letters,
 * all upper-case («СВО», «ФАС», "FTC"). Snowball stems such a word like everyday ones («СВО» and
 * «своим» → сво), so search and alerts match it as written, in capitals, instead of by stem.
 */
export function acronymOf(token: QueryToken): string | undefined {
  if (token.quoted) return undefined;
  return /^[A-ZА-ЯЁ]{2,6}$/.test(token.text) ? token.text : undefined;
}

/**
 * A regular expression source finding `acronym` as a word of its own (not inside a longer word in
 * capitals). Letters are spelt out as ranges: Postgres' [[:alpha:]] depends on the database's locale.
 */
export function acronymPattern(acronym: string): string {
  const letter = "A-Za-zА-Яа-яЁё0-9";
  return `(^|[^${letter}])${acronym}([^${letter}]|$)`;
}

/** Stems this short are where a name's stem meets everyday words' («Рубио» → руб, as «руб.»). */
const NAME_STEM_MAX = 3;
/** …when Snowball cut at least this many letters off the name. */
const NAME_CUT_MIN = 2;

/**
 * The first letters a capitalised Russian word must begin a capitalised word of the text with, when
 * Snowball cut it to a stem that short words share: «Рубио» → руб (the stem of «руб.» and
 * «рубить»), so /search Рубио listed rouble amounts; «Сирия» → сир («сирены»). The stem and one
 * more letter («руби», «сири»), capitalised, keep the name's cases («Рубио», «Сирии», «Сирию») and
 * lose the rest. A word the stemmer cut by one letter («Цены» → цен) or to a longer stem is left to
 * the stem alone: its cases differ right after the stem, and it is seldom a name.
 */
export function nameOf(token: QueryToken): string | undefined {
  const cut = stemCut(token, /^[А-ЯЁ][а-яё]+$/);
  if (cut === undefined || cut.stem.length < 2 || cut.stem.length > NAME_STEM_MAX || cut.form.length - cut.stem.length < NAME_CUT_MIN) return undefined;
  return cut.form.slice(0, cut.stem.length + 1);
}

/**
 * The first letters a word typed in lower case must begin a word of the text with (in any case), when
 * it is a noun in -ия, -ие or -ио that Snowball cut to a stem everyday words share: «сирия» → сир
 * («сирены»), «радио» → рад («Рада»), «армия» → арм. Readers type names in lower case too; the
 * stem and its «и» («сири», «ради», «арми») keep the noun's cases and lose the rest. Unlike nameOf's
 * letters these only narrow what the stem finds («ради» would also begin «радикал», «радиус»).
 * Other words stay with the stem alone: an adjective's forms differ right after a stem that short
 * («новые», «новая»).
 */
export function wordStartOf(token: QueryToken): string | undefined {
  const cut = stemCut(token, /^[а-яё]+$/);
  if (cut === undefined || cut.stem.length < 2 || cut.stem.length > NAME_STEM_MAX || cut.form.length - cut.stem.length < NAME_CUT_MIN) return undefined;
  return cut.form[cut.stem.length] === "и" ? cut.form.slice(0, cut.stem.length + 1) : undefined;
}

/**
 * A word typed as `shape`, lower-cased (ё as е), with the stem Snowball gives it — when
 * the stem is where the word begins.
 */
function stemCut(token: QueryToken, shape: RegExp): { form: string; stem: string } | undefined {
  if (token.quoted || !shape.test(token.text)) return undefined;
  const form = token.text.toLowerCase().replaceAll("ё", "е");
  const stem = russianStemmer.stem(form);
  return form.startsWith(stem) ? { form, stem } : undefined;
}

/**
 * A surname as typed: «Медведев», «Песков», «Лавров». Surnames in -ский are declined as adjectives
 * and keep a stem of their own («зеленск»), so they need no rule.
 */
const SURNAME = /^[А-ЯЁ][а-яё]+(?:ов|ев|ёв)$/;

/**
 * The letters a capitalised surname must begin a capitalised word of the text with: Snowball gives
 * «Медведев» the stem of «медведица» (медвед), «Песков» that of «песком» (песк), «Лавров» that of
 * «лавровый» (лавр), «Ростов» that of «рост». The stem and the surname's next letter («медведе»,
 * «песко») keep its cases («Пескову», «Медведева») and lose a capitalised «Медведица» opening a
 * sentence. These letters do not widen what the search vector matches, as nameOf's do.
 */
export function surnameOf(token: QueryToken): string | undefined {
  const cut = stemCut(token, SURNAME);
  return cut === undefined || cut.stem.length < 4 ? undefined : cut.form.slice(0, cut.stem.length + 1);
}

/**
 * A regular expression source finding a capitalised word that begins with `prefix` (lower-case, ё
 * as е) and goes on; the rest of the prefix in either case («РУБИО» in a headline in capitals). Letters are spelt
 * out, as acronymPattern spells them: Postgres' case folding depends on the database's locale.
 */
export function namePattern(prefix: string): string {
  return startPattern(prefix, true);
}

/** As namePattern, for a word in any case (see wordStartOf). */
export function wordStartPattern(prefix: string): string {
  return startPattern(prefix, false);
}

function startPattern(prefix: string, capitalised: boolean): string {
  const letter = "A-Za-zА-Яа-яЁё0-9";
  const spelt = (ch: string, capitalOnly: boolean): string => {
    const cases = ch === "е" ? ["Е", "Ё", "е", "ё"] : [ch.toUpperCase(), ch];
    return `[${(capitalOnly ? cases.filter((c) => c !== c.toLowerCase()) : cases).join("")}]`;
  };
  // At least one more letter: every form of the word is longer than its prefix, and the prefix alone
  // is often a word of its own («ради», for the sake of, begins like «радио»).
  return `(^|[^${letter}])${[...prefix].map((ch, i) => spelt(ch, capitalised && i === 0)).join("")}[${letter}]`;
}
