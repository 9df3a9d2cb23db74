// The tsquery of a `/search` query. Postgres' websearch_to_tsquery reads the syntax and stems the
// words with the same Snowball configuration the articles' tsvectors were made with; two rewrites
// make word forms find each other where Snowball stems them apart:
// - a stem of five letters or more also matches longer stems: «Казахстана» (казахста) finds
//   «казахстанский» (казахстанск); shorter stems stay exact, or «газ» would find every «газета»;
// - a lone word also matches its stem without trailing vowels and its own form: the cases of a
//   name often get different stems («Корея» → коре, «Кореи» → кор; «Иран» → ира, «Ирану» → иран;
//   «Киев» → ки, «Киева» → киев). Alerts compile a query the same way (alerts/query.ts).
import { sql, type SQL } from "drizzle-orm";
import { lexQuery, splitAlternatives, type QueryToken } from "../../shared/query-syntax.js";

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
  return sql`search_word(${word}::text)`;
}

/** The tsquery for a search query (already cleaned: see news/queries.ts, cleanQuery). */
export function searchTsQuery(query: string): SQL {
  const groups = splitAlternatives(lexQuery(query));
  if (groups.length === 0) return web("");
  const clause = (tokens: QueryToken[]) =>
    sql`(${sql.join(
      tokens.map((t) => (t.negated ? sql`!!${tokenQuery(t)}` : tokenQuery(t))),
      sql` && `,
    )})`;
  return sql`(${sql.join(groups.map(clause), sql` || `)})`;
}
