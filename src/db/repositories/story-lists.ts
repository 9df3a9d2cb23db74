import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.js";
import { articles, articleTopics, sources, stories } from "../schema.js";
import { createSearchPlanCache } from "./search-plan-cache.js";
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
 * How one list finds its reports: `walk` reads the matching articles newest first after a cursor
 * (an index walk), `placedAbove` tells which stories have a matching report at or above the
 * cursor, i.e. belong to an earlier page (or grew since the reader got it).
 */
interface ListScope {
  walk(tx: Db, limit: number, before: ArticleCursor | undefined): Promise<Placed[]>;
  placedAbove(tx: Db, storyIds: number[], cursor: ArticleCursor): Promise<Set<number>>;
}

/** Reports read per story wanted, at first; a busy story takes many reports, so rounds grow. */
const OVERFETCH = 4;
/** Bounded work per page: a run of one huge story ends the page early rather than scanning on. */
const MAX_ROUNDS = 4;
/** Reports read per story for its outlets' names: the first three other outlets are nearly always among them. */
const OUTLET_REPORTS = 12;

function cursorValue(cursor: ArticleCursor): SQL {
  return sql`(${cursor.publishedAt.toISOString()}::timestamptz, ${cursor.id})`;
}

function olderThan(cursor: ArticleCursor | undefined): SQL | undefined {
  // A row comparison is an index condition; the equivalent OR would filter the walk from the top.
  return cursor && sql`(${articles.publishedAt}, ${articles.id}) < ${cursorValue(cursor)}`;
}

function notOlderThan(cursor: ArticleCursor): SQL {
  return sql`(${articles.publishedAt}, ${articles.id}) >= ${cursorValue(cursor)}`;
}

const placedColumns = { id: articles.id, publishedAt: articles.publishedAt, storyId: articles.storyId };

/**
 * Which of these stories have a report at or above the cursor that `match` accepts. Per story an
 * EXISTS on articles_story_time_idx: it reads only the reports above the cursor and stops at the
 * first, however big the story (a WHERE over all their reports read every one of them).
 */
async function storiesWith(tx: Db, storyIds: number[], cursor: ArticleCursor, match?: SQL): Promise<Set<number>> {
  const rows = await tx
    .select({ id: stories.id })
    .from(stories)
    .where(
      and(
        inArray(stories.id, storyIds),
        sql`exists (select 1 from ${articles} where ${articles.storyId} = "stories"."id"
          and ${articles.publishedAt} >= ${cursor.publishedAt.toISOString()}::timestamptz and ${notOlderThan(cursor)}
          ${match ? sql`and ${match}` : sql``})`,
      ),
    );
  return new Set(rows.map((r) => r.id));
}

const latestScope: ListScope = {
  walk: (tx, limit, before) =>
    tx.select(placedColumns).from(articles).where(olderThan(before)).orderBy(desc(articles.publishedAt), desc(articles.id)).limit(limit),
  placedAbove: (tx, ids, cursor) => storiesWith(tx, ids, cursor),
};

function topicScope(topic: string): ListScope {
  return {
    walk: (tx, limit, before) =>
      tx
        .select({ id: articleTopics.articleId, publishedAt: articleTopics.publishedAt, storyId: articles.storyId })
        .from(articleTopics)
        .innerJoin(articles, eq(articles.id, articleTopics.articleId))
        .where(
          and(
            eq(articleTopics.topic, topic),
            before && sql`(${articleTopics.publishedAt}, ${articleTopics.articleId}) < ${cursorValue(before)}`,
          ),
        )
        .orderBy(desc(articleTopics.publishedAt), desc(articleTopics.articleId))
        .limit(limit),
    placedAbove: (tx, ids, cursor) =>
      storiesWith(
        tx,
        ids,
        cursor,
        sql`exists (select 1 from ${articleTopics} where ${articleTopics.articleId} = ${articles.id} and ${articleTopics.topic} = ${topic})`,
      ),
  };
}

function searchScope(query: string, plan: SearchPlan): ListScope {
  const match = () => matchQuery(query);
  return {
    walk: async (tx, limit, before) => {
      if (plan === "walk") {
        return tx
          .select(placedColumns)
          .from(articles)
          .where(and(match(), olderThan(before)))
          .orderBy(desc(articles.publishedAt), desc(articles.id))
          .limit(limit);
      }
      // Few matches (see SearchPlan): all of them from the GIN index, then the newest.
      const result = await tx.execute(sql`
        with m as materialized (
          select id, published_at, story_id from ${articles} where ${and(match(), olderThan(before))})
        select id, published_at as "publishedAt", story_id as "storyId" from m
        order by published_at desc, id desc limit ${limit}`);
      const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as {
        id: number | string;
        publishedAt: Date | string;
        storyId: number | string | null;
      }[];
      return rows.map((r) => ({ id: Number(r.id), publishedAt: new Date(r.publishedAt), storyId: r.storyId === null ? null : Number(r.storyId) }));
    },
    placedAbove: (tx, ids, cursor) => storiesWith(tx, ids, cursor, match()),
  };
}

/** Stories placed for one page, and where the walk stopped when it gave up before finding enough. */
interface Placement {
  placed: Placed[];
  walkedTo?: ArticleCursor;
}

/**
 * Folds the newest matching reports into stories: a story takes the place of its newest matching
 * report, once. After a cursor, a story with a matching report at or above it was on an earlier
 * page (or grew since), so it is left out: paging never shows a story twice.
 */
