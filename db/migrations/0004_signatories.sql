CREATE TYPE "public"."campaign_kind" AS ENUM('letter', 'call', 'hrc-statement');--> statement-breakpoint
CREATE TYPE "public"."ecosoc_status" AS ENUM('general', 'special', 'roster', 'none');--> statement-breakpoint
CREATE TYPE "public"."review_state" AS ENUM('not-needed', 'pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."signature_source" AS ENUM('online', 'paper');--> statement-breakpoint
CREATE TYPE "public"."signer_kind" AS ENUM('individual', 'notable', 'organisation', 'group');--> statement-breakpoint
ALTER TYPE "public"."signature_visibility" ADD VALUE 'confidential';--> statement-breakpoint
CREATE TABLE "campaign_versions" (
	"campaign_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"letter" text NOT NULL,
	"demands" jsonb NOT NULL,
	"addressees" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_versions_campaign_id_number_pk" PRIMARY KEY("campaign_id","number")
);
--> statement-breakpoint
CREATE TABLE "signature_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"description" text NOT NULL,
	"collected_by" text NOT NULL,
	"collected_on" date NOT NULL,
	"file_sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"imported_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_counts" DROP CONSTRAINT "campaign_counts_campaign_id_country_pk";--> statement-breakpoint
ALTER TABLE "signatures" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ALTER COLUMN "email_canonical" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "kind" "campaign_kind" DEFAULT 'letter' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "signer_kinds" jsonb DEFAULT '["individual"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "hrc" jsonb;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "place" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "version_number" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "version_sha256" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_counts" ADD COLUMN "kind" "signer_kind" DEFAULT 'individual' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_counts" ADD COLUMN "source" "signature_source" DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_counts" ADD COLUMN "people" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_counts" ADD CONSTRAINT "campaign_counts_campaign_id_country_kind_source_pk" PRIMARY KEY("campaign_id","country","kind","source");--> statement-breakpoint
ALTER TABLE "signature_count_deltas" ADD COLUMN "kind" "signer_kind" DEFAULT 'individual' NOT NULL;--> statement-breakpoint
ALTER TABLE "signature_count_deltas" ADD COLUMN "source" "signature_source" DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "signature_count_deltas" ADD COLUMN "people" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "kind" "signer_kind" DEFAULT 'individual' NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "honorific" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "affiliation" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "organisation_name" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "organisation_country" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "organisation_website" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "ecosoc_status" "ecosoc_status";--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "group_label" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "members" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "group_relationship" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "review" "review_state" DEFAULT 'not-needed' NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "review_reason" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "original_fields" jsonb;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "source" "signature_source" DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "import_id" uuid;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "version_number" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_versions" ADD CONSTRAINT "campaign_versions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_versions" ADD CONSTRAINT "campaign_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_imports" ADD CONSTRAINT "signature_imports_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_imports" ADD CONSTRAINT "signature_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_import_id_signature_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."signature_imports"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signatures_campaign_country_idx" ON "signatures" USING btree ("campaign_id","country","confirmed_at","id") WHERE "signatures"."status" = 'confirmed';--> statement-breakpoint
CREATE INDEX "signatures_review_idx" ON "signatures" USING btree ("campaign_id","review") WHERE "signatures"."review" = 'pending';--> statement-breakpoint
UPDATE "campaign_counts" SET "people" = "count";--> statement-breakpoint
UPDATE "signature_count_deltas" SET "people" = "delta";--> statement-breakpoint
UPDATE "campaigns" SET "addressees" = coalesce((SELECT jsonb_agg(CASE WHEN jsonb_typeof(a) = 'string' THEN jsonb_build_object('name', a #>> '{}') ELSE a END) FROM jsonb_array_elements("addressees") a), '[]'::jsonb);--> statement-breakpoint
INSERT INTO "campaign_versions" ("campaign_id", "number", "title", "letter", "demands", "addressees", "sha256", "created_by", "created_at")
  SELECT "id", 1, "title", "letter", "demands", "addressees", '', "created_by", "created_at" FROM "campaigns";
