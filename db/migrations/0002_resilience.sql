CREATE TYPE "public"."outbox_batch_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
ALTER TYPE "public"."outbox_status" ADD VALUE 'suppressed';--> statement-breakpoint
CREATE TABLE "campaign_counts" (
	"campaign_id" uuid NOT NULL,
	"country" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_counts_campaign_id_country_pk" PRIMARY KEY("campaign_id","country")
);
--> statement-breakpoint
CREATE TABLE "signature_count_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "signature_count_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" uuid NOT NULL,
	"country" text NOT NULL,
	"delta" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "withdrawal_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "withdrawal_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" uuid NOT NULL,
	"email" text NOT NULL,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_suppressions" (
	"address_hash" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_batches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"status" "outbox_batch_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_batches_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limit_hits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
DROP INDEX "outbox_due_idx";--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "client_hash" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "held_reason" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "name_hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "invalidated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "invalidated_reason" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "batch_id" bigint;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "delivery_status" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "delivery_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_counts" ADD CONSTRAINT "campaign_counts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawal_requests" ADD CONSTRAINT "withdrawal_requests_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_batches_due_idx" ON "outbox_batches" USING btree ("next_attempt_at") WHERE "outbox_batches"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_batch_id_outbox_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."outbox_batches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signatures_campaign_created_idx" ON "signatures" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_unbatched_idx" ON "outbox" USING btree ("id") WHERE "outbox"."status" = 'pending' and "outbox"."batch_id" is null;--> statement-breakpoint
CREATE INDEX "outbox_batch_idx" ON "outbox" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "outbox_provider_id_idx" ON "outbox" USING btree ("provider_message_id");--> statement-breakpoint
CREATE INDEX "outbox_campaign_idx" ON "outbox" USING btree ("campaign_id");--> statement-breakpoint
-- Counts start from what is already confirmed.
INSERT INTO "campaign_counts" ("campaign_id", "country", "count")
SELECT "campaign_id", "country", count(*) FROM "signatures" WHERE "status" = 'confirmed' GROUP BY 1, 2;
--> statement-breakpoint
-- Gmail ignores dots in the local part and googlemail.com is gmail.com: one person, one signature.
-- Rows that would collide with an existing signature keep their old identity rather than fail.
WITH candidates AS (
  SELECT "id", "campaign_id",
         replace(split_part("email_canonical", '@', 1), '.', '') || '@gmail.com' AS "canonical"
  FROM "signatures"
  WHERE split_part("email_canonical", '@', 2) IN ('gmail.com', 'googlemail.com')
), ranked AS (
  SELECT c.*, row_number() OVER (PARTITION BY c."campaign_id", c."canonical" ORDER BY c."id") AS "n"
  FROM candidates c
)
UPDATE "signatures" s SET "email_canonical" = r."canonical"
FROM ranked r
WHERE s."id" = r."id" AND r."n" = 1 AND s."email_canonical" <> r."canonical"
  AND NOT EXISTS (
    SELECT 1 FROM "signatures" o
    WHERE o."campaign_id" = r."campaign_id" AND o."email_canonical" = r."canonical" AND o."id" <> r."id"
  );
--> statement-breakpoint
-- Abuse counters are worth nothing after a crash, so they skip the write-ahead log.
ALTER TABLE "rate_limit_hits" SET UNLOGGED;
