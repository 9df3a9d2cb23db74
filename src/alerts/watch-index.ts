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

/**
 * The watches filed under one key that share one compiled clause (or one topic): the clause is
 * checked once, and when it fails its chats are skipped without being visited. Chats and orders
 * are typed arrays read in sequence: visiting postings one object at a time was most of a match.
 */
interface Group {
  /** Undefined for topic watches: finding them under their topic is the match. */
  clause?: Clause;
  /** Dense number of the clause (shared by every watch with the same compiled query); -1 for topics. */
  clauseSlot: number;
  /** Dense numbers of the watches' chats (slots in the per-match arrays). */
  slots: Int32Array;
  /** Positions of the watches in id order: the earliest watch of a chat wins. */
  orders: Int32Array;
}

interface GroupDraft {
  clause?: Clause;
  clauseSlot: number;
  slots: number[];
  orders: number[];
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
  const drafts = new Map<string, Map<number, GroupDraft>>();
  const slots = new Map<number, number>();
  const clauseSlots = new Map<Clause, number>();
  const file = (key: string, slot: number, order: number, clauseSlot: number, clause?: Clause) => {
    let groups = drafts.get(key);
    if (!groups) drafts.set(key, (groups = new Map<number, GroupDraft>()));
    let group = groups.get(clauseSlot);
    if (!group) groups.set(clauseSlot, (group = { clause, clauseSlot, slots: [], orders: [] }));
    group.slots.push(slot);
    group.orders.push(order);
  };
  // The earliest watch (lowest id) of a chat wins: the orders follow the ids.
  const byId = [...watches].sort((a, b) => a.id - b.id);
  for (const [order, watch] of byId.entries()) {
    let slot = slots.get(watch.subscriberId);
    if (slot === undefined) slots.set(watch.subscriberId, (slot = slots.size));
    if (watch.compiled.kind === "topic") {
      file(TOPIC_KEY + watch.compiled.slug, slot, order, -1);
      continue;
    }
    for (const clause of watch.compiled.clauses) {
      let clauseSlot = clauseSlots.get(clause);
      if (clauseSlot === undefined) clauseSlots.set(clause, (clauseSlot = clauseSlots.size));
      for (const anchor of anchorsOf(clause)) file(anchor, slot, order, clauseSlot, clause);
    }
  }
  const postings = new Map<string, Group[]>();
  for (const [key, groups] of drafts) {
    postings.set(
      key,
      [...groups.values()].map((g) => ({ clause: g.clause, clauseSlot: g.clauseSlot, slots: Int32Array.from(g.slots), orders: Int32Array.from(g.orders) })),
    );
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
      const consider = (list: Group[] | undefined) => {
        if (!list) return;
        for (const group of list) {
          if (group.clause) {
            let verdict = verdicts[group.clauseSlot]!;
            if (verdict === 0) {
              verdict = clauseMatches(group.clause, article) ? 1 : 2;
              verdicts[group.clauseSlot] = verdict;
              touchedClauses.push(group.clauseSlot);
            }
            if (verdict !== 1) continue;
          }
          const { slots: chats, orders } = group;
          for (let i = 0; i < chats.length; i++) {
            const slot = chats[i]!;
            const order = orders[i]!;
            const known = best[slot]!;
            if (known !== -1 && known <= order) continue;
            if (known === -1) touchedChats.push(slot);
            best[slot] = order;
          }
        }
      };
      try {
        for (const topic of article.topics) consider(postings.get(TOPIC_KEY + topic));
        // An anchor of PREFIX_MIN letters or more matches every stem it begins: the article's
        // prefix set holds each of those once. A shorter anchor matches only the same stem.
        for (const prefix of article.prefixes) consider(postings.get(prefix));
        for (const stem of article.exact) if (stem.length < PREFIX_MIN) consider(postings.get(stem));
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
