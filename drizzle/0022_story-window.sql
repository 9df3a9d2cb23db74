-- Story assignment keeps the window's stories in the process (src/stories/window.ts) and reads
-- only what changed since it last looked: every write of a core or a key count takes the next
-- story_revision. Rows written before this migration count as revision 0 (older than any a process
-- has seen). Stories are found by their seed time, so the per-key lookup table goes.
CREATE SEQUENCE "public"."story_revision" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
-- A constant default fills the existing rows without rewriting the tables; new rows take the sequence.
ALTER TABLE "story_cores" ADD COLUMN "revision" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "story_cores" ALTER COLUMN "revision" SET DEFAULT nextval('story_revision');--> statement-breakpoint
ALTER TABLE "story_key_hours" ADD COLUMN "revision" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "story_key_hours" ALTER COLUMN "revision" SET DEFAULT nextval('story_revision');--> statement-breakpoint
ALTER TABLE "story_cores" ADD COLUMN "seed_published_at" timestamp with time zone;--> statement-breakpoint
-- The seed time story_keys kept with each key (one grouped pass: story_keys has no index by story),
-- or, for a story without keys, its first report.
UPDATE "story_cores" c SET "seed_published_at" = k."seed"
FROM (SELECT "story_id", min("seed_published_at") AS "seed" FROM "story_keys" GROUP BY "story_id") k
WHERE k."story_id" = c."story_id";--> statement-breakpoint
UPDATE "story_cores" c SET "seed_published_at" = s."first_published_at"
FROM "stories" s WHERE s."id" = c."story_id" AND c."seed_published_at" IS NULL;--> statement-breakpoint
UPDATE "story_cores" SET "seed_published_at" = now() WHERE "seed_published_at" IS NULL;--> statement-breakpoint
ALTER TABLE "story_cores" ALTER COLUMN "seed_published_at" SET NOT NULL;--> statement-breakpoint
DROP TABLE "story_keys";--> statement-breakpoint
CREATE INDEX "story_cores_seed_idx" ON "story_cores" USING btree ("seed_published_at");--> statement-breakpoint
CREATE INDEX "story_cores_revision_idx" ON "story_cores" USING btree ("revision");--> statement-breakpoint
CREATE INDEX "story_key_hours_hour_idx" ON "story_key_hours" USING btree ("hour");--> statement-breakpoint
CREATE INDEX "story_key_hours_revision_idx" ON "story_key_hours" USING btree ("revision");
--> statement-breakpoint
-- Statistics for the new columns now: without them the planner takes "revision > n" to match a third
-- of a large table, and the window's update is planned (and JIT-compiled) as a scan.
ANALYZE "story_cores", "story_key_hours";
