CREATE TABLE "sign_in_attempt_counters" (
	"scope" varchar(16) NOT NULL,
	"key_hash" char(64) NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"refusals" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sign_in_attempt_counters_pkey" PRIMARY KEY("scope","key_hash","window_started_at"),
	CONSTRAINT "sign_in_attempt_counters_scope" CHECK ("sign_in_attempt_counters"."scope" in ('ip', 'account')),
	CONSTRAINT "sign_in_attempt_counters_nonnegative" CHECK ("sign_in_attempt_counters"."attempts" >= 0 and "sign_in_attempt_counters"."refusals" >= 0)
);
--> statement-breakpoint
CREATE TABLE "user_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" char(64) NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	CONSTRAINT "user_invitations_expiry_after_creation" CHECK ("user_invitations"."expires_at" > "user_invitations"."created_at"),
	CONSTRAINT "user_invitations_revoked_reason" CHECK (("user_invitations"."revoked_at" is null) = ("user_invitations"."revoked_reason" is null)),
	CONSTRAINT "user_invitations_token_hash_format" CHECK ("user_invitations"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
DROP INDEX "case_people_id_document_idx";--> statement-breakpoint
ALTER TABLE "user_invitations" ADD CONSTRAINT "user_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_invitations" ADD CONSTRAINT "user_invitations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_attempt_counters_window_idx" ON "sign_in_attempt_counters" USING btree ("window_started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_invitations_token_hash_key" ON "user_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "user_invitations_user_idx" ON "user_invitations" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_invitations_one_open_per_user" ON "user_invitations" USING btree ("user_id") WHERE "user_invitations"."used_at" is null and "user_invitations"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "case_people_latin_name_prefix_idx" ON "case_people" USING btree (upper("latin_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "case_people_native_name_prefix_idx" ON "case_people" USING btree ("native_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_province_status_reported_idx" ON "cases" USING btree ("province_code","status","reported_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_province_crime_reported_idx" ON "cases" USING btree ("province_code","crime_type","reported_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cooperation_actions_responds_to_idx" ON "cooperation_actions" USING btree ("responds_to_id") WHERE "cooperation_actions"."responds_to_id" is not null;--> statement-breakpoint
CREATE INDEX "cooperation_actions_created_idx" ON "cooperation_actions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "notifications_embassy_acknowledged_idx" ON "notifications" USING btree ("embassy_organisation_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "notifications"."acknowledged_at" is not null;--> statement-breakpoint
CREATE INDEX "notifications_embassy_unopened_idx" ON "notifications" USING btree ("embassy_organisation_id") WHERE "notifications"."first_opened_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_created_idx" ON "notifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "case_people_id_document_idx" ON "case_people" USING btree (upper("id_document_number") text_pattern_ops);--> statement-breakpoint
-- Admins issue and revoke invitation links (lib/directory) and may run as casebridge_admin under row-level
-- security (0006); accepting a link and counting sign-in attempts happen before any session, as the owner.
GRANT SELECT, INSERT, UPDATE ON user_invitations TO casebridge_admin;
