DROP INDEX "subscribers_chat_key";--> statement-breakpoint
CREATE UNIQUE INDEX "subscribers_chat_thread_key" ON "subscribers" USING btree ("chat_id",coalesce("message_thread_id", 0));