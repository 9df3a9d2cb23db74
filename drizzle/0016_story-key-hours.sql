CREATE TABLE "story_key_hours" (
	"key" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "story_key_hours_key_hour_pk" PRIMARY KEY("key","hour")
);
