// Stories: what story assignment keeps beside the articles (see src/stories/).
import { sql } from "drizzle-orm";
import { bigint, integer, jsonb, index, pgSequence, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One event reported by one or more articles. Lists show a story once; digests rank stories, and
 * alerts fire once per (chat, story).
 */
export const stories = pgTable(
  "stories",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** The earliest report; kept when later reports join. */
    firstArticleId: bigint("first_article_id", { mode: "number" }),
    /** The headline lists show for the story (see stories/ for how it is chosen). */
    headline: text("headline").notNull().default(""),
    articleCount: integer("article_count").notNull().default(1),
    /** Distinct sources among the story's reports. */
    sourceCount: integer("source_count").notNull().default(1),
    firstPublishedAt: timestamp("first_published_at", { withTimezone: true }).notNull(),
    /** Publication time of the newest report: the story's "latest update". */
    lastPublishedAt: timestamp("last_published_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Ascending for the same reason as articles_newest_idx.
    index("stories_latest_idx").on(t.lastPublishedAt, t.id),
    index("stories_first_idx").on(t.firstPublishedAt),
  ],
);

/**
 * Counts every change of the story engine's tables: a process that keeps the window of stories in
 * memory (stories/window.ts) reads only the rows changed since the last value it saw.
 */
export const storyRevision = pgSequence("story_revision");

/**
 * The story engine's view of a story's first reports (stories/features), for matching newcomers.
 * Kept apart from `stories`, whose rows every list reads: a core is 1–2 kB, a story row without it
 * about a tenth of that, so the stories of a large store stay in memory.
 */
export const storyCores = pgTable(
  "story_cores",
  {
    // No foreign key: stories are never deleted, and the check slows ingest.
    storyId: bigint("story_id", { mode: "number" }).primaryKey(),
    core: jsonb("core").notNull(),
    /** Publication time of the story's first assigned report: the story window is measured from it. */
    seedPublishedAt: timestamp("seed_published_at", { withTimezone: true }).notNull(),
    /** story_revision when the core was written (0: before revisions were kept). */
    revision: bigint("revision", { mode: "number" }).notNull().default(sql`nextval('story_revision')`),
  },
  (t) => [index("story_cores_seed_idx").on(t.seedPublishedAt), index("story_cores_revision_idx").on(t.revision)],
);

/**
 * Window statistics of the story engine: reports per lookup key and hour. A key many reports of the
 * window carry (the day's big names) weighs less when reports are compared.
 */
export const storyKeyHours = pgTable(
  "story_key_hours",
  {
    key: text("key").notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    reports: integer("reports").notNull(),
    /** story_revision when the count last changed (0: before revisions were kept). */
    revision: bigint("revision", { mode: "number" }).notNull().default(sql`nextval('story_revision')`),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.hour] }),
    // A process loads the window's hours at once, then reads what changed since.
    index("story_key_hours_hour_idx").on(t.hour),
    index("story_key_hours_revision_idx").on(t.revision),
  ],
);
