// Per-topic precision / recall / F1 of the built-in tagger on a labeled JSONL set:
// `npm run eval:topics [-- path/to/set.jsonl] [--errors] [--topics-file topics.yaml]`.
// Lines are {"id", "title", "text", "lang"?, "topics": [...]}; the default set is the one the tests use.
//
// Then, when it is there (a clone of the project has no ../shared), the external category set of real
// long articles, `--external <file>` (default ../shared/external-eval/tgcontest-categories.txt),
// mapped onto topics as its PROVENANCE.md says, with the goals of issue 16; and `--feeds <dir>`
// (default ../shared/real-feeds) lists what the Kyrgyz feeds, read as sources whose home region is
// Central Asia, and the other feeds get as Central Asia, for checking by hand.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "../src/news/parse-document.js";
import { toArticleDraft } from "../src/news/normalize.js";
import {
  evaluate, evaluateCategories, formatCategoryReport, formatEvaluation, parseCategorySet, parseEvalSet,
} from "../src/topics/evaluate.js";
import { createTagger } from "../src/topics/tag.js";
import { loadTopics } from "../src/topics/topics-file.js";

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const valued = ["--topics-file", "--external", "--feeds"];
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const topicsFile = option("--topics-file");
const positional = args.filter((a, i) => !a.startsWith("--") && !valued.includes(args[i - 1] ?? ""));
const file = positional[0] ?? fileURLToPath(new URL("../tests/topics/eval-set.jsonl", import.meta.url));
const shared = fileURLToPath(new URL("../../shared/", import.meta.url));

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

const goal = (name: string, value: number, ok: boolean): string =>
  `  ${ok ? "ok  " : "MISS"} ${name} ${(value * 100).toFixed(1)} %`;

const external = option("--external") ?? join(shared, "external-eval/tgcontest-categories.txt");
if (existsSync(external)) {
  // The format does not mark where the title ends, so the whole line is text: its first 80 tokens,
  // title included, are the lead.
  const set = parseCategorySet(readFileSync(external, "utf8"));
  const report = evaluateCategories(set, set.map((item) => tagger.tag({ title: "", text: item.text })));
  const row = (topic: string) => report.topics.find((r) => r.topic === topic)!;
  console.log(`\n${external}: ${set.length} real articles, categories mapped onto topics`);
  console.log(formatCategoryReport(report));
  console.log("goals (issue 16):");
  console.log(goal("sport precision ≥ 90 % (not_news/other rows not counted):", row("sport").precision, row("sport").precision >= 0.9));
  console.log(goal("sport recall ≥ 95 %:", row("sport").recall, row("sport").recall >= 0.95));
  console.log(goal("technology (+ science) recall ≥ 75 %:", row("technology").recall, row("technology").recall >= 0.75));
  console.log(goal("economy recall ≥ 85 %:", row("economy").recall, row("economy").recall >= 0.85));
  console.log(goal("articles with four topics or more ≤ 3 %:", report.fourOrMore, report.fourOrMore <= 0.03));
} else {
  console.log(`\n(no external set at ${external}; pass --external <file>)`);
}

const feeds = option("--feeds") ?? join(shared, "real-feeds");
if (existsSync(feeds)) {
  console.log(`\n${feeds}: Central Asia on real feeds (Kyrgyz ones read with the source region central-asia)`);
  for (const name of readdirSync(feeds).filter((f) => /\.(rss|atom|rdf|json)$/.test(f)).sort()) {
    const doc = parseDocument(readFileSync(join(feeds, name)), { defaultTimeZone: "UTC" });
    const sourceRegion = name.endsWith("-kg.rss") ? "central-asia" : undefined;
    const drafts = doc.items.flatMap((item) => toArticleDraft(item, { sourceKey: name, document: doc, fetchedAt: new Date() }) ?? []);
    const tagged = drafts.filter((d) => tagger.tag({ title: d.title, text: d.body, sourceRegion }).includes("central-asia"));
    const without = sourceRegion === undefined ? tagged.length
      : drafts.filter((d) => tagger.tag({ title: d.title, text: d.body }).includes("central-asia")).length;
    console.log(`  ${name.padEnd(34)} ${String(drafts.length).padStart(4)} items, central-asia ${String(tagged.length).padStart(4)}`
      + (sourceRegion === undefined ? "" : ` (${without} without the source prior)`));
    if (flag("--list")) {
      for (const d of drafts) {
        const mark = tagged.includes(d) ? "CA" : "--";
        console.log(`    ${mark}  ${d.title.slice(0, 110)}`);
      }
    }
  }
}
