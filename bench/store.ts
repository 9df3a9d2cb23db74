/**
 * Article store benchmark: N articles on Postgres, queried and fed through the bot's own code paths.
 *   1. seeds N articles server-side (generate_series), Zipf-distributed Russian-like text, then ANALYZE;
 *   2. latency (p50/p95/max) of latest, deep-cursor latest, search by word-frequency class, topic pages;
 *   3. ingest throughput through createIngestor (fresh items, then the same items again: all known).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:store -- --n 300000
 *
 * Options: --n / BENCH_N (300000), --runs (200 per query class; fewer, but at least 20, once a class has
 * taken --budget seconds, default 30), --batches (10) × --batch-size (500)
 * for ingest, --explain (EXPLAIN ANALYZE one query of each search class). Runs in a scratch database
 * on the server, dropped at the end. The vocabulary is every word of the repository's own topic
 * lexicons, fixtures and sample news (a few thousand Russian and English words).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import postgres from "postgres";
import type { Database } from "../src/db/client.js";
import { createScratchDatabase, openKeptDatabase } from "../tests/helpers/scratch-database.js";
import { createRepositories, type ArticleCursor, type Repositories, type TransactionRepositories } from "../src/db/repositories/index.js";
import { createIngestor } from "../src/news/ingest.js";
import { createNewsQueries } from "../src/news/queries.js";
import type { ParsedDocument, ParsedItem } from "../src/news/types.js";
import { createTopicService } from "../src/topics/service.js";
import { createTagger } from "../src/topics/tag.js";
import { loadTopics } from "../src/topics/topics-file.js";
import { seedArticles } from "./store-seed.js";
import { explainStoryLists } from "./store-stories.js";

const { values } = parseArgs({
  options: {
    n: { type: "string" },
    runs: { type: "string" },
    batches: { type: "string" },
    "batch-size": { type: "string" },
    budget: { type: "string" },
    explain: { type: "boolean" },
    /** Keep the scratch database at the end (for --reuse). */
    keep: { type: "boolean" },
    /** Run against a database a --keep run left behind, without seeding. */
    reuse: { type: "string" },
    "skip-latency": { type: "boolean" },
    /** Time every repository call of the ingest (summed per method), to see where a document goes. */
    profile: { type: "boolean" },
  },
});
const N = Number(values.n ?? process.env.BENCH_N ?? 300_000);
const RUNS = Number(values.runs ?? 200);
const BATCHES = Number(values.batches ?? 10);
const BATCH_SIZE = Number(values["batch-size"] ?? 500);
/** Per query class: stop after this long (slow classes at large N), but never below MIN_RUNS. */
const BUDGET_MS = Number(values.budget ?? 30) * 1000;
const MIN_RUNS = 20;
const SOURCES = 40;
/** Words injected into a handful of articles each (never drawn from the Zipf pool). */
const RARE_WORDS = 150;
const RARE_HITS = 5;
/** Words found only in old news: each in 5–50 articles published 8–10 months ago. */
const OLD_WORDS = 8;
/** Words found only in old news but in 1–3 % of all articles each: common months ago, not since. */
const OLD_COMMON_WORDS = 4;
const OLD_FROM_DAYS = 240;
const OLD_TO_DAYS = 300;

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  process.stderr.write(
    "bench:store needs Postgres: set DATABASE_URL, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:store\n",
  );
  process.exit(2);
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and the vocabulary

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rnd: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** Place names put at fixed ranks so the query classes always have them. */
const PINNED: [string, number][] = [
  ["Казахстан", 3],
  ["Казахстана", 6],
  ["нефть", 10],
  ["газ", 18],
  ["казахстанский", 60],
  ["Бишкек", 140],
];

