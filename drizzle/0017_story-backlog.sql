CREATE TABLE "story_backlog" (
	"article_id" bigint PRIMARY KEY NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "story_backlog" ADD CONSTRAINT "story_backlog_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "story_backlog_time_idx" ON "story_backlog" USING btree ("published_at","article_id");