import { and, sql, type SQL } from "drizzle-orm";
import { rowsOf } from "./raw-rows.js";
import type { Db } from "../client.js";
import { articles, articleTopics, sources, stories } from "../schema.js";
import { createSearchPlanCache } from "./search-plan-cache.js";
import { executePrepared } from "./prepared.js";
import { readsText } from "./search-query.js";
import { matchQuery, type ArticleCursor, type ArticleListItem, type SearchPlan, type SearchSettings } from "./articles.js";

/**
 * One line of a list: a story, placed by its newest report that the list matches (`id`,
 * `publishedAt`: the paging cursor), linked to that report and titled with the story's headline.
 * An article no story claims (old rows) is a story of its own.
 */
export interface StoryListItem extends ArticleListItem {
  /** null: an article without a story, shown on its own. */
  storyId: number | null;
  /** The first of the story's other outlets (not the linked report's), in the order they reported it. */
  others: string[];
  /** How many other outlets reported the story in all (`others` may name only the first). */
  otherCount: number;
}

/** A report found by walking a list newest first; `storyId` null stands for a story of its own. */
interface Placed {
  id: number;
  publishedAt: Date;
  storyId: number | null;
}

/**
 * How one list finds its reports: `walk` selects the matching articles (`id`, `published_at`,
 * `story_id`) newest first after a cursor (an index walk); `match`, when the list is narrower
 * than all news, is the condition on a row of `articles` that tells its reports.
 */
interface ListScope {
  walk(limit: number, before: ArticleCursor | undefined): SQL;
  match?: () => SQL;
  /** A walk that read a bounded part of the list: when it found fewer than asked, the page is read this way. */
  fallback?: () => ListScope;
}

/** Reports read per story wanted, at first; a busy story takes many reports, so walks grow. */
const OVERFETCH = 4;
const GROWTH = 4;
/** Bounded work per page (at most 64 reports per story wanted): a run of one huge story ends the page early. */
const MAX_WALKS = 3;
/** Reports read per story for its outlets' names: the first three other outlets are nearly always among them. */
const OUTLET_REPORTS = 12;

function cursorValue(cursor: ArticleCursor): SQL {
  return sql`(${cursor.publishedAt.toISOString()}::timestamptz, ${cursor.id}::bigint)`;
}

function olderThan(cursor: ArticleCursor | undefined): SQL | undefined {
  // A row comparison is an index condition; the equivalent OR would filter the walk from the top.
  return cursor && sql`(${articles.publishedAt}, ${articles.id}) < ${cursorValue(cursor)}`;
}

const latestScope: ListScope = {
  walk: (limit, before) => sql`
    select id, published_at, story_id from ${articles} ${before ? sql`where ${olderThan(before)}` : sql``}
    order by published_at desc, id desc limit ${limit}`,
};

function topicScope(topic: string): ListScope {
  return {
    walk: (limit, before) => sql`
      select t.article_id as id, t.published_at, x.story_id from ${articleTopics} t join ${articles} x on x.id = t.article_id
      where t.topic = ${topic} ${before ? sql`and (t.published_at, t.article_id) < ${cursorValue(before)}` : sql``}
      order by t.published_at desc, t.article_id desc limit ${limit}`,
    match: () => sql`exists (select 1 from ${articleTopics} where ${articleTopics.articleId} = ${articles.id} and ${articleTopics.topic} = ${topic})`,
  };
}

/**
 * Articles a search walk reads for one page at most. The `walk` plan is chosen for words with many
 * matches, expecting them spread over time; a word that was common months ago and not since would
 * make it read most of the store (seconds). Past this many articles the page is read with the
 * `sort` plan instead, which costs the word's matches, not its age. A word of the `walk` class
 * (over 5,000 matches) at its sparsest in a million articles needs ≈ 8,800 for a page of ten, and
 * reading them costs about what sorting its matches does, so the cap changes little for it.
 */
export const WALK_CAP = 5_000;

