// Words written in two alphabets: «CША» (a Latin C), «Дeнь cчacтливoгo чeлoвeкa», «ВМW», «Роrsсhе».
// Channels mix look-alike letters to slip past filters, and keyboards slip. The tagger and the query
// parser already read such a word repaired (topics/stem, repairMixedScript); the stored text must be
// repaired too, or Postgres indexes the mangled word and `/search США` misses the post.
import { repairMixedScript } from "../topics/stem.js";

const MIXED = /[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]/;
const WORD = /\p{L}+/gu;

/** `repaired` (lower-case) with the letter case of `original`, position by position. */
function withCaseOf(original: string, repaired: string): string {
  const from = [...original];
  return [...repaired].map((ch, i) => (from[i] !== undefined && from[i] !== from[i].toLowerCase() ? ch.toUpperCase() : ch)).join("");
}

function fixWord(word: string): string {
  if (!MIXED.test(word)) return word;
  const repaired = repairMixedScript(word.toLowerCase());
  return repaired === word.toLowerCase() ? word : withCaseOf(word, repaired);
}

/** The text with each two-alphabet word in one alphabet where its look-alikes allow (see repairMixedScript). */
export function fixMixedScripts(text: string): string {
  return MIXED.test(text) ? text.replace(WORD, fixWord) : text;
}
