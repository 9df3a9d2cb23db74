CREATE TABLE "send_budgets" (
	"token_key" text PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paused_until" timestamp with time zone,
	"pace" double precision DEFAULT 1 NOT NULL,
	"paid_day" date,
	"paid_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subscribers" ADD COLUMN "next_due_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "digest_deliveries_date_idx" ON "digest_deliveries" USING btree ("local_date");--> statement-breakpoint
CREATE INDEX "subscribers_next_due_idx" ON "subscribers" USING btree ("next_due_at") WHERE subscribed and blocked_at is null;