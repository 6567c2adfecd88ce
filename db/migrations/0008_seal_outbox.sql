ALTER TABLE "outbox" ALTER COLUMN "to_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "address_hash" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "sealed" "bytea";--> statement-breakpoint
CREATE INDEX "outbox_address_idx" ON "outbox" USING btree ("address_hash");--> statement-breakpoint
-- Hand-written: session tokens are stored as their SHA-256 from now on; existing sessions keep working.
UPDATE "sessions" SET "session_token" = encode(sha256(convert_to("session_token", 'UTF8')), 'hex') WHERE length("session_token") <> 64;