async function placeStories(tx: Db, scope: ListScope, want: number, before: ArticleCursor | undefined): Promise<Placement> {
  const placed: Placed[] = [];
  const seen = new Set<number>();
  let walkFrom = before;
  let batch = want * OVERFETCH;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const rows = await scope.walk(tx, batch, walkFrom);
    const fresh = rows.filter((row) => row.storyId === null || !seen.has(row.storyId));
    const candidates = [...new Set(fresh.flatMap((row) => (row.storyId === null ? [] : [row.storyId])))];
    const above = before && candidates.length > 0 ? await scope.placedAbove(tx, candidates, before) : new Set<number>();
    for (const row of fresh) {
      if (row.storyId !== null) {
        if (seen.has(row.storyId)) continue;
        seen.add(row.storyId);
        if (above.has(row.storyId)) continue;
      }
      placed.push(row);
      if (placed.length >= want) return { placed };
    }
    const last = rows.at(-1);
    if (rows.length < batch || !last) return { placed };
    walkFrom = { publishedAt: last.publishedAt, id: last.id };
    batch *= 2;
  }
  // Every story met so far has a report at or above walkFrom, so the next page may start there.
  return { placed, walkedTo: walkFrom };
}

export interface StoryPage {
  items: StoryListItem[];
  /** Where the next (older) page starts; absent on the last page. */
  next?: ArticleCursor;
}

async function storyPage(tx: Db, scope: ListScope, limit: number, before: ArticleCursor | undefined): Promise<StoryPage> {
  const { placed, walkedTo } = await placeStories(tx, scope, limit + 1, before);
  const items = await describeStories(tx, placed.slice(0, limit));
  const last = placed[limit - 1];
  if (placed.length > limit && last) return { items, next: { publishedAt: last.publishedAt, id: last.id } };
  return walkedTo ? { items, next: walkedTo } : { items };
}

/** What a line shows of its linked reports, and each story's outlets. */
export async function describeStories(db: Db, placed: readonly Placed[]): Promise<StoryListItem[]> {
  if (placed.length === 0) return [];
  const reportIds = placed.map((p) => p.id);
  const storyIds = [...new Set(placed.flatMap((p) => (p.storyId === null ? [] : [p.storyId])))];
  // One after the other: inside a transaction there is one connection to run them on.
  const reports = await db
    .select({
      id: articles.id,
      title: articles.title,
      url: articles.url,
      summary: articles.summary,
      sourceId: articles.sourceId,
      sourceTitle: sources.title,
      headline: stories.headline,
    })
    .from(articles)
    .innerJoin(sources, eq(sources.id, articles.sourceId))
    .leftJoin(stories, eq(stories.id, articles.storyId))
    .where(inArray(articles.id, reportIds));
  const byId = new Map(reports.map((r) => [r.id, r]));
  // A story's outlets in the order they reported it, from its first reports (an index walk per
  // story); how many there are in all is the story's source_count.
  const storyRows =
    storyIds.length === 0
      ? []
      : await db
          .select({
            id: stories.id,
            sourceCount: stories.sourceCount,
            // Spelled out: in a select list drizzle leaves column names unqualified, and an inner
            // "id" would be the article's.
            firstSources: sql<unknown[]>`array(select a.source_id from articles a where a.story_id = "stories"."id"
              order by a.published_at, a.id limit ${OUTLET_REPORTS})`,
          })
          .from(stories)
          .where(inArray(stories.id, storyIds));
  const sourceIdsOf = new Map(storyRows.map((r) => [r.id, { count: r.sourceCount, sources: [...new Set(r.firstSources.map(Number))] }]));
  const wanted = [...new Set(storyRows.flatMap((r) => sourceIdsOf.get(r.id)?.sources ?? []))];
  const titles = new Map(
    wanted.length === 0
      ? []
      : (await db.select({ id: sources.id, title: sources.title }).from(sources).where(inArray(sources.id, wanted))).map((r) => [r.id, r.title]),
  );
  return placed.flatMap((p) => {
    const report = byId.get(p.id);
    if (!report) return []; // deleted between the two reads
    const story = p.storyId === null ? undefined : sourceIdsOf.get(p.storyId);
    const own = report.sourceTitle.trim();
    const names = [
      ...new Set(
        (story?.sources ?? [])
          .filter((id) => id !== report.sourceId)
          .map((id) => titles.get(id)?.trim() ?? "")
          .filter((title) => title !== "" && title !== own),
      ),
    ];
    return [
      {
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
        otherCount: Math.max(names.length, (story?.count ?? 1) - 1),
      },
    ];
  });
}

/** Lists of stories, newest first, for /latest, /topic, /search and inline mode. */
export function createStoryListRepository(db: Db, settings: SearchSettings = {}) {
  const plans = createSearchPlanCache();
  return {
    latest: (limit: number, before?: ArticleCursor) => storyPage(db, latestScope, limit, before),
    topic: (topic: string, limit: number, before?: ArticleCursor) => storyPage(db, topicScope(topic), limit, before),
    /** Matches newest first, as ArticleRepository.search does, with the same plan setting. */
    search: (query: string, limit: number, before?: ArticleCursor) =>
      db.transaction(async (tx) => {
        // A generic plan for a prepared search walks the date index for rare words: seconds, not ms.
        await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
        return storyPage(tx, searchScope(query, await plans.choose(tx, query, settings.fewMatches)), limit, before);
      }),
  };
}

export type StoryListRepository = ReturnType<typeof createStoryListRepository>;
