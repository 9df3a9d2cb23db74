// Words written in two alphabets: «CША» (a Latin C), «Дeнь cчacтливoгo чeлoвeкa», «ВМW», «Роrsсhе».
// Channels mix look-alike letters to slip past filters, and keyboards slip: search for «США» or
// «Porsche» then misses the word, and the tagger and the story engine see a word nobody writes.
// A mixed word is rewritten in one alphabet when its letters of the other all have a look-alike there.

const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: "а", c: "с", e: "е", o: "о", p: "р", x: "х", y: "у", i: "і",
  A: "А", B: "В", C: "С", E: "Е", H: "Н", K: "К", M: "М", O: "О", P: "Р", T: "Т", X: "Х", Y: "У", I: "І",
};
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LATIN_TO_CYRILLIC).map(([latin, cyrillic]) => [cyrillic, latin]),
);

const MIXED = /[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]/;
const WORD = /[\p{L}]+/gu;
const LATIN = /[A-Za-z]/;
const CYRILLIC = /[\u0400-\u04ff]/;

function fixWord(word: string): string {
  if (!MIXED.test(word)) return word;
  let latin = 0;
  let cyrillic = 0;
  let toCyrillic = true;
  let toLatin = true;
  for (const ch of word) {
    if (LATIN.test(ch)) {
      latin++;
      if (!(ch in LATIN_TO_CYRILLIC)) toCyrillic = false;
    } else if (CYRILLIC.test(ch)) {
      cyrillic++;
      if (!(ch in CYRILLIC_TO_LATIN)) toLatin = false;
    }
  }
  // Both possible («СCE»): the alphabet most of the word is written in.
  if (toCyrillic && (!toLatin || cyrillic >= latin)) return [...word].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join("");
  if (toLatin) return [...word].map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch).join("");
  // «Sибирская», «ЮMoney»: a pun or a brand, left as written.
  return word;
}

/** The text with each two-alphabet word in one alphabet where its look-alikes allow. */
export function fixMixedScripts(text: string): string {
  return MIXED.test(text) ? text.replace(WORD, fixWord) : text;
}
