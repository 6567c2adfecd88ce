CREATE TYPE "public"."delivery_channel" AS ENUM('email', 'post', 'portal', 'in-person');--> statement-breakpoint
CREATE TYPE "public"."delivery_response_status" AS ENUM('acknowledged', 'answered', 'declined');--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"addressee" jsonb NOT NULL,
	"channel" "delivery_channel" NOT NULL,
	"formats" jsonb NOT NULL,
	"filters" jsonb NOT NULL,
	"note" text,
	"delivered_on" date NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"letter_version" integer NOT NULL,
	"manifest" text NOT NULL,
	"manifest_sha256" text NOT NULL,
	"signature_root" text NOT NULL,
	"signature_count" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"files" jsonb NOT NULL,
	"commitments" "bytea" NOT NULL,
	"packet_bytes" integer NOT NULL,
	"packet_sha256" text NOT NULL,
	"packet_erased_at" timestamp with time zone,
	"idempotency_key" text,
	CONSTRAINT "deliveries_manifest_sha256_unique" UNIQUE("manifest_sha256")
);
--> statement-breakpoint
CREATE TABLE "delivery_packet_chunks" (
	"delivery_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "delivery_packet_chunks_delivery_id_seq_pk" PRIMARY KEY("delivery_id","seq")
);
--> statement-breakpoint
CREATE TABLE "delivery_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"status" "delivery_response_status" NOT NULL,
	"received_on" date NOT NULL,
	"text" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_signatures" (
	"delivery_id" uuid NOT NULL,
	"signature_id" uuid NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "delivery_signatures_delivery_id_signature_id_pk" PRIMARY KEY("delivery_id","signature_id")
);
--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "receipt_hash" text DEFAULT encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex') NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "delivery_id" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_packet_chunks" ADD CONSTRAINT "delivery_packet_chunks_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_responses" ADD CONSTRAINT "delivery_responses_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_responses" ADD CONSTRAINT "delivery_responses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_signatures" ADD CONSTRAINT "delivery_signatures_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_campaign_idx" ON "deliveries" USING btree ("campaign_id","delivered_on");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_idempotency_uq" ON "deliveries" USING btree ("campaign_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "delivery_responses_delivery_idx" ON "delivery_responses" USING btree ("delivery_id","received_on");--> statement-breakpoint
CREATE INDEX "delivery_signatures_signature_idx" ON "delivery_signatures" USING btree ("signature_id");--> statement-breakpoint
CREATE INDEX "delivery_signatures_withdrawn_idx" ON "delivery_signatures" USING btree ("delivery_id") WHERE "delivery_signatures"."withdrawn_at" is not null;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signatures_receipt_hash_uq" ON "signatures" USING btree ("receipt_hash");--> statement-breakpoint
-- A delivery is history: only erasing its packet (with the campaign's personal data) may touch it.
CREATE FUNCTION "deliveries_refuse_edit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - 'packet_erased_at') IS DISTINCT FROM (to_jsonb(OLD) - 'packet_erased_at') THEN
    RAISE EXCEPTION 'a delivery cannot be changed once made';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "deliveries_immutable" BEFORE UPDATE ON "deliveries" FOR EACH ROW EXECUTE FUNCTION "deliveries_refuse_edit"();--> statement-breakpoint
CREATE FUNCTION "delivery_responses_refuse_edit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a recorded response cannot be changed';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "delivery_responses_immutable" BEFORE UPDATE ON "delivery_responses" FOR EACH ROW EXECUTE FUNCTION "delivery_responses_refuse_edit"();
