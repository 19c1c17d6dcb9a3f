CREATE TYPE "public"."nationality_resolution" AS ENUM('confirmed', 'corrected');--> statement-breakpoint
CREATE TYPE "public"."notification_decline_reason" AS ENUM('not_our_national', 'dual_national_other_country', 'other_post_competent');--> statement-breakpoint
ALTER TYPE "public"."case_event_kind" ADD VALUE 'notification_declined';--> statement-breakpoint
ALTER TYPE "public"."case_event_kind" ADD VALUE 'notification_redirected';--> statement-breakpoint
ALTER TYPE "public"."case_event_kind" ADD VALUE 'nationality_resolved';--> statement-breakpoint
ALTER TYPE "public"."mail_kind" ADD VALUE 'notification_declined';--> statement-breakpoint
DROP INDEX "notifications_embassy_pending_idx";--> statement-breakpoint
DROP INDEX "notifications_pending_created_idx";--> statement-breakpoint
DROP INDEX "notifications_reminder_due_idx";--> statement-breakpoint
DROP INDEX "notifications_escalation_due_idx";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "declined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "declined_by" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "decline_reason" "notification_decline_reason";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "decline_note" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "nationality_resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "nationality_resolved_by" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "nationality_resolution" "nationality_resolution";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "nationality_resolution_note" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_declined_by_users_id_fk" FOREIGN KEY ("declined_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_nationality_resolved_by_users_id_fk" FOREIGN KEY ("nationality_resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_embassy_pending_idx" ON "notifications" USING btree ("embassy_organisation_id","due_at","id") WHERE "notifications"."acknowledged_at" is null and "notifications"."withdrawn_at" is null and "notifications"."declined_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_pending_created_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."acknowledged_at" is null and "notifications"."withdrawn_at" is null and "notifications"."declined_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_reminder_due_idx" ON "notifications" USING btree ("remind_at") WHERE "notifications"."acknowledged_at" is null and "notifications"."withdrawn_at" is null and "notifications"."declined_at" is null and "notifications"."reminded_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_escalation_due_idx" ON "notifications" USING btree ("due_at") WHERE "notifications"."acknowledged_at" is null and "notifications"."withdrawn_at" is null and "notifications"."declined_at" is null and "notifications"."escalated_at" is null;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_decline_pair" CHECK (("notifications"."declined_at" is null) = ("notifications"."declined_by" is null) and ("notifications"."declined_at" is null) = ("notifications"."decline_reason" is null));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_decline_note_length" CHECK ("notifications"."decline_note" is null or char_length("notifications"."decline_note") between 1 and 2000);--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_resolution_pair" CHECK (("notifications"."nationality_resolved_at" is null) = ("notifications"."nationality_resolved_by" is null) and ("notifications"."nationality_resolved_at" is null) = ("notifications"."nationality_resolution" is null));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_resolution_needs_decline" CHECK ("notifications"."nationality_resolved_at" is null or "notifications"."declined_at" is not null);--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_resolution_note_length" CHECK ("notifications"."nationality_resolution_note" is null or char_length("notifications"."nationality_resolution_note") between 1 and 2000);--> statement-breakpoint
-- The embassy's answers (lib/notifications/answers.ts, docs/decisions/022-embassy-answers.md). A declined
-- notification stops waiting as an acknowledged or withdrawn one does: the partial indexes above, the overdue
-- rollup, the page counters and the deadline scans all leave it out.
CREATE OR REPLACE FUNCTION summary_pending_due(n notifications) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN n.acknowledged_at IS NULL AND n.withdrawn_at IS NULL AND n.declined_at IS NULL THEN n.due_at END
$$;
--> statement-breakpoint
DROP TRIGGER notifications_summary_update ON notifications;
--> statement-breakpoint
CREATE TRIGGER notifications_summary_update AFTER UPDATE OF case_id, embassy_organisation_id, created_at, acknowledged_at, due_at, withdrawn_at, declined_at ON notifications FOR EACH ROW
WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.embassy_organisation_id IS DISTINCT FROM NEW.embassy_organisation_id
      OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.acknowledged_at IS DISTINCT FROM NEW.acknowledged_at OR OLD.due_at IS DISTINCT FROM NEW.due_at
      OR OLD.withdrawn_at IS DISTINCT FROM NEW.withdrawn_at OR OLD.declined_at IS DISTINCT FROM NEW.declined_at)
