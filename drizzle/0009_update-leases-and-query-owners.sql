DROP INDEX "search_queries_query_key";--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "payload" jsonb;--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "search_queries" ADD COLUMN "chat_id" bigint;--> statement-breakpoint
ALTER TABLE "search_queries" ADD COLUMN "used_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "processed_updates_pending_idx" ON "processed_updates" USING btree ("lease_until") WHERE done_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "search_queries_chat_query_key" ON "search_queries" USING btree ("chat_id","query");--> statement-breakpoint
CREATE INDEX "search_queries_used_idx" ON "search_queries" USING btree ("used_at");--> statement-breakpoint
-- Ids recorded before leases existed were taken the old way: count them as done.
UPDATE "processed_updates" SET "done_at" = "received_at" WHERE "done_at" IS NULL;
