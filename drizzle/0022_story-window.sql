-- Story assignment keeps the window's stories in the process (src/stories/window.ts) and reads
-- only what changed since it last looked: every write of a core or a key count takes the next
-- story_revision. Rows written before this migration count as revision 0 (older than any a process
-- has seen). Stories are found by their seed time, so the per-key lookup table goes.
CREATE SEQUENCE "public"."story_revision" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
-- A constant default fills the existing rows without rewriting the table; new rows take the sequence.
ALTER TABLE "story_key_hours" ADD COLUMN "revision" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "story_key_hours" ALTER COLUMN "revision" SET DEFAULT nextval('story_revision');--> statement-breakpoint
-- The cores are copied into a new table with their seed time rather than updated in place: an
-- UPDATE of every row would leave the old table's size again in dead rows. The seed is the one
-- story_keys kept with each key (one grouped pass: it has no index by story) or, for a story without
-- keys, its first report.
CREATE TABLE "story_cores_new" AS
SELECT c."story_id", c."core", coalesce(k."seed", s."first_published_at", now()) AS "seed_published_at", 0::bigint AS "revision"
FROM "story_cores" c
LEFT JOIN (SELECT "story_id", min("seed_published_at") AS "seed" FROM "story_keys" GROUP BY "story_id") k ON k."story_id" = c."story_id"
LEFT JOIN "stories" s ON s."id" = c."story_id";--> statement-breakpoint
DROP TABLE "story_cores";--> statement-breakpoint
ALTER TABLE "story_cores_new" RENAME TO "story_cores";--> statement-breakpoint
ALTER TABLE "story_cores" ADD PRIMARY KEY ("story_id");--> statement-breakpoint
ALTER TABLE "story_cores" ALTER COLUMN "core" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "story_cores" ALTER COLUMN "seed_published_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "story_cores" ALTER COLUMN "revision" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "story_cores" ALTER COLUMN "revision" SET DEFAULT nextval('story_revision');--> statement-breakpoint
DROP TABLE "story_keys";--> statement-breakpoint
CREATE INDEX "story_cores_seed_idx" ON "story_cores" USING btree ("seed_published_at");--> statement-breakpoint
CREATE INDEX "story_cores_revision_idx" ON "story_cores" USING btree ("revision");--> statement-breakpoint
CREATE INDEX "story_key_hours_hour_idx" ON "story_key_hours" USING btree ("hour");--> statement-breakpoint
CREATE INDEX "story_key_hours_revision_idx" ON "story_key_hours" USING btree ("revision");
--> statement-breakpoint
-- Statistics for the new columns now: without them the planner takes "revision > n" to match a third
-- of a large table, and the window's update is planned (and JIT-compiled) as a scan.
ANALYZE "story_cores", "story_key_hours";
