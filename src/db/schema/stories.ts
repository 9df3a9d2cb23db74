// Stories: what story assignment keeps beside the articles (see src/stories/).
import { bigint, integer, jsonb, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

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
 * The story engine's view of a story's first reports (stories/features), for matching newcomers.
 * Kept apart from `stories`, whose rows every list and every candidate lookup reads: a core is 1–2 kB,
 * a story row without it about a tenth of that, so the stories of a large store stay in memory.
 */
export const storyCores = pgTable("story_cores", {
  // No foreign key, as for story_keys: stories are never deleted, and the check slows ingest.
  storyId: bigint("story_id", { mode: "number" }).primaryKey(),
  core: jsonb("core").notNull(),
});

/**
 * Lookup keys of a story's core reports (their heaviest stems). A new report finds its candidate
 * stories with one index range per key, bounded by the story's seed time: never a scan of stories.
 */
export const storyKeys = pgTable(
  "story_keys",
  {
    key: text("key").notNull(),
    /** Publication time of the story's first assigned report: the story window is measured from it. */
    seedPublishedAt: timestamp("seed_published_at", { withTimezone: true }).notNull(),
    // No foreign key: its check per row slows ingest, stories are never deleted, and the lookup
    // joins stories anyway, so a stray key could only find nothing.
    storyId: bigint("story_id", { mode: "number" }).notNull(),
  },
  // No index on story_id alone: stories are never deleted one by one, and every index slows ingest.
  (t) => [primaryKey({ columns: [t.key, t.seedPublishedAt, t.storyId] })],
);

/**
 * Window statistics of the story engine: reports per lookup key and hour. A key many reports of the
 * window carry (the day's big names) weighs less when reports are compared; one index range per key
 * reads its counts for a window.
 */
export const storyKeyHours = pgTable(
  "story_key_hours",
  {
    key: text("key").notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    reports: integer("reports").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.hour] })],
);
