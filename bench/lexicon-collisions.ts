// Lexicon names whose stem other words share: `npm run audit:lexicon [-- --corpus <folder of JSON Feeds>] [--prefixes]`.
// A lexicon phrase without `*` or `=` matches by stem, and the Snowball stemmers give some names the
// stem of an everyday word («Китая» → кит, a whale; «Рубио» → руб, as in every price in roubles;
// "Maine" → main). This lists, for every single-word stem pattern of the built-in topics, the other
// surface words of a corpus that carry its stem, most frequent first; a name with a long list wants
// its own word forms (`=Китая`) instead. With --prefixes it lists instead every word of the corpus
// each prefix pattern (`поэт*`) takes, most frequent first, to read for the ones it should not
// («поэтому»). The corpus is not part of the project (see its PROVENANCE.md).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "../src/news/parse-document.js";
import { analyzeWord, splitWords, stemWord } from "../src/topics/stem.js";
import { compilePhrase } from "../src/topics/tag.js";
import { loadTopics } from "../src/topics/topics-file.js";

const args = process.argv.slice(2);
const at = args.indexOf("--corpus");
const corpus = at >= 0 ? args[at + 1]! : fileURLToPath(new URL("../../shared/telegram-news-2024", import.meta.url));
if (!existsSync(corpus)) {
  console.error(`audit:lexicon: no corpus at ${corpus} (pass --corpus <folder of JSON Feed files>)`);
  process.exit(2);
}

const prefixMode = args.includes("--prefixes");

/** Stem → the lexicon phrases (and their topics) that match by it. */
const patterns = new Map<string, string[]>();
for (const topic of loadTopics({})) {
  for (const term of topic.lexicon.terms) {
    for (const phrase of term.match) {
      if (/\s/.test(phrase) || phrase.startsWith("=") || phrase.includes("-") || phrase.endsWith("*") !== prefixMode) continue;
      for (const token of compilePhrase(phrase)) {
        const list = patterns.get(token.value) ?? [];
        list.push(`${phrase} (${topic.slug})`);
        patterns.set(token.value, list);
      }
    }
  }
}

/** The prefix patterns a word's stem or form begins with (as the tagger matches them). */
function prefixesOf(analysis: { forms: readonly string[]; stems: readonly string[] }): string[] {
  const out: string[] = [];
  for (const prefix of patterns.keys()) {
    if (analysis.stems.some((stem, k) => stem.startsWith(prefix) || analysis.forms[k]!.startsWith(prefix))) out.push(prefix);
  }
  return out;
}

const seen = new Map<string, Map<string, number>>();
for (const name of readdirSync(corpus).filter((f) => f.endsWith(".json"))) {
  const doc = parseDocument(readFileSync(join(corpus, name)), { contentType: "application/feed+json", defaultTimeZone: "UTC" });
  for (const item of doc.items) {
    const words: string[] = [];
    splitWords(`${item.title} ${item.body}`, words);
    for (const word of words) {
      const form = word.toLowerCase().replaceAll("ё", "е");
      const keys = prefixMode ? prefixesOf(analyzeWord(word)) : stemWord(word).filter((stem) => patterns.has(stem));
      for (const key of keys) {
        const forms = seen.get(key) ?? new Map<string, number>();
        forms.set(form, (forms.get(form) ?? 0) + 1);
        seen.set(key, forms);
      }
    }
  }
}

/**
 * Whether a corpus word is (most likely) a form of the lexicon word itself: a Russian word with the
 * same letters but the last one («Россия» → россии, россией), an English one with a plural or
 * possessive ending. Everything else sharing the stem is listed.
 */
function sameWord(form: string, name: string): boolean {
  const word = form.replace(/^[^\p{L}\p{N}]+/u, "");
  if (word === name) return true;
  if (/[а-я]/.test(name)) return name.length >= 4 && word.startsWith(name.slice(0, -1));
  return word === `${name}s` || word === `${name}'s` || word === `${name}’s`;
}

const rows = [...patterns].flatMap(([stem, phrases]) => {
  const names = phrases.map((p) => p.split(" (")[0]!.toLowerCase().replaceAll("ё", "е"));
  const others = [...(seen.get(stem) ?? [])].filter(([form]) => prefixMode || !names.some((name) => sameWord(form, name))).sort((a, b) => b[1] - a[1]);
  const total = others.reduce((sum, [, n]) => sum + n, 0);
  return total > 0 ? [{ stem, phrases, others, total }] : [];
});
rows.sort((a, b) => b.total - a.total);
for (const { stem, phrases, others, total } of rows) {
  const what = prefixMode ? "words" : "other words";
  console.log(`${stem} ← ${phrases.join(", ")}: ${total} ${what}: ${others.slice(0, prefixMode ? 12 : 8).map(([form, n]) => `${form} ${n}`).join(", ")}`);
}
