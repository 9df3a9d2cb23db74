/**
 * The seed of bench:store: N articles generated server-side (see bench/store.ts for the shape), then
 * the words found only in old news, then stories, indexes and ANALYZE.
 */
import type postgres from "postgres";
import { finishStorySeed, prepareStorySeed } from "./store-stories.js";

export interface SeedOptions {
  n: number;
  sources: number;
  /** The Zipf vocabulary, most frequent first. */
  pool: string[];
  /** Words put into `rareHits` articles each, spread over the year. */
  rare: string[];
  rareHits: number;
  /** Words put only into articles published between `oldFromDays` and `oldToDays` days ago. */
  oldWords: string[];
  /** The same, each in 1–3 % of all articles: common once, not since (the walk plan's worst case). */
  oldCommonWords: string[];
  oldFromDays: number;
  oldToDays: number;
  load: () => string;
}

/**
 * Word j of `oldWords` ends the body of 5 + (j · 13 mod 46) articles (5–50) drawn by a hash from
 * those published in the old range: a word that was in the news for a while months ago and not
 * since, the case a newest-first walk reads most of the index for. Each of `oldCommonWords` ends
 * the body of 1–3 % of all articles, in the same range: a word common enough for the walk plan.
 * Runs while the indexes are dropped, so rewriting these rows (and their tsv) is cheap.
 */
async function seedOldWords(sql: postgres.Sql, o: SeedOptions): Promise<string> {
  const words = [...o.oldWords, ...o.oldCommonWords];
  const counts = [
    ...o.oldWords.map((_, j) => 5 + ((j * 13) % 46)),
    ...o.oldCommonWords.map((_, j) => Math.round((o.n * (10 + 7 * j)) / 1000)),
  ];
  await sql`
    with words as (
      select w, c, sum(c) over (order by j) - c as first from unnest(${words}::text[], ${counts}::int[]) with ordinality as x(w, c, j)
    ), picked as (
      select id, row_number() over (order by hashint8(id), id) - 1 as k from articles
      where published_at between now() - ${o.oldToDays} * interval '1 day' and now() - ${o.oldFromDays} * interval '1 day'
      order by hashint8(id), id limit ${counts.reduce((a, b) => a + b, 0)}
    )
    update articles a set body = a.body || ' ' || initcap(w.w) || '.'
    from picked p join words w on p.k >= w.first and p.k < w.first + w.c
    where a.id = p.id`;
  return `old-news words: ${words.map((w, j) => `${w} ${counts[j]}`).join(", ")} (published ${o.oldFromDays}–${o.oldToDays} days ago)`;
}

