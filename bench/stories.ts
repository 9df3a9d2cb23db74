/**
 * Story engine benchmark.
 *   1. `--corpus <folder>` (default ../shared/telegram-news-2024): the clustering of `vestnik stories`
 *      over every post in time order (posts/s), then ingest of the folder into an in-memory PGlite with
 *      story assignment on, split into article insert and story work.
 *   2. With DATABASE_URL: a scratch database with --stories stored stories (default 700,000, about
 *      what 1,000,000 articles make) spread over --days (365) with their key counts, then the cost of
 *      assigning one new article (the window's update, the clustering, the write-back) p50/p95 over
 *      --runs (200) articles, after a first one that loads the window and --warm (50) more, timed
 *      apart: a process's first assignments run code not yet compiled.
 *
 *   npm run bench:stories
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:stories -- --stories 700000
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase } from "../src/db/client.js";
import { createRepositories } from "../src/db/repositories/index.js";
import type { StoryRepository } from "../src/db/repositories/stories.js";
import { createScratchDatabase, openKeptDatabase } from "../tests/helpers/scratch-database.js";
import { createIngestor } from "../src/news/ingest.js";
import { parseDocument } from "../src/news/parse-document.js";
import type { ParsedDocument } from "../src/news/types.js";
import { createStoryAssigner } from "../src/stories/assign.js";
import { createStoryWindow } from "../src/stories/window.js";
import { createStoryClusterer, DEFAULT_STORY_WINDOW_MS, prepareReport } from "../src/stories/cluster.js";
import { storeFeatures } from "../src/stories/features.js";

const { values } = parseArgs({
  options: {
    corpus: { type: "string" },
    stories: { type: "string" },
    days: { type: "string" },
    runs: { type: "string" },
    /** Articles assigned before the measured ones, timed apart: the process compiles its code meanwhile. */
    warm: { type: "string" },
    /** Only the assignment cost at scale (needs DATABASE_URL). */
    "assign-only": { type: "boolean" },
    /** Keep the seeded scratch database (its name is printed) for --reuse. */
    keep: { type: "boolean" },
    /** Measure on a database a --keep run left, without seeding. */
    reuse: { type: "string" },
  },
});
const corpus = values.corpus ?? fileURLToPath(new URL("../../shared/telegram-news-2024", import.meta.url));
const STORIES = Number(values.stories ?? 700_000);
const DAYS = Number(values.days ?? 365);
const RUNS = Number(values.runs ?? 200);
const WARM = Number(values.warm ?? 50);

