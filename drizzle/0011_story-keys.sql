CREATE TABLE "story_keys" (
	"key" text NOT NULL,
	"seed_published_at" timestamp with time zone NOT NULL,
	"story_id" bigint NOT NULL,
	CONSTRAINT "story_keys_key_seed_published_at_story_id_pk" PRIMARY KEY("key","seed_published_at","story_id")
);
--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "core" jsonb;