function vocabulary(): { cyrillic: string[]; latin: string[] } {
  const texts: string[] = [];
  // Lexicons: only string literals, not the code around them.
  for (const file of filesUnder(join(ROOT, "src/topics/lexicon"))) {
    for (const m of readFileSync(file, "utf8").matchAll(/"([^"\\\n]*)"/g)) texts.push(m[1]!);
  }
  for (const dir of ["tests/fixtures", "samples"]) {
    for (const file of filesUnder(join(ROOT, dir))) texts.push(readFileSync(file, "utf8"));
  }
  const all = texts.join(" ");
  const pinned = new Set(PINNED.map(([w]) => w.toLowerCase()));
  const cyrillic = new Set<string>();
  const latin = new Set<string>();
  for (const m of all.matchAll(/[\p{Script=Cyrillic}]{3,}/gu)) {
    const w = m[0].toLowerCase();
    if (!pinned.has(w)) cyrillic.add(w);
  }
  for (const m of all.matchAll(/\b[A-Za-z]{4,14}\b/g)) latin.add(m[0].toLowerCase());
  return { cyrillic: [...cyrillic].sort(), latin: [...latin].sort() };
}

// ---------------------------------------------------------------------------------------------
// Scratch database

/** A fresh scratch database, or the one a --keep run left; dropped at the end unless --keep. */
async function scratchDatabase(reuse?: string) {
  const where = { prefix: "vestnik_bench" };
  const scratch = reuse ? await openKeptDatabase(serverUrl!, reuse, where) : await createScratchDatabase(serverUrl!, where);
  return { ...scratch, drop: () => (values.keep ? scratch.database.close() : scratch.drop()) };
}

// ---------------------------------------------------------------------------------------------
// Reporting

const rows: [string, string, string, string, string, string][] = [];

