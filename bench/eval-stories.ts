// Pair recall and false merges of the story engine on the labelled development set:
// `npm run eval:stories [-- --corpus ../shared/telegram-news-2024] [--pairs file.jsonl] [--errors]`.
// The corpus is clustered in time order exactly as `vestnik stories` does it, then every labelled
// pair is checked: same story or not. The corpus itself is not part of the project (see its PROVENANCE.md).
//
// How the labelled pairs were chosen: candidate pairs were drawn from the whole corpus (posts of two
// different channels within 12 h that share a capitalised word), stratified by their plain word
// overlap from 0.04 to 1.0 — a second draw only among low-overlap pairs sharing a rare name — so the
// set holds reports worded very differently, not only near-copies, and was not drawn from what the
// engine joins. Each pair was read and labelled: `same` (one happening), `hard` (a follow-up,
// consequence, reaction, another statement of the same official, another incident in the same
// city) or left out when the two readings were both defensible. Random pairs are seeded draws.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "../src/news/parse-document.js";
import { createStoryClusterer } from "../src/stories/cluster.js";
import { evaluatePairs, formatPairResults, parsePairs } from "../src/stories/evaluate.js";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const corpus = option("--corpus") ?? fileURLToPath(new URL("../../shared/telegram-news-2024", import.meta.url));
const pairsFile = option("--pairs") ?? fileURLToPath(new URL("../tests/fixtures/stories/dev-pairs.jsonl", import.meta.url));
if (!existsSync(corpus)) {
  console.error(`eval:stories: no corpus at ${corpus} (pass --corpus <folder of JSON Feed files>)`);
  process.exit(2);
}

interface Post {
  id: string;
  title: string;
  text: string;
  source: string;
  publishedAt: Date;
}
const posts: Post[] = [];
for (const name of readdirSync(corpus).filter((f) => f.endsWith(".json")).sort()) {
  const doc = parseDocument(readFileSync(join(corpus, name)), { contentType: "application/feed+json", defaultTimeZone: "UTC" });
  for (const item of doc.items) {
    if (!item.url || !item.publishedAt) continue;
    posts.push({ id: item.url, title: item.title, text: item.body, source: name, publishedAt: item.publishedAt });
  }
}
posts.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id.localeCompare(b.id));

const clusterer = createStoryClusterer();
const storyOf = new Map<string, number>();
const started = performance.now();
for (const post of posts) storyOf.set(post.id, clusterer.assign(post).storyId);
const ms = performance.now() - started;

const pairs = parsePairs(readFileSync(pairsFile, "utf8"));
const results = evaluatePairs(pairs, storyOf);
const stories = new Set(storyOf.values()).size;
console.log(`${posts.length} posts → ${stories} stories in ${(ms / 1000).toFixed(2)} s (${Math.round(posts.length / (ms / 1000))} posts/s)`);
console.log(`${pairsFile}: ${pairs.length} labelled pairs`);
console.log(formatPairResults(results));
if (args.includes("--errors")) {
  for (const r of results) for (const e of r.errors) console.log(`${r.kind}: ${e.a} ${e.b} (${e.same ? "missed" : "joined"}) ${e.note}`);
}