function searchScope(query: string, plan: SearchPlan, walkCap: number, onFallback: () => void): ListScope {
  const match = () => matchQuery(query);
  const sorted: ListScope = {
    // Few matches (see SearchPlan): all of them from the GIN index, then the newest.
    walk: (limit, before) => sql`with m as materialized (select id, published_at, story_id from ${articles} where ${and(match(), olderThan(before))})
      select id, published_at, story_id from m order by published_at desc, id desc limit ${limit}`,
    match,
  };
  if (plan === "sort") return sorted;
  return {
    // The newest articles, at most walkCap of them, filtered: the subquery's limit bounds the scan.
    walk: (limit, before) => sql`select id, published_at, story_id from (
        select id, published_at, story_id, tsv${readsText(query) ? sql`, title, body` : sql``} from ${articles} ${before ? sql`where ${olderThan(before)}` : sql``}
        order by published_at desc, id desc limit ${walkCap}) s
      where ${matchQuery(query, { tsv: sql`s.tsv`, title: sql`s.title`, body: sql`s.body` })} order by published_at desc, id desc limit ${limit}`,
    match,
    // Too few matches among them: the list's end, or a word of the past; sorting its matches tells.
    fallback: () => {
      onFallback();
      return sorted;
    },
  };
}

/**
 * Which stories of the walk `w` have a matching report at or above the page's cursor (on an
 * earlier page, or grown since). Per story an EXISTS on articles_story_time_idx reads only the
 * reports above the cursor and stops at the first, however big the story.
 */
function aboveCursor(scope: ListScope, before: ArticleCursor | undefined): SQL {
  const match = scope.match?.();
  return before
    ? sql`select s.story_id from (select distinct story_id from w where story_id is not null) s
        where exists (select 1 from ${articles} where ${articles.storyId} = s.story_id
          and ${articles.publishedAt} >= ${before.publishedAt.toISOString()}::timestamptz
          and (${articles.publishedAt}, ${articles.id}) >= ${cursorValue(before)}
          ${match ? sql`and ${match}` : sql``})`
    : sql`select null::bigint as story_id where false`;
}

/**
 * One walk in one statement: `batch` reports after the page's cursor, folded into stories (each at
 * its newest walked report, none placed above the cursor), the newest `want` kept and described.
 * Round trips, not the server's work, are most of a page's cost, so nearly every page is one
 * statement. `walked` below `batch`: the list ends within this walk.
 */
async function foldedWalk(
  tx: Db,
  scope: ListScope,
  want: number,
  batch: number,
  before: ArticleCursor | undefined,
): Promise<{ items: StoryListItem[]; walked: number }> {
  const result = await executePrepared(tx, sql`
    with w as (${scope.walk(batch, before)}), a as (${aboveCursor(scope, before)}),
    f as (
      select distinct on (coalesce(w.story_id, -w.id)) w.id, w.published_at, w.story_id, a.story_id is not null as above
      from w left join a on a.story_id = w.story_id
      order by coalesce(w.story_id, -w.id), w.published_at desc, w.id desc),
    p as (select id, published_at, story_id from f where not above order by published_at desc, id desc limit ${want})
    select c.walked, p.id, p.published_at as "publishedAt", p.story_id as "storyId", ${describedColumns}
    from (select count(*)::int as walked from w) c
    left join (p join ${articles} a on a.id = p.id join ${sources} src on src.id = a.source_id
      left join ${stories} st on st.id = a.story_id) on true
    order by p.published_at desc, p.id desc`);
  const rows = rowsOf<DescribedRow & { walked: number; id: number | string | null; publishedAt: Date | string; storyId: number | string | null }>(result);
  return {
    items: rows
      .filter((r) => r.id !== null)
      .map((r) => describe({ id: Number(r.id), publishedAt: new Date(r.publishedAt), storyId: r.storyId === null ? null : Number(r.storyId) }, r)),
    walked: rows[0]?.walked ?? 0,
  };
}

/** The oldest report of a walk of `batch` after `before`: where a page that gave up goes on. */
async function walkEnd(tx: Db, scope: ListScope, batch: number, before: ArticleCursor | undefined): Promise<ArticleCursor | undefined> {
  const result = await executePrepared(tx, sql`
    with w as (${scope.walk(batch, before)})
    select id, published_at as "publishedAt" from w order by published_at, id limit 1`);
  const row = rowsOf<{ id: number | string; publishedAt: Date | string }>(result)[0];
  return row && { id: Number(row.id), publishedAt: new Date(row.publishedAt) };
}

export interface StoryPage {
  items: StoryListItem[];
  /** Where the next (older) page starts; absent on the last page. */
  next?: ArticleCursor;
}

/**
 * A page of `limit` stories after `before`: a story takes the place of its newest matching report,
 * once. After a cursor, a story with a matching report at or above it was on an earlier page (or
 * grew since), so it is left out: paging never shows a story twice. One more story than the page
 * shows tells whether a next page exists. When a walk meets too few stories (a run of one busy
 * story), the next walks read four times as far, from the same cursor.
 */
