DROP INDEX "article_topics_newest_idx";--> statement-breakpoint
DROP INDEX "articles_published_idx";--> statement-breakpoint
CREATE INDEX "article_topics_topic_newest_idx" ON "article_topics" USING btree ("topic","published_at","article_id");--> statement-breakpoint
CREATE INDEX "articles_newest_idx" ON "articles" USING btree ("published_at","id");