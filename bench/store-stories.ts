/**
 * Stories for bench:store: every seeded article gets a story while it is inserted (a trigger, so
 * the generated tsv is computed once, not again by an UPDATE), and the stories rows are written
 * afterwards from the articles. Shapes, at 1 M articles over a year (≈ 114 an hour):
 *   - 95 % of articles fall into one of 40 stories per hour: mostly 1–5 reports, from different sources;
 *   - 5 % into one big story per 6 hours (≈ 34 reports), the "busy day" case for story folding.
 */
import type postgres from "postgres";

const PER_HOUR = 40;
const BIG_OFFSET = 1_000_000_000;

export async function prepareStorySeed(sql: postgres.Sql): Promise<void> {
  // Checked again when the stories exist; with it on, every seeded row would look its story up.
  await sql`alter table articles drop constraint if exists articles_story_id_stories_id_fk`;
  await sql.unsafe(`
    create or replace function bench_story_of() returns trigger language plpgsql as $$
    declare
      age_s float8 := extract(epoch from (now() - new.published_at));
    begin
      new.story_id := case
        when abs(hashint8(new.id)) % 100 < 5 then ${BIG_OFFSET} + floor(age_s / 21600)::bigint
        else floor(age_s / 3600)::bigint * ${PER_HOUR} + abs(hashint8(new.id * 7)) % ${PER_HOUR} + 1
      end;
      return new;
    end $$`);
  await sql`create trigger bench_story before insert on articles for each row execute function bench_story_of()`;
}

/** Writes the stories rows the seeded articles point at; returns a line describing them. */
export async function finishStorySeed(sql: postgres.Sql): Promise<string> {
  await sql`drop trigger if exists bench_story on articles`;
  await sql`drop function if exists bench_story_of()`;
  await sql`
    insert into stories (id, first_article_id, headline, article_count, source_count, first_published_at, last_published_at)
    overriding system value
    select story_id, (array_agg(id order by published_at, id))[1], (array_agg(title order by published_at, id))[1],
           count(*), count(distinct source_id), min(published_at), max(published_at)
    from articles where story_id is not null group by story_id`;
  await sql`select setval(pg_get_serial_sequence('stories', 'id'), (select max(id) from stories))`;
  await sql`alter table articles add constraint articles_story_id_stories_id_fk
    foreign key (story_id) references stories (id) on delete set null`;
  const [s] = await sql<{ stories: number; multi: number; avg: number; max: number }[]>`
    select count(*)::int as stories, count(*) filter (where article_count > 1)::int as multi,
           avg(article_count)::float8 as avg, max(article_count)::int as max from stories`;
  return `stories: ${s?.stories.toLocaleString("en")} (${s?.multi.toLocaleString("en")} with more than one report), ` +
    `${s?.avg.toFixed(2)} reports on average, the largest ${s?.max}`;
}

/** EXPLAIN ANALYZE of the story-list SQL beyond the article walk: the "placed above" check and the outlets. */
export async function explainStoryLists(explain: (label: string, text: string, params: string[]) => Promise<void>, sql: postgres.Sql) {
  const [c] = await sql<{ published_at: Date; id: string }[]>`
    select published_at, id::text from articles order by published_at desc, id desc offset 5000 limit 1`;
  if (!c) return;
  const ids = await sql<{ story_id: string }[]>`
    select story_id::text from articles where (published_at, id) < (${c.published_at}, ${c.id}) order by published_at desc, id desc limit 24`;
  const list = ids.map((r) => r.story_id).join(",");
  await explain("story lists: stories of the next page placed above the cursor",
    `select s.id from stories s where s.id in (${list}) and exists (select 1 from articles a where a.story_id = s.id
       and a.published_at >= $1::timestamptz and (a.published_at, a.id) >= ($1::timestamptz, $2::bigint))`,
    [c.published_at.toISOString(), c.id]);
  await explain("story lists: the first outlets of a page's stories",
    `select s.id, s.source_count, array(select a.source_id from articles a where a.story_id = s.id
       order by a.published_at, a.id limit 12) from stories s where s.id in (${list})`, []);
}
