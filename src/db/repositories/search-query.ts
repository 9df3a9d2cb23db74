// The tsquery of a `/search` query. Postgres' websearch_to_tsquery reads the syntax and stems the
// words with the same Snowball configuration the articles' tsvectors were made with; two rewrites
// make word forms find each other where Snowball stems them apart:
// - a stem of five letters or more also matches longer stems: «Казахстана» (казахста) finds
//   «казахстанский» (казахстанск); shorter stems stay exact, or «газ» would find every «газета»;
// - a lone word also matches its stem without trailing vowels and its own form: the cases of a
//   name often get different stems («Корея» → коре, «Кореи» → кор; «Иран» → ира, «Ирану» → иран;
//   «Киев» → ки, «Киева» → киев). Alerts compile a query the same way (alerts/query.ts).
// - a word typed in capitals («СВО») is matched as written, not only by its stem, which everyday
//   words share («своим» → сво); see searchCondition;
// - a capitalised name cut to a short stem («Рубио» → руб, the stem of «руб.») must also begin a
//   word of the text with its stem and one more letter («руби»); see nameOf. A capitalised surname
//   («Песков», stem песк as «песком») must begin a capitalised word with its stem; see surnameOf.
//   The same noun typed in lower case («сирия», «радио») must begin a word in any case; see wordStartOf.
import { sql, type SQL } from "drizzle-orm";
import {
  acronymOf, acronymPattern, lexQuery, nameOf, namePattern, splitAlternatives, surnameOf, wordStartOf, wordStartPattern, type QueryToken,
} from "../../shared/query-syntax.js";

/** Stems (and forms) of at least this many letters also match the longer ones they begin. */
const PREFIX_MIN = 5;

const web = (text: string): SQL => sql`websearch_to_tsquery('russian'::regconfig, ${text})`;

/** Every lexeme of PREFIX_MIN letters or more as a prefix. */
function prefixed(tsqueryText: SQL): SQL {
  return sql`regexp_replace(${tsqueryText}::text, ${`'([^' ]{${PREFIX_MIN},})'`}, '''\\1'':*', 'g')::tsquery`;
}

function tokenQuery(token: QueryToken): SQL {
  if (token.quoted) return prefixed(web(`"${token.text}"`));
  const word = token.text.toLowerCase();
  // Only a plain word is one lexeme; compounds, numbers and the like keep Postgres' reading.
  if (!/^\p{L}+$/u.test(word)) return prefixed(web(token.text));
  // Stem, bare stem and form (migration 0021); a stop word («и», «the») stays an empty query.
  // A noun typed in lower case (wordStartOf) is not widened: «ради» would bring «ради» (for the sake
  // of), «радикал» and «радиус»; its text condition only narrows what its stem finds.
  const name = nameOf(token);
  if (name === undefined) return sql`search_word(${word}::text)`;
  // A short-stemmed name also matches the lexemes its first letters begin: «Китая» → кит, but
  // «Китай» → кита; the text then keeps the capitalised ones (searchCondition).
  return sql`(search_word(${word}::text) || to_tsquery('simple'::regconfig, ${`'${name}':*`}))`;
}

const clause = (tokens: QueryToken[]): SQL =>
  sql`(${sql.join(
    tokens.map((t) => (t.negated ? sql`!!${tokenQuery(t)}` : tokenQuery(t))),
    sql` && `,
  )})`;

/** The tsquery of alternatives (empty ones dropped; none left: a query that matches nothing). */
function groupsTsQuery(groups: QueryToken[][]): SQL {
  const usable = groups.filter((g) => g.length > 0);
  if (usable.length === 0) return web("");
  return sql`(${sql.join(usable.map(clause), sql` || `)})`;
}

/** The tsquery for a search query (already cleaned: see news/queries.ts, cleanQuery). */
export function searchTsQuery(query: string): SQL {
  return groupsTsQuery(splitAlternatives(lexQuery(query)));
}

/** The regular expression a token asks of the title and text, if the search vector cannot answer it alone. */
function textPattern(token: QueryToken): string | undefined {
  const acronym = acronymOf(token);
  if (acronym !== undefined) return acronymPattern(acronym);
  const name = nameOf(token) ?? surnameOf(token);
  if (name !== undefined) return namePattern(name);
  const start = wordStartOf(token);
  return start === undefined ? undefined : wordStartPattern(start);
}

/** Whether the search condition reads the title and text (a word in capitals, a short-stemmed name or -ия noun), not only the vector. */
export function readsText(query: string): boolean {
  return splitAlternatives(lexQuery(query)).some((g) => g.some((t) => textPattern(t) !== undefined));
}

/** The columns a search condition reads: the article's search vector, title and text. */
export interface SearchColumns {
  tsv: SQL;
  title: SQL;
  body: SQL;
}

/**
 * The condition an article must meet. Usually `tsv @@ tsquery`; a query with words in capitals also
 * asks for them as written, as words of their own, in the title or text (an excluded one must not
 * be there): the search vector holds only stems, and «СВО» has the stem of «своим». The tsquery
 * (without the excluded acronyms, which would exclude «своим» too) still leads, so the index narrows
 * first and the text is read only for its matches.
 */
export function searchCondition(query: string, columns: SearchColumns): SQL {
  const groups = splitAlternatives(lexQuery(query));
  if (!readsText(query)) return sql`${columns.tsv} @@ ${groupsTsQuery(groups)}`;
  const text = sql`(coalesce(${columns.title}, '') || ' ' || coalesce(${columns.body}, ''))`;
  const group = (g: QueryToken[]): SQL => {
    const parts: SQL[] = indexed(g).length > 0 ? [sql`${columns.tsv} @@ ${clause(indexed(g))}`] : [];
    for (const token of g) {
      const pattern = textPattern(token);
      if (pattern !== undefined) parts.push(sql`${text} ${token.negated ? sql`!~` : sql`~`} ${pattern}`);
    }
    return sql`(${sql.join(parts, sql` and `)})`;
  };
  return sql`${indexCondition(query, columns.tsv)} and (${sql.join(groups.map(group), sql` or `)})`;
}

/** A group's tokens the search vector can answer: all but the excluded words read in the text. */
const indexed = (g: QueryToken[]): QueryToken[] => g.filter((t) => !(t.negated && textPattern(t) !== undefined));

/**
 * The part of the search condition the index answers (searchCondition without its reading of the
 * text). The search plan is chosen by how many articles match it: the text is then read only for
 * those, newest first, so a stem common in everyday words («сво») must not look rare.
 */
export function indexCondition(query: string, tsv: SQL): SQL {
  return sql`${tsv} @@ ${groupsTsQuery(splitAlternatives(lexQuery(query)).map(indexed))}`;
}