EXECUTE FUNCTION summary_track_notification();
--> statement-breakpoint
-- Page counters (migration 0029): a declined notification no longer awaits acknowledgement, and its unread
-- updates leave the badge, as a withdrawn one's do. It still counts as unopened until opened (declining from
-- the case page has opened it).
CREATE OR REPLACE FUNCTION page_counters_add_notification(n notifications, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  waiting boolean := n.acknowledged_at IS NULL AND n.withdrawn_at IS NULL AND n.declined_at IS NULL;
BEGIN
  PERFORM page_counters_add(n.embassy_organisation_id,
    sign * (n.first_opened_at IS NULL AND n.withdrawn_at IS NULL)::int,
    0,
    sign * waiting::int,
    sign * (waiting AND n.kind = 'detention')::int);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION page_counters_add_unread_updates(n notifications, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF n.withdrawn_at IS NOT NULL OR n.declined_at IS NOT NULL THEN
    RETURN;
  END IF;
  PERFORM page_counters_add(n.embassy_organisation_id, 0,
    sign * (SELECT count(*)::int FROM notification_updates u WHERE u.notification_id = n.id AND u.read_at IS NULL), 0, 0);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION page_counters_track_notification() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM page_counters_add_notification(OLD, -1);
    PERFORM page_counters_add_unread_updates(OLD, -1);
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    PERFORM page_counters_add_notification(OLD, -1);
    IF OLD.embassy_organisation_id IS DISTINCT FROM NEW.embassy_organisation_id OR (OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL)
       OR (OLD.declined_at IS NULL) <> (NEW.declined_at IS NULL) THEN
      PERFORM page_counters_add_unread_updates(OLD, -1);
      PERFORM page_counters_add_unread_updates(NEW, 1);
    END IF;
  END IF;
  PERFORM page_counters_add_notification(NEW, 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER notifications_page_counters_update ON notifications;
--> statement-breakpoint
CREATE TRIGGER notifications_page_counters_update AFTER UPDATE OF embassy_organisation_id, first_opened_at, acknowledged_at, withdrawn_at, declined_at, kind ON notifications FOR EACH ROW
WHEN (OLD.embassy_organisation_id IS DISTINCT FROM NEW.embassy_organisation_id OR (OLD.first_opened_at IS NULL) <> (NEW.first_opened_at IS NULL)
      OR (OLD.acknowledged_at IS NULL) <> (NEW.acknowledged_at IS NULL) OR (OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL)
      OR (OLD.declined_at IS NULL) <> (NEW.declined_at IS NULL) OR OLD.kind IS DISTINCT FROM NEW.kind)
EXECUTE FUNCTION page_counters_track_notification();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION page_counters_add_update(u notification_updates, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  embassy uuid;
BEGIN
  IF u.read_at IS NOT NULL THEN
    RETURN;
  END IF;
  SELECT n.embassy_organisation_id INTO embassy FROM notifications n WHERE n.id = u.notification_id AND n.withdrawn_at IS NULL AND n.declined_at IS NULL;
  IF embassy IS NOT NULL THEN
    PERFORM page_counters_add(embassy, 0, sign, 0, 0);
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION page_counters_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM embassy_page_counters;
  INSERT INTO embassy_page_counters (embassy_organisation_id, unopened, unread_updates, awaiting, detention_awaiting)
  SELECT o.id,
         coalesce(n.unopened, 0), coalesce(u.unread, 0), coalesce(n.awaiting, 0), coalesce(n.detention, 0)
  FROM organisations o
  LEFT JOIN (
    SELECT embassy_organisation_id,
           count(*) FILTER (WHERE first_opened_at IS NULL)::int AS unopened,
           count(*) FILTER (WHERE acknowledged_at IS NULL AND declined_at IS NULL)::int AS awaiting,
           count(*) FILTER (WHERE acknowledged_at IS NULL AND declined_at IS NULL AND kind = 'detention')::int AS detention
    FROM notifications WHERE withdrawn_at IS NULL GROUP BY embassy_organisation_id
  ) n ON n.embassy_organisation_id = o.id
  LEFT JOIN (
    SELECT n.embassy_organisation_id, count(*)::int AS unread
    FROM notification_updates x JOIN notifications n ON n.id = x.notification_id
    WHERE x.read_at IS NULL AND n.withdrawn_at IS NULL AND n.declined_at IS NULL GROUP BY n.embassy_organisation_id
  ) u ON u.embassy_organisation_id = o.id
  WHERE o.kind = 'embassy' OR n.embassy_organisation_id IS NOT NULL OR u.embassy_organisation_id IS NOT NULL;
END
$$;
--> statement-breakpoint
-- The embassy writes its decline itself (row-level security: its own, standing notifications); the police write
-- the resolution with the UPDATE they already hold. The embassy reads the directory to offer its country's other
-- missions as redirect targets (the directory holds no case content).
GRANT UPDATE (declined_at, declined_by, decline_reason, decline_note, last_updated_at) ON notifications TO casebridge_embassy;
--> statement-breakpoint
GRANT SELECT ON foreign_missions TO casebridge_embassy;
--> statement-breakpoint
-- A redirect moves the notification to another organisation, which the embassy's own UPDATE policy (WITH CHECK:
-- its own organisation) refuses by design. This function makes that one move as the owner, after checking what
-- the policy would have: the notification is the caller's, still open (not withdrawn, declined or acknowledged),
-- and the target is another active on-CaseBridge mission of the same country that has no notification of the
-- case yet. It answers with what it did, so the caller can say why it refused; the target's deadline is the
-- caller's (lib/notifications/deadlines.ts), checked to lie after the notification was sent.
CREATE OR REPLACE FUNCTION casebridge_redirect_notification(target_notification uuid, target_organisation uuid, new_due_at timestamptz, moved_at timestamptz)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  moving notifications;
BEGIN
  SELECT * INTO moving FROM notifications WHERE id = target_notification FOR UPDATE;
  -- The caller's mission scope (migration 0034): an embassy redirects its posts' notifications too.
  IF NOT FOUND OR NOT (moving.embassy_organisation_id = ANY (casebridge_scope_mission_organisations())) THEN
    RETURN 'not_found';
  END IF;
  IF moving.withdrawn_at IS NOT NULL OR moving.declined_at IS NOT NULL OR moving.acknowledged_at IS NOT NULL THEN
    RETURN 'not_open';
  END IF;
  IF target_organisation = moving.embassy_organisation_id OR NOT EXISTS (
    SELECT 1 FROM foreign_missions m
    JOIN organisations target ON target.id = m.organisation_id
    JOIN organisations source ON source.id = moving.embassy_organisation_id
    WHERE m.organisation_id = target_organisation AND m.is_active AND target.is_active AND target.kind = 'embassy'
      AND m.country_code = source.country_code AND target.country_code = source.country_code
  ) THEN
    RETURN 'invalid_target';
  END IF;
  IF EXISTS (SELECT 1 FROM notifications WHERE case_id = moving.case_id AND embassy_organisation_id = target_organisation) THEN
    RETURN 'already_notified';
  END IF;
  IF new_due_at <= moving.created_at THEN
    RETURN 'invalid_target';
  END IF;
  UPDATE notifications
  SET embassy_organisation_id = target_organisation, due_at = new_due_at, first_opened_at = NULL, first_opened_by = NULL,
      reminded_at = NULL, escalated_at = NULL, last_updated_at = moved_at
  WHERE id = target_notification;
  RETURN 'moved';
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casebridge_redirect_notification(uuid, uuid, timestamptz, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION casebridge_redirect_notification(uuid, uuid, timestamptz, timestamptz) TO casebridge_embassy;