function ms(x: number): string {
  return x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

/** Runs `runs` times, or fewer (at least MIN_RUNS) when the class's time budget runs out. */
async function measure(label: string, detail: string, runs: number, run: (i: number) => Promise<number>) {
  await run(0); // warm-up: connection, statement preparation
  const times: number[] = [];
  let hits = 0;
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    if (i >= MIN_RUNS && performance.now() - start > BUDGET_MS) break;
    const t0 = performance.now();
    hits += await run(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const row: (typeof rows)[number] = [
    label,
    `${detail}; ${times.length} runs`,
    ms(quantile(times, 0.5)),
    ms(quantile(times, 0.95)),
    ms(times.at(-1)!),
    (hits / times.length).toFixed(1),
  ];
  rows.push(row);
  console.log(`  ${label.padEnd(30)} p50 ${row[2].padStart(7)} ms  p95 ${row[3].padStart(7)} ms  max ${row[4].padStart(7)} ms  (${times.length} runs, ${detail})`);
  return times;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  // A reused database holds what its seeding run wrote (and the ingests since), not --n.
  const size = values.reuse ? `reusing ${values.reuse}` : `N=${N.toLocaleString("en")}`;
  console.log(`bench:store  ${size}  ${cpus().length} cores  load average ${load()}`);
  const scratch = await scratchDatabase(values.reuse);
  const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
  // Ctrl-C or a kill still drops the scratch database (`with (force)` ends the running query).
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: dropping ${scratch.name}`);
      void scratch.drop().finally(() => process.exit(130));
    });
  }
  try {
    await run(scratch.database, sql);
  } finally {
    await sql.end({ timeout: 5 }).catch(() => {});
    await scratch.drop();
    console.log(values.keep ? `kept ${scratch.name} (drop it when done; --reuse ${scratch.name} runs without seeding)` : `dropped ${scratch.name}`);
  }
}

type Profile = Map<string, { calls: number; ms: number }>;

/** Each method of the repositories the ingest uses, timed into `into` (the transaction's too). */
function profiled(repos: Repositories, into: Profile): Repositories {
  const time = <T extends object>(name: string, target: T): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value: unknown = Reflect.get(obj, prop, receiver);
        if (typeof value !== "function" || typeof prop !== "string") return value;
        return async (...args: unknown[]) => {
          const t0 = performance.now();
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
          } finally {
            const entry = into.get(`${name}.${prop}`) ?? { calls: 0, ms: 0 };
            entry.calls++;
            entry.ms += performance.now() - t0;
            into.set(`${name}.${prop}`, entry);
          }
        };
      },
    });
  const wrap = <R extends TransactionRepositories>(r: R): R => ({
    ...r,
    articles: time("articles", r.articles),
    articleTopics: time("articleTopics", r.articleTopics),
    sources: time("sources", r.sources),
    stories: time("stories", r.stories),
  });
  return {
    ...wrap(repos),
    transaction: (work) => {
      const t0 = performance.now();
      return repos.transaction((tx) => work(wrap(tx))).finally(() => {
        const entry = into.get("transaction (whole)") ?? { calls: 0, ms: 0 };
        entry.calls++;
        entry.ms += performance.now() - t0;
        into.set("transaction (whole)", entry);
      });
    },
  };
}

function printProfile(profile: Profile) {
  console.log("  where the fresh documents went (summed over documents; the rest of a transaction is CPU: tagging, clustering):");
  const sorted = [...profile].sort((a, b) => b[1].ms - a[1].ms);
  for (const [name, { calls, ms: total }] of sorted) console.log(`    ${name.padEnd(30)} ${total.toFixed(0).padStart(7)} ms  ${String(calls).padStart(5)} calls`);
  const inTx = sorted.filter(([name]) => !name.startsWith("transaction") && !name.startsWith("sources") && name !== "articles.knownUrls");
  const sql = inTx.reduce((sum, [, e]) => sum + e.ms, 0);
  const whole = profile.get("transaction (whole)")?.ms ?? 0;
  console.log(`    ${"SQL in the transaction".padEnd(30)} ${sql.toFixed(0).padStart(7)} ms; CPU and the rest ${(whole - sql).toFixed(0)} ms`);
  profile.clear();
}

async function run(database: Database, sql: postgres.Sql) {
  // ---- vocabulary: ranks, stems, frequency classes ----
  const rnd = prng(20240521);
  const vocab = vocabulary();
  const ranked = [...shuffle(vocab.cyrillic, rnd), ...shuffle(vocab.latin, rnd)];
  for (const [word, rank] of PINNED) ranked.splice(rank - 1, 0, word);
  const stemRows = await sql<{ w: string; lex: string[] }[]>`
    select w, tsvector_to_array(to_tsvector('russian', w)) as lex from unnest(${ranked}::text[]) as w`;
  const stemOf = new Map(stemRows.map((r) => [r.w, r.lex.length === 1 ? r.lex[0]! : undefined]));
  // A rare word must stay rare under the repository's prefix rewrite: no other word's stem may
  // start with its stem (and its own stem must be unique), or it would match a common word too.
  const isIsolated = (w: string) => {
    const s = stemOf.get(w);
    if (!s) return false;
    // Counts words, not stems: «минуты» and «минуте» share one stem.
    return stemRows.filter((r) => r.lex.some((t) => t.startsWith(s) || (t.length >= 5 && s.startsWith(t)))).length === 1;
  };
  const rareCandidates = ranked.filter((w, i) => i > 2000 && /^[\p{Script=Cyrillic}]+$/u.test(w) && w.length >= 6 && isIsolated(w));
  const rare = rareCandidates.slice(0, RARE_WORDS);
  const oldWords = rareCandidates.slice(RARE_WORDS, RARE_WORDS + OLD_WORDS);
  const oldCommonWords = rareCandidates.slice(RARE_WORDS + OLD_WORDS, RARE_WORDS + OLD_WORDS + OLD_COMMON_WORDS);
  const rareSet = new Set([...rare, ...oldWords, ...oldCommonWords]);
  const pool = ranked.filter((w) => !rareSet.has(w));
  console.log(
    `vocabulary: ${ranked.length} words (${vocab.cyrillic.length + PINNED.length} Cyrillic, ${vocab.latin.length} Latin), ` +
      `${rare.length} rare, ${oldWords.length + oldCommonWords.length} found only in old news`,
  );

  // Zipf (s = 1): rank = floor(exp(u · ln(V + 1))) for uniform u gives P(rank = r) ≈ 1 / (r · ln V).
  const V = pool.length;
  const zipfRank = (u: number) => Math.min(V, Math.floor(Math.exp(u * Math.log(V + 1))));

  // ---- 1. seed ----
  const seedLine = values.reuse
    ? `reusing ${values.reuse} (seeded by an earlier --keep run); load average ${load()}`
    : await seedArticles(sql, { n: N, sources: SOURCES, pool, rare, rareHits: RARE_HITS, oldWords, oldCommonWords, oldFromDays: OLD_FROM_DAYS, oldToDays: OLD_TO_DAYS, load });
  console.log(seedLine);

  // ---- query words by measured document frequency ----
  const hitsOf = async (q: string) => {
    const [r] = await sql<{ n: number }[]>`
      select count(*)::int as n from articles
      where tsv @@ regexp_replace(websearch_to_tsquery('russian', ${q})::text, '''([^'' ]{5,})''', '''\\1'':*', 'g')::tsquery`;
    return r?.n ?? 0;
  };
  const contentWords = pool.filter((w) => stemOf.get(w) !== undefined && !/^[a-z]/.test(w));
  const common = contentWords.slice(0, 8);
  if (!common.includes("Казахстана")) common[common.length - 1] = "Казахстана";
  const medium = contentWords.slice(150, 158);
  const rareQ = rare.slice(0, 8);
  const twoWord = medium.map((m, i) => `${common[i % common.length]} ${m}`);
  // Phrases: adjacent pairs of common words (the pool makes them frequent enough to occur).
  const phrases = common.map((w, i) => `"${w} ${common[(i + 1) % common.length]}"`);
  const noHit = ["несуществующееслово", "квазиабракадабра", "zzyzxqwerty", "псевдотерминология"];
  const classes: { label: string; words: string[] }[] = [
    { label: "search common", words: common },
    { label: "search medium", words: medium },
    { label: "search rare", words: rareQ },
    { label: "search rare, old news only", words: oldWords },
    { label: "search common, old news only", words: oldCommonWords },
    { label: "search two words", words: twoWord },
    { label: "search phrase", words: phrases },
    { label: "search no match", words: noHit },
  ];
  const matches = new Map<string, string>();
  // The counts only label the latency rows (and take a minute at 1 M): not for an ingest-only run.
  if (!values["skip-latency"]) console.log("\nmatching articles per query (count(*) with the same tsquery):");
  for (const c of values["skip-latency"] ? [] : classes) {
    const counts = await Promise.all(c.words.map(hitsOf));
    const sorted = [...counts].sort((a, b) => a - b);
    matches.set(c.label, `${sorted[0]!.toLocaleString("en")}–${sorted.at(-1)!.toLocaleString("en")}`);
    console.log(`  ${c.label.padEnd(18)} ${c.words.map((w, i) => `${w} ${counts[i]}`).join(", ")}`);
  }

  // ---- 2. latency through the real code ----
  const repos = createRepositories(database.db);
  const news = createNewsQueries(repos);
  const topics = loadTopics({});
  const topicService = createTopicService({ topics, repos });
  const cursors = (
    await sql<{ published_at: Date; id: number }[]>`
      select published_at, id::int as id from articles order by published_at desc, id desc
      offset ${Math.floor(N / 4)} limit ${Math.floor(N / 2)}`
  ).filter((_, i) => i % Math.max(1, Math.floor(N / 2 / 64)) === 0);
  const cursorAt = (i: number): ArticleCursor => {
    const c = cursors[i % cursors.length]!;
    return { publishedAt: c.published_at, id: c.id };
  };

  console.log(`\nlatency (load average ${load()}):`);
  if (!values["skip-latency"]) await latency();
  async function latency() {
  await measure("latest(5)", "first page", RUNS, async () => (await news.latest(5)).items.length);
  await measure("latest(5, cursor)", "cursor 25–75 % deep", RUNS, async (i) => (await news.latest(5, cursorAt(i))).items.length);
  // A process compiles its search code during its first searches: those cost a few ms more each,
  // whatever the word. Shown on a row of their own (other words than the classes'), so that the
  // rows below measure what a running bot pays, each word's first search (and its plan choice) included.
  const warmUp = contentWords.slice(400, 441);
  let nextWarm = 0;
  // measure's own first call is one of these words too: each word is searched once.
  await measure("search, process warming up", "first searches of the process, each word once", warmUp.length - 1, async () =>
    (await news.search(warmUp[nextWarm++]!, 10)).items.length);
  for (const c of classes) {
    await measure(c.label, `${c.words.length} queries, ${matches.get(c.label)} matches`, RUNS, async (i) =>
      (await news.search(c.words[i % c.words.length]!, 10)).items.length);
  }
  // The rows above include each word's first search in this process, which also chooses its plan
  // (an EXPLAIN, remembered for ten minutes); the common words once more, all of them known now.
  await measure("search common, again", "each query searched before", RUNS, async (i) => (await news.search(common[i % common.length]!, 10)).items.length);
  const sameRare = rare[0]!;
  await measure("search rare, same word", `«${sameRare}» ×${RUNS}`, RUNS, async () => (await news.search(sameRare, 10)).items.length);
  await measure("search common, page 2", "cursor after page 1", RUNS, async (i) => {
    const first = await news.search(common[i % common.length]!, 10);
    return first.next ? (await news.search(common[i % common.length]!, 10, first.next)).items.length : 0;
  });
  await measure("topic latest(central-asia, 10)", "first page", RUNS, async () =>
    (await topicService.latest("central-asia", 10)).items.length);
  await measure("topic latest(central-asia, 10)", "cursor 25–75 % deep", RUNS, async (i) =>
    (await topicService.latest("central-asia", 10, cursorAt(i))).items.length);
  // The same pages as articles (before stories), measured under the same load for comparison.
  await measure("articles latest(5)", "first page, no folding", RUNS, async () => (await repos.articles.latest(6)).length);
  await measure("articles search common", "no folding", RUNS, async (i) => (await repos.articles.search(common[i % common.length]!, 11)).length);
  await measure("latest(20)", "first page", RUNS, async () => (await news.latest(20)).items.length);
  await measure("latest(20), page 2", "cursor after page 1", RUNS, async () => {
    const first = await news.latest(20);
    return first.next ? (await news.latest(20, first.next)).items.length : 0;
  });
  }
  const afterLatency = load();

  // ---- 3. ingest ----
  // The story tables are filled only by ingest: without autovacuum (off on some benchmark servers)
  // their statistics would still describe the empty tables of the migration, and so would the plans.
  await sql`analyze stories, story_cores, story_key_hours`;
  const tagger = createTagger(topics);
  const profile = new Map<string, { calls: number; ms: number }>();
  const ingestor = createIngestor({ repos: values.profile ? profiled(repos, profile) : repos, tagger });
  // A reused database holds the items of earlier runs: these are new again under another prefix.
  const irnd = prng(values.reuse ? Date.now() : 7);
  const runTag = values.reuse ? `${Date.now().toString(36)}/` : "";
  const word = () => pool[zipfRank(irnd()) - 1]!;
  const docs: ParsedDocument[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const items: ParsedItem[] = [];
    for (let k = 0; k < BATCH_SIZE; k++) {
      const words = Array.from({ length: 45 + Math.floor(irnd() * 36) }, word);
      const title = Array.from({ length: 5 + Math.floor(irnd() * 5) }, word).join(" ");
      const body = `${words.join(" ")}.`;
      items.push({
        title: title.charAt(0).toUpperCase() + title.slice(1),
        url: `https://ingest.example/news/${runTag}${b}/${k}?utm_source=rss`,
        guid: `ingest-${runTag}${b}-${k}`,
        summary: body.slice(0, 200),
        body,
        lang: "ru",
        publishedAt: new Date(Date.now() - (b * BATCH_SIZE + k) * 1000),
        categories: [],
      });
    }
    docs.push({ kind: "rss", title: "Bench feed", siteUrl: "https://ingest.example/", lang: "ru", items });
  }
  const origin = { key: "https://ingest.example/rss", fallbackTitle: "Bench feed", url: "https://ingest.example/rss", kind: "feed" as const };
  const ingest = async (label: string, expectAdded: boolean) => {
    let added = 0;
    let known = 0;
    const perBatch: number[] = [];
    const t0 = performance.now();
    for (const doc of docs) {
      const b0 = performance.now();
      const counts = await ingestor.ingestDocument(doc, origin);
      perBatch.push(performance.now() - b0);
      added += counts.added;
      known += counts.known;
    }
    const secs = (performance.now() - t0) / 1000;
    const items = BATCHES * BATCH_SIZE;
    const rate = (expectAdded ? added : known) / secs;
    perBatch.sort((a, b) => a - b);
    console.log(
      `  ${label.padEnd(30)} ${rate.toFixed(0)} ${expectAdded ? "articles" : "items"}/s  (${items} items in ${secs.toFixed(2)} s; ` +
        `added ${added}, known ${known}; per ${BATCH_SIZE}-item document p50 ${ms(quantile(perBatch, 0.5))} ms, max ${ms(perBatch.at(-1)!)} ms)`,
    );
    rows.push([label, `${BATCHES} × ${BATCH_SIZE} items, added ${added}, known ${known}`, ms(quantile(perBatch, 0.5)), "", ms(perBatch.at(-1)!), `${rate.toFixed(0)}/s`]);
  };
  console.log(`\ningest through createIngestor (load average ${load()}):`);
  await ingest("ingest fresh", true);
  if (values.profile) printProfile(profile);
  await ingest("re-ingest (all known)", false);
  const [tagged] = await sql<{ n: number }[]>`
    select count(distinct article_id)::int as n from article_topics t join articles a on a.id = t.article_id
    where a.url like ${`https://ingest.example/news/${runTag}%`}`;
  console.log(`  (${tagged?.n} of ${BATCHES * BATCH_SIZE} ingested articles got topics from the tagger)`);

  // ---- table ----
  console.log(`\n${seedLine}`);
  console.log(`load average after latency runs ${afterLatency}, at the end ${load()}\n`);
  console.log("| Query | Detail | p50 ms | p95 ms | max ms | rows / rate |");
  console.log("|---|---|---:|---:|---:|---:|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);

  if (values.explain) {
    console.log("\nEXPLAIN ANALYZE (the SQL of the repositories' latest / search / topic latest):");
    const explain = async (label: string, text: string, params: string[]) => {
      const plan = await sql.unsafe(`explain (analyze, buffers) ${text}`, params);
      console.log(`\n-- ${label}`);
      for (const line of plan) console.log(String((line as Record<string, unknown>)["QUERY PLAN"]));
    };
    const cols = "a.id, a.title, a.url, a.summary, a.published_at, s.title";
    await explain("latest(5)", `select ${cols} from articles a join sources s on s.id = a.source_id
      order by a.published_at desc, a.id desc limit 6`, []);
    for (const c of classes) {
      const q = c.words[0]!;
      await explain(`${c.label}: ${q}`, `select ${cols} from articles a join sources s on s.id = a.source_id
        where a.tsv @@ regexp_replace(websearch_to_tsquery('russian'::regconfig, $1)::text, '''([^'' ]{5,})''', '''\\1'':*', 'g')::tsquery
        order by a.published_at desc, a.id desc limit 11`, [q]);
    }
    await explain("topic latest(central-asia, 10)", `select ${cols} from article_topics t
      join articles a on a.id = t.article_id join sources s on s.id = a.source_id
      where t.topic = $1 order by t.published_at desc, t.article_id desc limit 11`, ["central-asia"]);
    await explainStoryLists(explain, sql);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
