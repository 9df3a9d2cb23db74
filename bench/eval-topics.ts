// Per-topic precision / recall / F1 of the built-in tagger on a labeled JSONL set:
// `npm run eval:topics [-- path/to/set.jsonl] [--errors] [--topics-file topics.yaml]`.
// Lines are {"id", "title", "text", "lang"?, "topics": [...]}; the default set is the one the tests use.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { evaluate, formatEvaluation, parseEvalSet } from "../src/topics/evaluate.js";
import { createTagger } from "../src/topics/tag.js";
import { loadTopics } from "../src/topics/topics-file.js";

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const topicsFile = option("--topics-file");
const positional = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--topics-file");
const file = positional[0] ?? fileURLToPath(new URL("../tests/topics/eval-set.jsonl", import.meta.url));

const topics = loadTopics(topicsFile ? { file: topicsFile } : {});
const tagger = createTagger(topics);
const items = parseEvalSet(readFileSync(file, "utf8"));
const results = items.map((item) => ({ id: item.id, gold: item.topics, predicted: tagger.tag(item) }));
const evaluation = evaluate(results, topics.map((t) => t.slug));

console.log(`${file}: ${items.length} items`);
console.log(formatEvaluation(evaluation));
if (flag("--errors")) {
  console.log(`\n${evaluation.errors.length} items with differences:`);
  for (const error of evaluation.errors) {
    const item = items.find((i) => i.id === error.id)!;
    const missing = error.gold.filter((t) => !error.predicted.includes(t));
    const extra = error.predicted.filter((t) => !error.gold.includes(t));
    console.log(`${error.id}  missing [${missing.join(", ")}]  extra [${extra.join(", ")}]  ${item.title}`);
  }
}
