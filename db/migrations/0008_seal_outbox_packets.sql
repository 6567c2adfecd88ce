ALTER TABLE "outbox" ALTER COLUMN "to_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "address_hash" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "sealed" "bytea";--> statement-breakpoint
-- Edited by hand: chunks stored until now are plaintext (false); new ones are sealed (true).
ALTER TABLE "delivery_packet_chunks" ADD COLUMN "sealed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "delivery_packet_chunks" ALTER COLUMN "sealed" SET DEFAULT true;--> statement-breakpoint
CREATE INDEX "outbox_address_idx" ON "outbox" USING btree ("address_hash");--> statement-breakpoint
-- Hand-written: session tokens are stored as their SHA-256 from now on; existing sessions keep working.
UPDATE "sessions" SET "session_token" = encode(sha256(convert_to("session_token", 'UTF8')), 'hex') WHERE length("session_token") <> 64;