/** The story repository with every call's time reported to `record` (by method name). */
function timedStories(stories: StoryRepository, record: (name: string, ms: number) => void): StoryRepository {
  const timed = { ...stories };
  for (const name of Object.keys(timed) as (keyof StoryRepository)[]) {
    const call = timed[name] as (...args: unknown[]) => Promise<unknown>;
    (timed as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const t = performance.now();
      try {
        return await call(...args);
      } finally {
        record(name, performance.now() - t);
      }
    };
  }
  return timed;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

if (!existsSync(corpus)) {
  console.error(`bench:stories: no corpus at ${corpus} (pass --corpus <folder of JSON Feed files>)`);
  process.exit(2);
}
const docs: { name: string; doc: ParsedDocument }[] = readdirSync(corpus)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((name) => ({ name, doc: parseDocument(readFileSync(join(corpus, name)), { contentType: "application/feed+json", defaultTimeZone: "UTC" }) }));
const posts = docs
  .flatMap(({ doc }) => doc.items.map((item) => ({ title: item.title, text: item.body, publishedAt: item.publishedAt ?? new Date(0) })))
  .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} (a shared machine: figures are noisy)`);

if (!values["assign-only"]) {
  const clusterer = createStoryClusterer();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (const post of posts) clusterer.assign(post);
  const ms = performance.now() - wall;
  console.log(`clustering (vestnik stories): ${posts.length} posts in ${(ms / 1000).toFixed(2)} s wall, ${(cpuMs(cpu) / 1000).toFixed(2)} s CPU → ${Math.round(posts.length / (ms / 1000))} posts/s wall, ${Math.round(posts.length / (cpuMs(cpu) / 1000))} posts/s CPU`);
}

if (!values["assign-only"]) {
  const database = await openDatabase({ memory: true });
  await database.migrate();
  const repos = createRepositories(database.db);
  let storyMs = 0;
  // The story step's database time: every call it makes to the story repository of the transaction.
  const ingestor = createIngestor({
    repos: {
      ...repos,
      transaction: (work) => repos.transaction((tx) => work({ ...tx, stories: timedStories(tx.stories, (_, ms) => (storyMs += ms)) })),
    },
    tagger: { rank: () => [] },
  });
  const wall = performance.now();
  const cpu = process.cpuUsage();
  let added = 0;
  for (const { name, doc } of docs) added += (await ingestor.ingestDocument(doc, { key: `file:${name}`, fallbackTitle: name, kind: "file" })).added;
  const ms = performance.now() - wall;
  console.log(
    `ingest into PGlite with stories: ${added} articles in ${(ms / 1000).toFixed(1)} s wall (${Math.round(added / (ms / 1000))}/s), ` +
      `${(cpuMs(cpu) / 1000).toFixed(1)} s CPU; story SQL ${(storyMs / 1000).toFixed(1)} s of the wall time`,
  );
  await database.close();
}

const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  const where = { prefix: "vestnik_bench_stories", maxConnections: 2 };
  const scratch = values.reuse ? await openKeptDatabase(serverUrl, values.reuse, where) : await createScratchDatabase(serverUrl, where);
  const { database, url } = scratch;
  const end = Date.parse("2024-12-05T00:00:00Z");
  try {
    if (!values.reuse) {
      const sqlc = postgres(url, { max: 1, onnotice: () => {} });
      const started = performance.now();
      // Stored stories with a real three-report core, and key counts drawn from the corpus' own lookup
      // keys with their real frequencies, so common keys («москв», «путин») weigh as they do.
      const prepared = posts.map((post) => prepareReport(post));
      const pool = prepared.flatMap((p) => p.keys);
      const core = JSON.stringify({ v: 1, members: prepared.slice(0, 3).map((p) => storeFeatures(p.features)) });
      await sqlc`
        insert into stories (headline, first_published_at, last_published_at)
        select 'story ' || g, t, t
        from (select g, to_timestamp(${end / 1000} - (g::float8 / ${STORIES}) * ${DAYS} * 86400) as t from generate_series(1, ${STORIES}) g) s`;
      await sqlc`insert into story_cores (story_id, core, seed_published_at) select id, ${core}::jsonb, first_published_at from stories`;
      // The window statistics those stories' reports would have left: 8 keys each, by hour.
      await sqlc`
        insert into story_key_hours (key, hour, reports)
        select key, hour, count(*)
        from (select (${pool}::text[])[1 + floor(random() * ${pool.length})::int] as key, date_trunc('hour', s.first_published_at) as hour
              from stories s, generate_series(1, 8)) k
        group by key, hour`;
      await sqlc.unsafe(`analyze`);
      console.log(`seeded ${STORIES} stories over ${DAYS} days in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      await sqlc.end();
    }

    const repos = createRepositories(database.db);
    // Time of every call the assignment makes to the story repository, by method.
    const calls = new Map<string, { n: number; ms: number; each: number[] }>();
    const record = (name: string, ms: number) => {
      const c = calls.get(name) ?? { n: 0, ms: 0, each: [] };
      c.each.push(ms);
      c.n += 1;
      c.ms += ms;
      calls.set(name, c);
    };
    const source = await repos.sources.upsert({ url: "bench:", title: "bench", siteUrl: null, kind: "file" });
    const recent = posts.slice(-RUNS);
    // Other posts than the measured ones, assigned first (the very first also loads the window).
    const warming = posts.slice(-RUNS - WARM - 1, -RUNS);
    const warmTimes: number[] = [];
    const times: number[] = [];
    const cpus: number[] = [];
    const plans: number[] = [];
    const commits: number[] = [];
    // A reused database holds the articles of earlier runs: new URLs, the same minutes (the last of
    // the seeded year, so the window holds as many stories as a live one would).
    const run = values.reuse ? `${Date.now().toString(36)}/` : "";
    // One window for the run, as the ingestor keeps one for its process; "now" is the articles' time.
    const window = createStoryWindow({ windowMs: DEFAULT_STORY_WINDOW_MS, now: () => end });
    let loadMs = 0;
    const sequence = [...warming, ...recent];
    for (const [i, post] of sequence.entries()) {
      const warmUp = i < warming.length;
      const publishedAt = new Date(end - (sequence.length - i) * 60_000);
      // As ingest does: the article and its story in one transaction, so one commit.
      let t = 0;
      let spent = 0;
      let cpuSpent = 0;
      // As ingest does: the story planned under the article's reserved id, the article inserted with
      // it, the story row refreshed; one transaction, so one commit. The insert is not counted.
      await window.run((session) => repos.transaction(async (tx) => {
        const [id] = await tx.articles.reserveIds(1);
        const report = { articleId: id!, sourceId: source, title: post.title, text: post.text, publishedAt };
        t = performance.now();
        const cpu = process.cpuUsage();
        const planned = await createStoryAssigner({ repo: warmUp ? tx.stories : timedStories(tx.stories, record), session }).planStories([report]);
        spent = performance.now() - t;
        if (!warmUp) plans.push(spent);
        cpuSpent = cpuMs(cpu);
        await tx.articles.insertPlanned([
          {
            id: id!, sourceId: source, url: `https://bench.example/${run}${i}`, guid: null, title: post.title, summary: "", body: post.text,
            author: null, lang: "ru", publishedAt, fetchedAt: publishedAt, contentHash: `${run}${i}`, storyId: planned.outcomes.get(id!)!.storyId,
          },
        ]);
        const r = performance.now();
        const c = process.cpuUsage();
        await planned.refresh();
        spent += performance.now() - r;
        cpuSpent += cpuMs(c);
        t = performance.now();
      }));
      if (i === 0) {
        loadMs = spent;
        continue;
      }
      if (warmUp) {
        warmTimes.push(spent);
        continue;
      }
      times.push(spent);
      cpus.push(cpuSpent);
      commits.push(performance.now() - t);
    }
    commits.sort((a, b) => a - b);
    times.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    plans.sort((a, b) => a - b);
    console.log(
      `assign one new article at ${STORIES} stored stories (Postgres): p50 ${percentile(times, 0.5).toFixed(2)} ms, ` +
        `p95 ${percentile(times, 0.95).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(2)} ms over ${RUNS} articles ` +
        `(inside the article's transaction; its commit: p50 ${percentile(commits, 0.5).toFixed(2)} ms, p95 ${percentile(commits, 0.95).toFixed(2)} ms; this process's CPU: p50 ${percentile(cpus, 0.5).toFixed(2)} ms)`,
    );
    console.log(
      `  without the refresh (ingest sends it once the article is in, while it tags): p50 ${percentile(plans, 0.5).toFixed(2)} ms, p95 ${percentile(plans, 0.95).toFixed(2)} ms`,
    );
    console.log(`  the first article loaded the window (${window.size()} stories): ${loadMs.toFixed(0)} ms, not counted above`);
    warmTimes.sort((a, b) => a - b);
    if (warmTimes.length > 0) {
      console.log(
        `  the ${warmTimes.length} articles after it, before the measured ones (the process compiling its code; not counted above): ` +
          `p50 ${percentile(warmTimes, 0.5).toFixed(2)} ms, p95 ${percentile(warmTimes, 0.95).toFixed(2)} ms`,
      );
    }
    console.log(
      `  per article, by story repository call: ${[...calls]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([name, c]) => {
          const each = c.each.sort((a, b) => a - b);
          return `${name} ${(c.ms / RUNS).toFixed(2)} ms (${(c.n / RUNS).toFixed(1)}×; p95 ${percentile(each, 0.95).toFixed(2)})`;
        })
        .join(", ")}`,
    );
  } finally {
    if (values.keep || values.reuse) {
      await database.close();
      console.log(`kept ${scratch.name} (--reuse ${scratch.name} measures again without seeding; drop it when done)`);
    } else {
      await scratch.drop();
    }
  }
}
