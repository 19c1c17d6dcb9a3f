CREATE TYPE "public"."consular_notification_wish" AS ENUM('requests', 'declines');--> statement-breakpoint
CREATE TYPE "public"."dual_national_decision" AS ENUM('notify', 'do_not_notify');--> statement-breakpoint
CREATE TYPE "public"."official_notification_method" AS ENUM('diplomatic_note_via_mfa', 'email', 'fax', 'phone', 'in_person');--> statement-breakpoint
ALTER TYPE "public"."case_event_kind" ADD VALUE 'official_notification_due';--> statement-breakpoint
ALTER TYPE "public"."case_event_kind" ADD VALUE 'official_notification_recorded';--> statement-breakpoint
ALTER TYPE "public"."case_event_kind" ADD VALUE 'official_notification_answered';--> statement-breakpoint
ALTER TYPE "public"."case_event_kind" ADD VALUE 'dual_national_decided';--> statement-breakpoint
ALTER TYPE "public"."notification_update_kind" ADD VALUE 'moved_to_facility';--> statement-breakpoint
ALTER TYPE "public"."notification_update_kind" ADD VALUE 'hospitalised';--> statement-breakpoint
ALTER TYPE "public"."notification_update_kind" ADD VALUE 'released_from_custody';--> statement-breakpoint
ALTER TYPE "public"."notification_update_kind" ADD VALUE 'deported_or_repatriated';--> statement-breakpoint
ALTER TYPE "public"."notification_update_kind" ADD VALUE 'died_in_custody';--> statement-breakpoint
CREATE TABLE "official_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"province_code" char(3) NOT NULL,
	"country_code" char(2) NOT NULL,
	"mission_id" uuid,
	"kind" "notification_kind" DEFAULT 'ordinary' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"method" "official_notification_method",
	"informed_at" timestamp with time zone,
	"informed_whom" text,
	"reference" text,
	"informed_by" uuid,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "official_notifications_country_format" CHECK ("official_notifications"."country_code" ~ '^[A-Z]{2}$'),
	CONSTRAINT "official_notifications_informed_complete" CHECK (("official_notifications"."informed_at" is null) = ("official_notifications"."method" is null) and ("official_notifications"."informed_at" is null) = ("official_notifications"."informed_whom" is null)),
	CONSTRAINT "official_notifications_answer_pair" CHECK (("official_notifications"."answer" is null) = ("official_notifications"."answered_at" is null)),
	CONSTRAINT "official_notifications_answer_after_informed" CHECK ("official_notifications"."answered_at" is null or "official_notifications"."informed_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "case_people" ADD COLUMN "other_nationalities" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "case_people" ADD COLUMN "rights_informed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_people" ADD COLUMN "notification_wish" "consular_notification_wish";--> statement-breakpoint
ALTER TABLE "case_people" ADD COLUMN "dual_national_decision" "dual_national_decision";--> statement-breakpoint
ALTER TABLE "case_people" ADD COLUMN "dual_national_decided_by" uuid;--> statement-breakpoint
ALTER TABLE "case_people" ADD COLUMN "dual_national_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "official_notifications" ADD CONSTRAINT "official_notifications_mission_id_foreign_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."foreign_missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_notifications" ADD CONSTRAINT "official_notifications_informed_by_users_id_fk" FOREIGN KEY ("informed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_notifications" ADD CONSTRAINT "official_notifications_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_notifications" ADD CONSTRAINT "official_notifications_case_province_fk" FOREIGN KEY ("case_id","province_code") REFERENCES "public"."cases"("id","province_code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "official_notifications_case_country_key" ON "official_notifications" USING btree ("case_id","country_code");--> statement-breakpoint
CREATE INDEX "official_notifications_pending_idx" ON "official_notifications" USING btree ("province_code","due_at") WHERE "official_notifications"."informed_at" is null and "official_notifications"."withdrawn_at" is null;--> statement-breakpoint
ALTER TABLE "case_people" ADD CONSTRAINT "case_people_dual_national_decided_by_users_id_fk" FOREIGN KEY ("dual_national_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_people" ADD CONSTRAINT "case_people_other_nationalities_format" CHECK (array_to_string("case_people"."other_nationalities", ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$' and cardinality("case_people"."other_nationalities") <= 4);--> statement-breakpoint
ALTER TABLE "case_people" ADD CONSTRAINT "case_people_wish_needs_rights" CHECK (("case_people"."notification_wish" is null) = ("case_people"."rights_informed_at" is null));--> statement-breakpoint
ALTER TABLE "case_people" ADD CONSTRAINT "case_people_dual_decision_pair" CHECK (("case_people"."dual_national_decision" is null) = ("case_people"."dual_national_decided_at" is null));--> statement-breakpoint
-- Decision 018 (docs/decisions/018-every-foreign-national.md). Whether a country's nationals must be notified
-- whatever they wish (bilateral agreements): read with the owner's rights, so the embassy's policy below can ask
-- without the embassy reading the admin's table.
CREATE OR REPLACE FUNCTION casebridge_is_mandatory_country(country text)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce((SELECT mandatory_notification FROM country_consular_rules WHERE country_code = country), false)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casebridge_is_mandatory_country(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION casebridge_is_mandatory_country(text) TO casebridge_police, casebridge_embassy;
--> statement-breakpoint
-- Whether `country` is told of this person — the SQL twin of lib/consular/nationals.ts (nationals.test.ts checks
-- they agree): one of the person's nationalities; not a detainee who declined notification, unless the country is
-- mandatory; not a Cambodian dual national's other country unless a supervisor decided to notify it.
CREATE OR REPLACE FUNCTION casebridge_is_notified_national(
  nationality text, other_nationalities text[], detention_status detention_status,
  notification_wish consular_notification_wish, dual_decision dual_national_decision, country text
) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT country NOT IN ('KH', 'XX')
    AND (nationality = country OR country = ANY (other_nationalities))
    AND NOT (detention_status <> 'not_detained' AND notification_wish IS NOT DISTINCT FROM 'declines' AND NOT casebridge_is_mandatory_country(country))
    AND NOT ((nationality = 'KH' OR 'KH' = ANY (other_nationalities)) AND dual_decision IS DISTINCT FROM 'notify')
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION casebridge_is_notified_national(text, text[], detention_status, consular_notification_wish, dual_national_decision, text) TO casebridge_police, casebridge_embassy;
--> statement-breakpoint
-- The embassy reads the people it is told of, whichever of their nationalities is its country: a detainee who
-- declined (non-mandatory country) or a Cambodian dual national nobody decided to notify is not readable at all.
DROP POLICY case_people_embassy ON case_people;
--> statement-breakpoint
CREATE POLICY case_people_embassy ON case_people FOR SELECT TO casebridge_embassy
  USING (
    casebridge_is_notified_national(nationality, other_nationalities, detention_status, notification_wish, dual_national_decision, casebridge_scope_country())
    AND casebridge_is_disclosed_to_embassy(role_in_case, consular_consent, disclosure_override_at)
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_people.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casebridge_embassy_withheld_victims(target_case uuid)
RETURNS TABLE (id uuid, is_sensitive_victim boolean, created_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT case_people.id, case_people.is_sensitive_victim, case_people.created_at FROM case_people
  WHERE case_people.case_id = target_case
    AND casebridge_is_notified_national(case_people.nationality, case_people.other_nationalities, case_people.detention_status, case_people.notification_wish, case_people.dual_national_decision, casebridge_scope_country())
    AND NOT casebridge_is_disclosed_to_embassy(case_people.role_in_case, case_people.consular_consent, case_people.disclosure_override_at)
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = target_case AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
$$;
--> statement-breakpoint
-- The police route their cases through the directory and print its contacts on the letter.
GRANT SELECT ON foreign_missions, mission_districts, country_consular_rules TO casebridge_police;
--> statement-breakpoint
-- Official notifications: the police of the case's province keep them; the governor and the ministry read them
-- for the figures; an embassy never (they are about missions not on CaseBridge); the administrator never (no
-- case content), like notifications.
GRANT SELECT, INSERT, UPDATE ON official_notifications TO casebridge_police;
--> statement-breakpoint
GRANT SELECT ON official_notifications TO casebridge_governor, casebridge_ministry;
--> statement-breakpoint
ALTER TABLE official_notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY official_notifications_police ON official_notifications FOR ALL TO casebridge_police
  USING (province_code = casebridge_scope_province())
  WITH CHECK (province_code = casebridge_scope_province());
--> statement-breakpoint
CREATE POLICY official_notifications_governor ON official_notifications FOR SELECT TO casebridge_governor
  USING (province_code = casebridge_scope_province());
--> statement-breakpoint
CREATE POLICY official_notifications_ministry ON official_notifications FOR SELECT TO casebridge_ministry USING (true);
