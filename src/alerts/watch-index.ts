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

export interface WatchMatch {
  watch: IndexedWatch;
}

export interface WatchIndex {
  readonly size: number;
  /** Watches matching the article, at most one per chat (the earliest watch wins). */
  match(article: ArticleTerms): IndexedWatch[];
}

const TOPIC_KEY = "\u0000topic:";

function anchorOf(clause: Clause): string {
  let best = "";
  for (const term of clause.must) for (const stem of term) if (stem.length > best.length) best = stem;
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
    else for (const clause of watch.compiled.clauses) file(anchorOf(clause), { watch, clause });
  }

  return {
    size: watches.length,
    match(article) {
      const bySubscriber = new Map<number, IndexedWatch>();
      const consider = (list: Posting[] | undefined) => {
        if (!list) return;
        for (const { watch, clause } of list) {
          const known = bySubscriber.get(watch.subscriberId);
          if (known && known.id <= watch.id) continue;
          if (clause && !clauseMatches(clause, article)) continue;
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
