CREATE TABLE "chat_managers" (
	"chat_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_managers_chat_id_user_id_pk" PRIMARY KEY("chat_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "subscribers" ADD COLUMN "chat_kind" text;--> statement-breakpoint
ALTER TABLE "subscribers" ADD COLUMN "message_thread_id" integer;--> statement-breakpoint
ALTER TABLE "subscribers" ADD COLUMN "chat_title" text;--> statement-breakpoint
CREATE INDEX "chat_managers_user_idx" ON "chat_managers" USING btree ("user_id");