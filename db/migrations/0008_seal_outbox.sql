ALTER TABLE "outbox" ALTER COLUMN "to_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "address_hash" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "sealed" "bytea";--> statement-breakpoint
CREATE INDEX "outbox_address_idx" ON "outbox" USING btree ("address_hash");