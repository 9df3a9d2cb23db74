// The Telegram corpus as `vestnik stories` input: one {"id","title","text","source","published_at"}
// per post, in time order, on stdout. `npx tsx bench/corpus-jsonl.ts [folder] > corpus.jsonl`
// The corpus itself is not part of the project (see its PROVENANCE.md).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "../src/news/parse-document.js";

const corpus = process.argv[2] ?? fileURLToPath(new URL("../../shared/telegram-news-2024", import.meta.url));
const lines: { at: string; id: string; line: string }[] = [];
for (const name of readdirSync(corpus).filter((f) => f.endsWith(".json")).sort()) {
  const doc = parseDocument(readFileSync(join(corpus, name)), { contentType: "application/feed+json", defaultTimeZone: "UTC" });
  for (const item of doc.items) {
    if (!item.url || !item.publishedAt) continue;
    const at = item.publishedAt.toISOString();
    lines.push({ at, id: item.url, line: JSON.stringify({ id: item.url, title: item.title, text: item.body, source: name, published_at: at }) });
  }
}
lines.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
process.stdout.write(lines.map((l) => `${l.line}\n`).join(""));
