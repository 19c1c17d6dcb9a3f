ALTER TABLE "users" ADD COLUMN "totp_last_used_step" bigint;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_needs_second_factor" boolean DEFAULT false NOT NULL;