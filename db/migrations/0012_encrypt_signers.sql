DROP INDEX "signatures_campaign_email_uq";--> statement-breakpoint
ALTER TABLE "signatures" ALTER COLUMN "given_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ALTER COLUMN "family_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "withdrawal_requests" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "pii" "bytea";--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "email_index" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "email_domain_index" text;--> statement-breakpoint
ALTER TABLE "withdrawal_requests" ADD COLUMN "sealed_email" "bytea";--> statement-breakpoint
CREATE UNIQUE INDEX "signatures_campaign_email_index_uq" ON "signatures" USING btree ("campaign_id","email_index");--> statement-breakpoint
CREATE INDEX "signatures_plaintext_idx" ON "signatures" USING btree ("id") WHERE "signatures"."given_name" is not null;