CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'failure', 'denied');--> statement-breakpoint
CREATE TYPE "public"."case_event_kind" AS ENUM('case_created', 'case_edited', 'status_changed', 'note_added', 'case_assigned', 'person_added', 'person_edited', 'person_removed', 'notification_sent', 'notification_updated', 'notification_opened', 'notification_acknowledged', 'cooperation_action_recorded', 'cooperation_action_updated', 'message_posted');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('reported', 'under_investigation', 'referred_to_prosecutor', 'closed');--> statement-breakpoint
CREATE TYPE "public"."closure_reason" AS ENUM('solved', 'insufficient_evidence', 'transferred', 'duplicate');--> statement-breakpoint
CREATE TYPE "public"."consular_consent" AS ENUM('yes', 'no', 'not_asked');--> statement-breakpoint
CREATE TYPE "public"."cooperation_action_status" AS ENUM('requested', 'in_progress', 'done', 'declined');--> statement-breakpoint
CREATE TYPE "public"."cooperation_action_type" AS ENUM('identity_verification', 'consular_visit', 'information_request', 'information_provided', 'repatriation', 'joint_operation', 'interpreter', 'other');--> statement-breakpoint
CREATE TYPE "public"."cooperation_side" AS ENUM('police', 'embassy');--> statement-breakpoint
CREATE TYPE "public"."crime_type" AS ENUM('human_trafficking', 'drug_trafficking', 'online_scam', 'kidnapping', 'fraud_extortion', 'other');--> statement-breakpoint
CREATE TYPE "public"."detention_status" AS ENUM('not_detained', 'detained', 'released');--> statement-breakpoint
CREATE TYPE "public"."handling_code" AS ENUM('H0', 'H1', 'H2', 'H3');--> statement-breakpoint
CREATE TYPE "public"."id_document_type" AS ENUM('passport', 'national_id', 'other');--> statement-breakpoint
CREATE TYPE "public"."locale" AS ENUM('en', 'km', 'zh-CN');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('ordinary', 'detention');--> statement-breakpoint
CREATE TYPE "public"."notification_reason" AS ENUM('national_involved', 'national_detained', 'manual');--> statement-breakpoint
CREATE TYPE "public"."notification_update_kind" AS ENUM('national_added', 'national_detained', 'national_released', 'case_status_changed', 'consent_recorded', 'disclosure_override');--> statement-breakpoint
CREATE TYPE "public"."organisation_kind" AS ENUM('police', 'embassy', 'governor_office', 'ministry', 'platform');--> statement-breakpoint
CREATE TYPE "public"."person_role" AS ENUM('suspect', 'victim', 'witness');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('female', 'male', 'other', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('police_officer', 'police_supervisor', 'embassy_liaison', 'governor_viewer', 'ministry_analyst', 'admin');--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" varchar(64) NOT NULL,
	"kind" "organisation_kind" NOT NULL,
	"name_en" text NOT NULL,
	"name_km" text NOT NULL,
	"name_zh" text NOT NULL,
	"province_code" varchar(3),
	"country_code" char(2),
	"ack_deadline_hours" integer DEFAULT 72 NOT NULL,
	"detention_ack_deadline_hours" integer DEFAULT 24 NOT NULL,
	"requires_totp" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_province_required" CHECK (("organisations"."kind" in ('police', 'governor_office')) = ("organisations"."province_code" is not null)),
	CONSTRAINT "organisations_country_required" CHECK (("organisations"."kind" = 'embassy') = ("organisations"."country_code" is not null)),
	CONSTRAINT "organisations_country_format" CHECK ("organisations"."country_code" is null or "organisations"."country_code" ~ '^[A-Z]{2}$'),
	CONSTRAINT "organisations_ack_deadline_range" CHECK ("organisations"."ack_deadline_hours" between 1 and 720),
	CONSTRAINT "organisations_detention_deadline_range" CHECK ("organisations"."detention_ack_deadline_hours" between 1 and "organisations"."ack_deadline_hours")
);
--> statement-breakpoint
CREATE TABLE "provinces" (
	"code" varchar(3) PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_km" text NOT NULL,
	"name_zh" text NOT NULL,
	"population" integer NOT NULL,
	CONSTRAINT "provinces_code_format" CHECK ("provinces"."code" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" "user_role" NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"preferred_locale" "locale" DEFAULT 'en' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"failed_sign_in_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_length" CHECK (char_length("users"."email") between 3 and 254),
	CONSTRAINT "users_failed_sign_in_count_nonnegative" CHECK ("users"."failed_sign_in_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "case_event_kind" NOT NULL,
	"actor_user_id" uuid,
	"actor_organisation_id" uuid,
	"embassy_organisation_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_notes_body_length" CHECK (char_length("case_notes"."body") between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE "case_people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"role_in_case" "person_role" NOT NULL,
	"latin_name" text NOT NULL,
	"native_name" text,
	"sex" "sex" DEFAULT 'unknown' NOT NULL,
	"date_of_birth" date,
	"approximate_age" smallint,
	"nationality" char(2) NOT NULL,
	"id_document_type" "id_document_type",
	"id_document_number" text,
	"detention_status" "detention_status" DEFAULT 'not_detained' NOT NULL,
	"detention_changed_at" timestamp with time zone,
	"is_sensitive_victim" boolean DEFAULT false NOT NULL,
	"consular_consent" "consular_consent" DEFAULT 'not_asked' NOT NULL,
	"consent_recorded_at" timestamp with time zone,
	"consent_recorded_by" uuid,
	"disclosure_override_justification" text,
	"disclosure_override_by" uuid,
	"disclosure_override_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_people_nationality_format" CHECK ("case_people"."nationality" ~ '^[A-Z]{2}$'),
	CONSTRAINT "case_people_age_range" CHECK ("case_people"."approximate_age" is null or "case_people"."approximate_age" between 0 and 120),
	CONSTRAINT "case_people_sensitive_only_victims" CHECK (not "case_people"."is_sensitive_victim" or "case_people"."role_in_case" = 'victim'),
	CONSTRAINT "case_people_document_pair" CHECK (("case_people"."id_document_type" is null) = ("case_people"."id_document_number" is null)),
	CONSTRAINT "case_people_detention_time" CHECK ("case_people"."detention_status" = 'not_detained' or "case_people"."detention_changed_at" is not null),
	CONSTRAINT "case_people_latin_name_length" CHECK (char_length("case_people"."latin_name") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "case_reference_counters" (
	"province_code" varchar(3) NOT NULL,
	"year" smallint NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "case_reference_counters_province_code_year_pk" PRIMARY KEY("province_code","year"),
	CONSTRAINT "case_reference_counters_positive" CHECK ("case_reference_counters"."last_number" > 0)
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference_number" varchar(20) NOT NULL,
	"reference_year" smallint NOT NULL,
	"reference_sequence" integer NOT NULL,
	"province_code" varchar(3) NOT NULL,
	"crime_type" "crime_type" NOT NULL,
	"status" "case_status" DEFAULT 'reported' NOT NULL,
	"closure_reason" "closure_reason",
	"district" text,
	"commune" text,
	"place_description" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"title" text NOT NULL,
	"narrative" text DEFAULT '' NOT NULL,
	"is_narrative_shareable" boolean DEFAULT false NOT NULL,
	"narrative_handling_code" "handling_code" DEFAULT 'H0' NOT NULL,
	"narrative_handling_note" text,
	"created_by" uuid NOT NULL,
	"assigned_to" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "cases_reported_after_occurred" CHECK ("cases"."reported_at" >= "cases"."occurred_at"),
	CONSTRAINT "cases_closure_reason_iff_closed" CHECK (("cases"."status" = 'closed') = ("cases"."closure_reason" is not null)),
	CONSTRAINT "cases_title_length" CHECK (char_length("cases"."title") between 1 and 200),
	CONSTRAINT "cases_version_positive" CHECK ("cases"."version" > 0),
	CONSTRAINT "cases_h3_needs_note" CHECK ("cases"."narrative_handling_code" <> 'H3' or "cases"."narrative_handling_note" is not null)
);
--> statement-breakpoint
CREATE TABLE "case_message_read_markers" (
	"case_id" uuid NOT NULL,
	"embassy_organisation_id" uuid NOT NULL,
	"reader_side" "cooperation_side" NOT NULL,
	"last_read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_message_read_markers_case_id_embassy_organisation_id_reader_side_pk" PRIMARY KEY("case_id","embassy_organisation_id","reader_side")
);
--> statement-breakpoint
CREATE TABLE "case_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"embassy_organisation_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_side" "cooperation_side" NOT NULL,
	"body" text NOT NULL,
	"handling_code" "handling_code" DEFAULT 'H0' NOT NULL,
	"handling_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_messages_body_length" CHECK (char_length("case_messages"."body") between 1 and 10000),
	CONSTRAINT "case_messages_h3_needs_note" CHECK ("case_messages"."handling_code" <> 'H3' or "case_messages"."handling_note" is not null)
);
--> statement-breakpoint
CREATE TABLE "cooperation_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"embassy_organisation_id" uuid NOT NULL,
	"action_type" "cooperation_action_type" NOT NULL,
	"status" "cooperation_action_status" DEFAULT 'requested' NOT NULL,
	"recorded_by_side" "cooperation_side" NOT NULL,
	"created_by" uuid NOT NULL,
	"action_date" date NOT NULL,
	"description" text NOT NULL,
	"handling_code" "handling_code" DEFAULT 'H0' NOT NULL,
	"handling_note" text,
	"responds_to_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cooperation_actions_description_length" CHECK (char_length("cooperation_actions"."description") between 1 and 5000),
	CONSTRAINT "cooperation_actions_h3_needs_note" CHECK ("cooperation_actions"."handling_code" <> 'H3' or "cooperation_actions"."handling_note" is not null)
);
--> statement-breakpoint
CREATE TABLE "notification_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid NOT NULL,
	"kind" "notification_update_kind" NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"read_by" uuid
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"embassy_organisation_id" uuid NOT NULL,
	"kind" "notification_kind" DEFAULT 'ordinary' NOT NULL,
	"reason" "notification_reason" NOT NULL,
	"manual_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"first_opened_at" timestamp with time zone,
	"first_opened_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"acknowledgement_note" text,
	"last_updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_due_after_created" CHECK ("notifications"."due_at" > "notifications"."created_at"),
	CONSTRAINT "notifications_manual_reason" CHECK (("notifications"."reason" = 'manual') = ("notifications"."manual_reason" is not null)),
	CONSTRAINT "notifications_ack_pair" CHECK (("notifications"."acknowledged_at" is null) = ("notifications"."acknowledged_by" is null))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_organisation_id" uuid,
	"actor_role" "user_role",
	"action" text NOT NULL,
	"outcome" "audit_outcome" DEFAULT 'success' NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"ip_address" "inet",
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_organisation_id_organisations_id_fk" FOREIGN KEY ("actor_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_embassy_organisation_id_organisations_id_fk" FOREIGN KEY ("embassy_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_people" ADD CONSTRAINT "case_people_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_people" ADD CONSTRAINT "case_people_consent_recorded_by_users_id_fk" FOREIGN KEY ("consent_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_people" ADD CONSTRAINT "case_people_disclosure_override_by_users_id_fk" FOREIGN KEY ("disclosure_override_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reference_counters" ADD CONSTRAINT "case_reference_counters_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_message_read_markers" ADD CONSTRAINT "case_message_read_markers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_message_read_markers" ADD CONSTRAINT "case_message_read_markers_embassy_organisation_id_organisations_id_fk" FOREIGN KEY ("embassy_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_embassy_organisation_id_organisations_id_fk" FOREIGN KEY ("embassy_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_actions" ADD CONSTRAINT "cooperation_actions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_actions" ADD CONSTRAINT "cooperation_actions_embassy_organisation_id_organisations_id_fk" FOREIGN KEY ("embassy_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_actions" ADD CONSTRAINT "cooperation_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_updates" ADD CONSTRAINT "notification_updates_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_updates" ADD CONSTRAINT "notification_updates_read_by_users_id_fk" FOREIGN KEY ("read_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_embassy_organisation_id_organisations_id_fk" FOREIGN KEY ("embassy_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_first_opened_by_users_id_fk" FOREIGN KEY ("first_opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_slug_key" ON "organisations" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_embassy_country_key" ON "organisations" USING btree ("country_code") WHERE "organisations"."kind" = 'embassy';--> statement-breakpoint
CREATE INDEX "organisations_province_idx" ON "organisations" USING btree ("province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_organisation_idx" ON "users" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "case_events_case_time_idx" ON "case_events" USING btree ("case_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_people_case_idx" ON "case_people" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_people_nationality_case_idx" ON "case_people" USING btree ("nationality","case_id");--> statement-breakpoint
CREATE INDEX "case_people_id_document_idx" ON "case_people" USING btree (upper("id_document_number"));--> statement-breakpoint
CREATE UNIQUE INDEX "cases_reference_number_key" ON "cases" USING btree ("reference_number");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_reference_sequence_key" ON "cases" USING btree ("province_code","reference_year","reference_sequence");--> statement-breakpoint
CREATE INDEX "cases_province_reported_idx" ON "cases" USING btree ("province_code","reported_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_province_updated_idx" ON "cases" USING btree ("province_code","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_reported_idx" ON "cases" USING btree ("reported_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_assigned_idx" ON "cases" USING btree ("assigned_to");--> statement-breakpoint
CREATE INDEX "case_messages_thread_idx" ON "case_messages" USING btree ("case_id","embassy_organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "cooperation_actions_case_idx" ON "cooperation_actions" USING btree ("case_id","embassy_organisation_id");--> statement-breakpoint
CREATE INDEX "cooperation_actions_embassy_idx" ON "cooperation_actions" USING btree ("embassy_organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_updates_notification_idx" ON "notification_updates" USING btree ("notification_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_updates_unread_idx" ON "notification_updates" USING btree ("notification_id") WHERE "notification_updates"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_case_embassy_key" ON "notifications" USING btree ("case_id","embassy_organisation_id");--> statement-breakpoint
CREATE INDEX "notifications_embassy_inbox_idx" ON "notifications" USING btree ("embassy_organisation_id","acknowledged_at","due_at");--> statement-breakpoint
CREATE INDEX "notifications_embassy_updated_idx" ON "notifications" USING btree ("embassy_organisation_id","last_updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_occurred_idx" ON "audit_log" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");