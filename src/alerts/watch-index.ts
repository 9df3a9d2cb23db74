// The in-memory index of every active watch. Each clause is filed under one anchor — its longest
// stem (longer stems are rarer), or its topic — so an article is checked only against the clauses
// that share a word with it, never against all watches.
import { PREFIX_MIN, clauseMatches, type ArticleTerms, type Clause, type CompiledQuery } from "./query.js";

export interface IndexedWatch {
  id: number;
  subscriberId: number;
  query: string;
  compiled: CompiledQuery;
}

interface Posting {
  watch: IndexedWatch;
  /** Undefined for a topic watch: finding it under its topic is the match. */
  clause?: Clause;
}

export interface WatchIndex {
  readonly size: number;
  /** Watches matching the article, at most one per chat (the earliest watch wins). */
  match(article: ArticleTerms): IndexedWatch[];
}

const TOPIC_KEY = "\u0000topic:";

/**
 * The patterns a clause is filed under: one position that every match must contain, the one whose
 * shortest alternative is longest (longer stems are rarer); a matching article has one of them.
 */
function anchorsOf(clause: Clause): readonly string[] {
  let best: readonly string[] = [];
  let bestLength = -1;
  for (const term of clause.must) {
    for (const alternatives of term) {
      const length = Math.min(...alternatives.map((a) => a.length));
      if (length > bestLength) {
        best = alternatives;
        bestLength = length;
      }
    }
  }
  return best;
}

export function createWatchIndex(watches: readonly IndexedWatch[]): WatchIndex {
  const postings = new Map<string, Posting[]>();
  const file = (key: string, posting: Posting) => {
    const list = postings.get(key);
    if (list) list.push(posting);
    else postings.set(key, [posting]);
  };
  for (const watch of watches) {
    if (watch.compiled.kind === "topic") file(TOPIC_KEY + watch.compiled.slug, { watch });
    else for (const clause of watch.compiled.clauses) for (const anchor of anchorsOf(clause)) file(anchor, { watch, clause });
  }

  return {
    size: watches.length,
    match(article) {
      const bySubscriber = new Map<number, IndexedWatch>();
      // Watches with the same query share one compiled clause (the matcher compiles each distinct
      // query once): thousands of chats watching one phrase cost one phrase scan, not thousands.
      const verdicts = new Map<Clause, boolean>();
      const consider = (list: Posting[] | undefined) => {
        if (!list) return;
        for (const { watch, clause } of list) {
          const known = bySubscriber.get(watch.subscriberId);
          if (known && known.id <= watch.id) continue;
          if (clause) {
            let verdict = verdicts.get(clause);
            if (verdict === undefined) verdicts.set(clause, (verdict = clauseMatches(clause, article)));
            if (!verdict) continue;
          }
          bySubscriber.set(watch.subscriberId, watch);
        }
      };
      for (const topic of article.topics) consider(postings.get(TOPIC_KEY + topic));
      for (const stem of article.exact) {
        consider(postings.get(stem));
        // An anchor of PREFIX_MIN letters or more also matches the stems it begins.
        for (let n = PREFIX_MIN; n < stem.length; n++) consider(postings.get(stem.slice(0, n)));
      }
      return [...bySubscriber.values()];
    },
  };
}