/** Seeds the articles; returns a line describing the seed. */
export async function seedArticles(sql: postgres.Sql, o: SeedOptions): Promise<string> {
  const seedStart = performance.now();
  await sql`insert into sources (url, title, site_url, kind)
    select 'https://source-' || s || '.example/rss', 'Источник ' || s, 'https://source-' || s || '.example', 'feed'
    from generate_series(1, ${o.sources}) s`;
  const [{ min: firstSource } = { min: 1 }] = await sql<{ min: number }[]>`select min(id)::int as min from sources`;
  // Indexes built once after the load are several times cheaper than maintained row by row.
  const indexes = await sql<{ name: string; def: string }[]>`
    select indexname as name, indexdef as def from pg_indexes
    where schemaname = 'public' and tablename in ('articles', 'article_topics')
      and indexname not in (select conname from pg_constraint)`;
  for (const ix of indexes) await sql.unsafe(`drop index ${ix.name}`);
  // Words are looked up by a hash join on small tables: subscripting a big array column would
  // detoast the whole array for every word.
  await sql`create temp table bench_vocab as select r::int as r, w from unnest(${o.pool}::text[]) with ordinality as v(w, r)`;
  await sql`create temp table bench_rare as select (r - 1)::int as r, w from unnest(${o.rare}::text[]) with ordinality as v(w, r)`;
  await sql`analyze bench_vocab`;
  await sql`analyze bench_rare`;
  await sql`select setseed(0.42)`;
  const rarePeriod = Math.max(o.rare.length + 1, Math.floor(o.n / o.rareHits));
  const lnV = Math.log(o.pool.length + 1);
  const CHUNK = 25_000;
  await prepareStorySeed(sql);
  for (let from = 1; from <= o.n; from += CHUNK) {
    const to = Math.min(o.n, from + CHUNK - 1);
    // Per article: 5–9 title words (k ≤ 0) and 45–80 body words (≈300–600 characters); a rare word
    // ends the body of a handful of articles each.
    await sql`
      with slots as (
        select i, k, least(${o.pool.length}::int, floor(exp(random() * ${lnV}::float8)))::int as r
        from generate_series(${from}::int, ${to}::int) as i,
             lateral generate_series(-4 - (i * 31) % 5, 45 + ((i::bigint * 7919) % 36)::int) as k
      ), texts as (
        select s.i,
               string_agg(v.w, ' ' order by s.k) filter (where s.k <= 0) as title,
               string_agg(v.w, ' ' order by s.k) filter (where s.k > 0) as body
        from slots s join bench_vocab v on v.r = s.r
        group by s.i
      )
      insert into articles (source_id, url, guid, title, summary, body, lang, published_at, fetched_at, content_hash)
      select ${firstSource}::int + (t.i % ${o.sources}),
             'https://source-' || (t.i % ${o.sources}) || '.example/news/' || t.i,
             'guid-' || t.i,
             initcap(left(t.title, 1)) || substr(t.title, 2),
             left(b.body, 200), b.body, 'ru', d.at, d.at, md5(t.i::text)
      from texts t
      left join bench_rare x on x.r = t.i % ${rarePeriod}::int
      cross join lateral (select t.body || '.' || coalesce(' ' || initcap(x.w) || '.', '') as body) as b
      -- Deterministic per row (an uncorrelated random() here is evaluated once), whole milliseconds
      -- so cursors survive the trip through a JS Date. hashint8 is a 32-bit hash: two of them make
      -- a spread over the whole year (seconds) instead of the ~25 days one alone can reach in ms.
      cross join lateral (
        select date_trunc('second', now()) - interval '1 minute'
               - interval '1 second' * (abs(hashint8(t.i::bigint)) % 31536000)
               - interval '1 millisecond' * (abs(hashint8(-t.i::bigint)) % 1000) as at
      ) as d`;
    process.stdout.write(`\r  seeded ${to.toLocaleString("en")} articles, ${((performance.now() - seedStart) / 1000).toFixed(0)} s`);
  }
  process.stdout.write("\n");
  // Topics: ~30 % central-asia, plus a few others, each an independent draw.
  await sql`
    insert into article_topics (article_id, topic, published_at)
    select a.id, t.topic, a.published_at
    from articles a
    cross join (values ('central-asia', 0.30), ('energy', 0.12), ('economy', 0.20), ('russia', 0.25), ('sport', 0.05)) as t(topic, share)
    where abs(hashtext(a.id::text || t.topic)) % 1000 < t.share * 1000`;
  const oldLine = await seedOldWords(sql, o);
  console.log(oldLine);
  const storyLine = await finishStorySeed(sql);
  console.log(storyLine);
  const rowsLoaded = performance.now();
  await sql`set maintenance_work_mem = '512MB'`;
  for (const ix of indexes) {
    const t0 = performance.now();
    await sql.unsafe(ix.def);
    console.log(`  ${ix.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const indexed = performance.now();
  await sql`analyze`;
  const seedEnd = performance.now();
  const [size] = await sql<{ articles: string; total: string; tagged: number }[]>`
    select pg_size_pretty(pg_total_relation_size('articles')) as articles,
           pg_size_pretty(pg_database_size(current_database())) as total,
           (select count(*)::int from article_topics where topic = 'central-asia') as tagged`;
  const seedLine =
    `seeded ${o.n.toLocaleString("en")} articles in ${((seedEnd - seedStart) / 1000).toFixed(1)} s ` +
    `(rows ${((rowsLoaded - seedStart) / 1000).toFixed(1)} s, indexes ${((indexed - rowsLoaded) / 1000).toFixed(1)} s, ` +
    `analyze ${((seedEnd - indexed) / 1000).toFixed(1)} s); articles ${size?.articles}, database ${size?.total}, ` +
    `${size?.tagged.toLocaleString("en")} tagged central-asia; load average ${o.load()}`;
  return seedLine;
}
