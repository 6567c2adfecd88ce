CREATE TYPE "public"."token_purpose" AS ENUM('confirm', 'withdraw');--> statement-breakpoint
ALTER TABLE "signature_tokens" ADD COLUMN "purpose" "token_purpose" DEFAULT 'confirm' NOT NULL;