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
  /** Dense number of the watch's chat in this index (a slot in the per-match arrays). */
  slot: number;
  /** Position of the watch in the index's list: the earliest watch of a chat wins. */
  order: number;
  /** Undefined for a topic watch: finding it under its topic is the match. */
  clause?: Clause;
  /** Dense number of the clause (shared by every watch with the same compiled query). */
  clauseSlot: number;
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
  const slots = new Map<number, number>();
  const clauseSlots = new Map<Clause, number>();
  const file = (key: string, posting: Posting) => {
    const list = postings.get(key);
    if (list) list.push(posting);
    else postings.set(key, [posting]);
  };
  // The earliest watch (lowest id) of a chat wins: order the postings' `order` by id.
  const byId = [...watches].sort((a, b) => a.id - b.id);
  for (const [order, watch] of byId.entries()) {
    let slot = slots.get(watch.subscriberId);
    if (slot === undefined) slots.set(watch.subscriberId, (slot = slots.size));
    if (watch.compiled.kind === "topic") {
      file(TOPIC_KEY + watch.compiled.slug, { watch, slot, order, clauseSlot: -1 });
      continue;
    }
    for (const clause of watch.compiled.clauses) {
      let clauseSlot = clauseSlots.get(clause);
      if (clauseSlot === undefined) clauseSlots.set(clause, (clauseSlot = clauseSlots.size));
      for (const anchor of anchorsOf(clause)) file(anchor, { watch, slot, order, clause, clauseSlot });
    }
  }

  // Per-match scratch, reused: the best watch per chat and each clause's verdict, as flat arrays
  // indexed by slot (a matching article touches thousands of chats; Maps were most of its cost).
  const best = new Int32Array(slots.size).fill(-1);
  const verdicts = new Int8Array(clauseSlots.size);
  const touchedChats: number[] = [];
  const touchedClauses: number[] = [];

  return {
    size: watches.length,
    match(article) {
      // Watches with the same query share one compiled clause (the matcher compiles each distinct
      // query once): thousands of chats watching one phrase cost one phrase scan, not thousands.
      const consider = (list: Posting[] | undefined) => {
        if (!list) return;
        for (const posting of list) {
          const known = best[posting.slot]!;
          if (known !== -1 && known <= posting.order) continue;
          if (posting.clause) {
            let verdict = verdicts[posting.clauseSlot]!;
            if (verdict === 0) {
              verdict = clauseMatches(posting.clause, article) ? 1 : 2;
              verdicts[posting.clauseSlot] = verdict;
              touchedClauses.push(posting.clauseSlot);
            }
            if (verdict !== 1) continue;
          }
          if (known === -1) touchedChats.push(posting.slot);
          best[posting.slot] = posting.order;
        }
      };
      try {
        for (const topic of article.topics) consider(postings.get(TOPIC_KEY + topic));
        for (const stem of article.exact) {
          consider(postings.get(stem));
          // An anchor of PREFIX_MIN letters or more also matches the stems it begins.
          for (let n = PREFIX_MIN; n < stem.length; n++) consider(postings.get(stem.slice(0, n)));
        }
        return touchedChats.map((slot) => byId[best[slot]!]!);
      } finally {
        for (const slot of touchedChats) best[slot] = -1;
        for (const slot of touchedClauses) verdicts[slot] = 0;
        touchedChats.length = 0;
        touchedClauses.length = 0;
      }
    },
  };
}
