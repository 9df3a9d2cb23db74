// How alike two reports are. Two signals:
// - near-copy: most word triples of the shorter report appear in the other (reposts, a channel
//   re-posting its own text with a new emoji or promo);
// - same event in other words: each report's headline is told by the other report's lead. Names and
//   numbers weigh most, news boilerplate least. A follow-up or a consequence («bitcoin fell on the
//   news of martial law», «parliament voted to lift it») brings headline words the other report lacks.
import type { Features } from "./features.js";

/**
 * A stem's weight multiplier in (0, 1] for the time being compared: stems many stories of the
 * window carry (the day's common names, «Южной Кореи» on 3 December) tell less about which event a
 * report tells. `NO_DISCOUNT` when there are no window statistics.
 */
export type Discount = (stem: string) => number;
export const NO_DISCOUNT: Discount = () => 1;

const MIN_SHINGLES = 4;

export interface Similarity {
  /** Share of the shorter report's word triples found in the other. */
  containment: number;
  /** Weight of the names and numbers both reports carry. */
  sharedNames: number;
  /** The smaller of the two head covers (share of one headline's weight found in the other's lead). */
  headCover: number;
}

/**
 * Whether the other report tells this stem: the same stem, or one of the same root. The stemmer
 * keeps a verb and its noun apart («помиловал» → помилова, «помилование» → помилован), so a long
 * stem also matches by its first PREFIX letters.
 */
function tells(to: Features, stem: string): boolean {
  return to.terms.has(stem) || (stem.length > PREFIX && to.prefixes.has(stem.slice(0, PREFIX)));
}

/** Letters of a stem's root compared by `tells` (stems longer than this only). */
export const PREFIX = 6;

function coverOf(from: Features, to: Features, discount: Discount): number {
  let total = 0;
  let covered = 0;
  for (const [stem, weight] of from.head) {
    const w = weight * discount(stem);
    total += w;
    if (tells(to, stem)) covered += w;
  }
  return total > 0 ? covered / total : 0;
}

/**
 * The share of a headline's ordinary words (not names or numbers) the other report tells, the
 * smaller of the two directions. Names tell who and where; the ordinary words tell what happened,
 * and a follow-up shares the names but not the action («объявил военное положение» vs
 * «проголосовал за отмену военного положения»).
 */
export function actionCover(a: Features, b: Features, discount: Discount = NO_DISCOUNT): number {
  return Math.min(wordCover(a, b, discount), wordCover(b, a, discount));
}

function wordCover(from: Features, to: Features, discount: Discount): number {
  let total = 0;
  let covered = 0;
  for (const [stem, weight] of from.head) {
    if (from.entities.has(stem)) continue;
    const w = weight * discount(stem);
    total += w;
    if (tells(to, stem)) covered += w;
  }
  return total > 0 ? covered / total : 1;
}

/** Below this, one headline is mostly news the other report lacks: a different event. */
const MIN_ONE_WAY_COVER = 0.4;

/**
 * How well two reports tell each other's headline: the mean of the two head covers, or the smaller
 * one when it is below MIN_ONE_WAY_COVER (each headline must be largely told by the other report;
 * the mean then forgives a long report whose headline carries extra detail).
 */
export function headCover(a: Features, b: Features, discount: Discount = NO_DISCOUNT): number {
  const ab = coverOf(a, b, discount);
  const ba = coverOf(b, a, discount);
  const low = Math.min(ab, ba);
  return low < MIN_ONE_WAY_COVER ? low : (ab + ba) / 2;
}

/** Weight of the names and numbers both reports carry. */
export function sharedNames(a: Features, b: Features, discount: Discount = NO_DISCOUNT): number {
  const [small, large] = a.entities.size <= b.entities.size ? [a, b] : [b, a];
  let shared = 0;
  for (const stem of small.entities) {
    if (large.entities.has(stem)) shared += Math.min(small.terms.get(stem) ?? 0, large.terms.get(stem) ?? 0) * discount(stem);
  }
  return shared;
}

export function similarity(a: Features, b: Features, discount: Discount = NO_DISCOUNT): Similarity {
  return {
    containment: containment(a.shingles, b.shingles),
    sharedNames: sharedNames(a, b, discount),
    headCover: headCover(a, b, discount),
  };
}

/** Share of the shorter sorted list's values found in the other. */
export function containment(a: readonly number[], b: readonly number[]): number {
  const smaller = Math.min(a.length, b.length);
  if (smaller < MIN_SHINGLES) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / smaller;
}
