// How alike two reports are. Two signals:
// - near-copy: most word triples of the shorter report appear in the other (reposts, a channel
//   re-posting its own text with a new emoji or promo);
// - same event in other words: each report's headline is told by the other report's lead. Names and
//   numbers weigh most, news boilerplate least. A follow-up or a consequence («bitcoin fell on the
//   news of martial law», «parliament voted to lift it») brings headline words the other report lacks.
import type { Features, HeadTerm } from "./features.js";

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

/** Letters of a stem's root compared when the stems differ (stems of at least this many only). */
export const PREFIX = 6;

/**
 * Whether the other report tells this head stem: the same stem, or one of the same root. The
 * stemmer keeps a verb and its noun apart («помиловал» → помилова, «помилование» → помилован), so
 * a long stem also matches by its first PREFIX letters — also when the other stem is just those
 * letters («декретный» → декретн, «декрет» → декрет).
 */
function tells(to: Features, term: HeadTerm): boolean {
  return (
    to.terms.has(term.stem) ||
    (term.root !== undefined && to.prefixes.has(term.root)) ||
    (term.synonyms !== undefined && to.synonyms.has(term.synonyms))
  );
}

/** One direction of a comparison: how much of `from`'s head `to` tells, in all and in its action words. */
interface Cover {
  all: number;
  action: number;
}

function coverOf(from: Features, to: Features, discount: Discount): Cover {
  let total = 0;
  let covered = 0;
  let wordTotal = 0;
  let wordCovered = 0;
  for (const term of from.headTerms) {
    const w = term.weight * discount(term.stem);
    const told = tells(to, term);
    total += w;
    if (told) covered += w;
    if (!term.entity) {
      wordTotal += w;
      if (told) wordCovered += w;
    }
  }
  return { all: total > 0 ? covered / total : 0, action: wordTotal > 0 ? wordCovered / wordTotal : 1 };
}

/** Share of `from`'s headline weight that `to` tells (no window discount). */
export function headTold(from: Features, to: Features): number {
  return coverOf(from, to, NO_DISCOUNT).all;
}

/**
 * The share of a headline's ordinary words (not names or numbers) the other report tells, the
 * smaller of the two directions. Names tell who and where; the ordinary words tell what happened,
 * and a follow-up shares the names but not the action («объявил военное положение» vs
 * «проголосовал за отмену военного положения»).
 */
export function actionCover(a: Features, b: Features, discount: Discount = NO_DISCOUNT): number {
  return Math.min(coverOf(a, b, discount).action, coverOf(b, a, discount).action);
}

/** Below this, one headline is mostly news the other report lacks: a different event. */
const MIN_ONE_WAY_COVER = 0.4;

/**
 * How well two reports tell each other's headline: the mean of the two head covers, or the smaller
 * one when it is below MIN_ONE_WAY_COVER (each headline must be largely told by the other report;
 * the mean then forgives a long report whose headline carries extra detail).
 */
export function headCover(a: Features, b: Features, discount: Discount = NO_DISCOUNT): number {
  return combine(coverOf(a, b, discount).all, coverOf(b, a, discount).all);
}

function combine(ab: number, ba: number): number {
  const low = Math.min(ab, ba);
  return low < MIN_ONE_WAY_COVER ? low : (ab + ba) / 2;
}

/** Weight of the names and numbers both reports carry. */
export function sharedNames(a: Features, b: Features, discount: Discount = NO_DISCOUNT): number {
  return namesOf(a, b, discount).discounted;
}

/** Shared name weight with and without the window discount, in one pass. */
function namesOf(a: Features, b: Features, discount: Discount): { discounted: number; raw: number } {
  const [small, large] = a.entities.size <= b.entities.size ? [a, b] : [b, a];
  let discounted = 0;
  let raw = 0;
  for (const stem of small.entities) {
    if (!large.entities.has(stem)) continue;
    const w = Math.min(small.terms.get(stem) ?? 0, large.terms.get(stem) ?? 0);
    raw += w;
    discounted += w * discount(stem);
  }
  return { discounted, raw };
}

/** Everything the story engine asks of two reports that are not copies, one pass each way. */
export interface Comparison {
  /** As headCover. */
  cover: number;
  /** As actionCover. */
  action: number;
  /** Shared name weight after the window discount, and before it. */
  names: number;
  rawNames: number;
}

/** A name is rare enough to anchor while its window discount is at least this (≈ 4 reports or fewer). */
const ANCHOR_DISCOUNT = 0.5;
/**
 * Weight of the names both headlines carry that few other reports of the window carry, or 0 when
 * each headline also has a rare name of its own the other report does not tell: «…по Украине, заявил
 * Путин в Астане» and «…«Орешник», заявил Путин в Астане» are two statements, anchored to one
 * speaker and place but about different things.
 */
export function anchorWeight(a: Features, b: Features, discount: Discount): number {
  let total = 0;
  for (const term of a.headTerms) {
    if (!term.entity || !b.head.has(term.stem) || !b.entities.has(term.stem)) continue;
    const d = discount(term.stem);
    if (d >= ANCHOR_DISCOUNT) total += Math.min(term.weight, b.head.get(term.stem) ?? 0) * d;
  }
  if (total === 0) return 0;
  return ownRareName(a, b, discount) && ownRareName(b, a, discount) ? 0 : total;
}

/** Whether `from`'s headline has a rare name `to` does not tell. */
function ownRareName(from: Features, to: Features, discount: Discount): boolean {
  for (const term of from.headTerms) {
    if (term.entity && !tells(to, term) && discount(term.stem) >= ANCHOR_DISCOUNT) return true;
  }
  return false;
}

export function compare(a: Features, b: Features, discount: Discount): Comparison {
  const ab = coverOf(a, b, discount);
  const ba = coverOf(b, a, discount);
  const names = namesOf(a, b, discount);
  return { cover: combine(ab.all, ba.all), action: Math.min(ab.action, ba.action), names: names.discounted, rawNames: names.raw };
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
