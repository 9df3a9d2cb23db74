// Shorthands for lexicon data: one call is one piece of evidence (its phrases are alternatives).
import type { LexiconTerm } from "../types.js";

type Extra = Pick<LexiconTerm, "unlessAny" | "needsSupport" | "local">;

export const term = (weight: number, match: string[], extra: Extra = {}): LexiconTerm => ({
  match,
  weight,
  ...extra,
});

/** Enough on its own: a country, its capital, its leader. */
export const strong = (...match: string[]): LexiconTerm => term(3, match);
/** Medium evidence: a sector word, a secondary city or official. */
export const medium = (...match: string[]): LexiconTerm => term(2, match);
/** Weak evidence: generic or ambiguous; tips the balance only together with others. */
export const weak = (...match: string[]): LexiconTerm => term(1, match);
/** Ambiguous word that counts only when the topic has other evidence in the article. */
export const supporting = (weight: number, ...match: string[]): LexiconTerm =>
  term(weight, match, { needsSupport: true });
/** Local-looking evidence: counts only for a source whose home region is the topic (see tag.ts). */
export const local = (weight: number, ...match: string[]): LexiconTerm => term(weight, match, { local: true });
