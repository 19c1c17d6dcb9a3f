CREATE TYPE "public"."mail_frequency" AS ENUM('immediate', 'daily', 'off');--> statement-breakpoint
ALTER TYPE "public"."outbox_topic" ADD VALUE 'cooperation.action_recorded';--> statement-breakpoint
ALTER TYPE "public"."outbox_topic" ADD VALUE 'cooperation.message_posted';--> statement-breakpoint
ALTER TYPE "public"."outbox_topic" ADD VALUE 'mail.queued';--> statement-breakpoint
ALTER TYPE "public"."mail_kind" ADD VALUE 'password_reset';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "update_mail_frequency" "mail_frequency" DEFAULT 'immediate' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "request_mail_frequency" "mail_frequency" DEFAULT 'immediate' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "remind_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "updates_mailed_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_reminder_due_idx" ON "notifications" USING btree ("remind_at") WHERE "notifications"."acknowledged_at" is null and "notifications"."reminded_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_escalation_due_idx" ON "notifications" USING btree ("due_at") WHERE "notifications"."acknowledged_at" is null and "notifications"."escalated_at" is null;--> statement-breakpoint
-- The reminder moment, three quarters of the way from sending to the deadline, follows the deadline wherever
-- it moves (a detention shortens it): kept here so every writer of due_at gets it right without knowing.
CREATE FUNCTION notifications_set_remind_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.remind_at := NEW.created_at + (NEW.due_at - NEW.created_at) * 0.75;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER notifications_remind_at BEFORE INSERT OR UPDATE OF created_at, due_at ON notifications
  FOR EACH ROW EXECUTE FUNCTION notifications_set_remind_at();
--> statement-breakpoint
-- Notifications that predate e-mail: their moments are computed, and those already past count as handled, so
-- the first worker run does not send reminders and escalations for history.
UPDATE notifications SET
  remind_at = created_at + (due_at - created_at) * 0.75,
  reminded_at = CASE WHEN created_at + (due_at - created_at) * 0.75 <= now() THEN now() END,
  escalated_at = CASE WHEN due_at <= now() THEN now() END,
  updates_mailed_until = now();
--> statement-breakpoint
-- A user sets their own e-mail preferences (lib/account), through the owner like the rest of their account.
COMMENT ON COLUMN users.update_mail_frequency IS 'immediate | daily (in the 07:30 digest) | off; new notifications, detentions, reminders and escalations cannot be turned off';
