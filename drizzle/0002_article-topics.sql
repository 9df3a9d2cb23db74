CREATE TABLE "article_topics" (
	"article_id" bigint NOT NULL,
	"topic" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "article_topics_article_id_topic_pk" PRIMARY KEY("article_id","topic")
);
--> statement-breakpoint
ALTER TABLE "article_topics" ADD CONSTRAINT "article_topics_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_topics_newest_idx" ON "article_topics" USING btree ("topic","published_at" DESC NULLS LAST,"article_id" DESC NULLS LAST);