import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";
import { articles, stories } from "../../src/db/schema.js";

/**
 * Stories for tests, written straight into the tables the way story assignment on ingest leaves
 * them: a `stories` row whose counts and times describe its reports, and `story_id` on each report.
 */

/** Makes these stored articles one story; returns its id. */
export async function seedStory(db: Db, articleIds: number[], headline = ""): Promise<number> {
  const [first] = await db
    .select({ id: articles.id, publishedAt: articles.publishedAt })
    .from(articles)
    .where(inArray(articles.id, articleIds))
    .orderBy(articles.publishedAt, articles.id)
    .limit(1);
  if (!first) throw new Error(`no stored article among ${articleIds.join(", ")}`);
  const [story] = await db
    .insert(stories)
    .values({ firstArticleId: first.id, headline, firstPublishedAt: first.publishedAt, lastPublishedAt: first.publishedAt })
    .returning({ id: stories.id });
  await joinStory(db, story!.id, articleIds);
  return story!.id;
}

/** Adds reports to a story (a story growing) and brings its row up to date. */
export async function joinStory(db: Db, storyId: number, articleIds: number[]): Promise<void> {
  await db.update(articles).set({ storyId }).where(inArray(articles.id, articleIds));
  await db
    .update(stories)
    .set({
      articleCount: sql`(select count(*)::int from ${articles} where ${articles.storyId} = ${storyId})`,
      sourceCount: sql`(select count(distinct ${articles.sourceId})::int from ${articles} where ${articles.storyId} = ${storyId})`,
      firstPublishedAt: sql`(select min(${articles.publishedAt}) from ${articles} where ${articles.storyId} = ${storyId})`,
      lastPublishedAt: sql`(select max(${articles.publishedAt}) from ${articles} where ${articles.storyId} = ${storyId})`,
    })
    .where(eq(stories.id, storyId));
}
