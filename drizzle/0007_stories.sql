CREATE TABLE "stories" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"first_article_id" bigint,
	"headline" text DEFAULT '' NOT NULL,
	"article_count" integer DEFAULT 1 NOT NULL,
	"source_count" integer DEFAULT 1 NOT NULL,
	"first_published_at" timestamp with time zone NOT NULL,
	"last_published_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "story_id" bigint;--> statement-breakpoint
CREATE INDEX "stories_latest_idx" ON "stories" USING btree ("last_published_at","id");--> statement-breakpoint
CREATE INDEX "stories_first_idx" ON "stories" USING btree ("first_published_at");--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "articles_story_idx" ON "articles" USING btree ("story_id");