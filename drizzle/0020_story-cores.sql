CREATE TABLE "story_cores" (
	"story_id" bigint PRIMARY KEY NOT NULL,
	"core" jsonb NOT NULL
);
--> statement-breakpoint
-- The cores stored so far move with their stories (a story without a core has none to move).
INSERT INTO "story_cores" ("story_id", "core") SELECT "id", "core" FROM "stories" WHERE "core" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "stories" DROP COLUMN "core";
--> statement-breakpoint
-- Dropping a column leaves its bytes in every row until the table is rewritten; the rewrite is what
-- makes the stories rows small (and CLUSTER, unlike VACUUM FULL, may run inside the migration).
CLUSTER "stories" USING "stories_pkey";