async function storyPage(tx: Db, scope: ListScope, limit: number, before: ArticleCursor | undefined): Promise<StoryPage> {
  const want = limit + 1;
  let batch = want * OVERFETCH;
  for (let walk = 1; ; walk += 1) {
    const { items, walked } = await foldedWalk(tx, scope, want, batch, before);
    if (items.length < want && walked < batch && scope.fallback) return storyPage(tx, scope.fallback(), limit, before);
    if (items.length >= want || walked < batch) return pageOf(items, limit);
    if (walk === MAX_WALKS) {
      // Every story met has a report at or above the walk's end, so the next page may start there.
      const page = pageOf(items, limit);
      const end = await walkEnd(tx, scope, batch, before);
      return end ? { ...page, next: end } : page;
    }
    batch *= GROWTH;
  }
}

/** `limit` lines of those placed; one more tells that a next page exists. */
function pageOf(placed: StoryListItem[], limit: number): StoryPage {
  const items = placed.slice(0, limit);
  const last = items[limit - 1];
  return placed.length > limit && last ? { items, next: { publishedAt: last.publishedAt, id: last.id } } : { items };
}

/**
 * What a line shows of its linked report (aliases: `a` the report, `src` its source, `st` its
 * story): the story's outlets other than the linked report's, in the order they first reported it
 * (from the story's first reports, an index walk per story); how many there are in all is the
 * story's source_count.
 */
const describedColumns = sql`a.title, a.url, a.summary, src.title as "sourceTitle", st.headline, st.source_count as "sourceCount",
  array(
    select o.title from (
      select f.source_id, min(f.n) as n from (
        select r.source_id, row_number() over (order by r.published_at, r.id) as n
        from ${articles} r where r.story_id = st.id order by r.published_at, r.id limit ${OUTLET_REPORTS}) f
      where f.source_id <> a.source_id group by f.source_id) d
    join ${sources} o on o.id = d.source_id order by d.n) as others`;

interface DescribedRow {
  title: string;
  url: string;
  summary: string;
  sourceTitle: string;
  headline: string | null;
  sourceCount: number | null;
  others: string[] | null;
}

function describe(p: Placed, report: DescribedRow): StoryListItem {
  const own = report.sourceTitle.trim();
  const names = [...new Set((report.others ?? []).map((title) => title.trim()).filter((title) => title !== "" && title !== own))];
  return {
    id: p.id,
    publishedAt: p.publishedAt,
    storyId: p.storyId,
    // The story's headline (kept by story assignment), else the linked report's title.
    title: report.headline?.trim() ? report.headline : report.title,
    url: report.url,
    summary: report.summary,
    sourceTitle: report.sourceTitle,
    others: names,
    // source_count counts the linked report's outlet too; never fewer than the names found.
    otherCount: p.storyId === null ? names.length : Math.max(names.length, (report.sourceCount ?? 1) - 1),
  };
}

/** What the lines of these placed reports show, in their order, in one statement. */
export async function describeStories(db: Db, placed: readonly Placed[]): Promise<StoryListItem[]> {
  if (placed.length === 0) return [];
  const result = await executePrepared(db, sql`
    select a.id, ${describedColumns}
    from ${articles} a join ${sources} src on src.id = a.source_id left join ${stories} st on st.id = a.story_id
    where a.id = any(${sql.param(placed.map((p) => p.id))}::bigint[])`);
  const byId = new Map(rowsOf<DescribedRow & { id: number | string }>(result).map((r) => [Number(r.id), r]));
  return placed.flatMap((p) => {
    const report = byId.get(p.id);
    return report ? [describe(p, report)] : []; // none: deleted between the two reads
  });
}

/** Lists of stories, newest first, for /latest, /topic, /search and inline mode. */
export function createStoryListRepository(db: Db, settings: SearchSettings = {}) {
  const plans = createSearchPlanCache();
  return {
    latest: (limit: number, before?: ArticleCursor) => storyPage(db, latestScope, limit, before),
    topic: (topic: string, limit: number, before?: ArticleCursor) => storyPage(db, topicScope(topic), limit, before),
    /** Matches newest first, as ArticleRepository.search does, with the same plan setting. */
    search: async (query: string, limit: number, before?: ArticleCursor) => {
      const plan = await plans.choose(db, query, settings.fewMatches);
      // Only a first page that had to sort says the word is one of the past; a deep page may just be sparse.
      const scope = searchScope(query, plan, settings.walkCap ?? WALK_CAP, () => {
        if (!before) plans.set(query, settings.fewMatches, "sort");
      });
      return storyPage(db, scope, limit, before);
    },
  };
}

export type StoryListRepository = ReturnType<typeof createStoryListRepository>;
