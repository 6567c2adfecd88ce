ALTER TABLE "campaigns" ADD COLUMN "retention_months" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "personal_data_erased_at" timestamp with time zone;