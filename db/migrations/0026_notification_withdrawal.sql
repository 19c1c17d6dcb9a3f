ALTER TYPE "public"."case_event_kind" ADD VALUE 'notification_withdrawn' BEFORE 'cooperation_action_recorded';--> statement-breakpoint
DROP INDEX "notifications_embassy_pending_idx";--> statement-breakpoint
DROP INDEX "notifications_pending_created_idx";--> statement-breakpoint
DROP INDEX "notifications_reminder_due_idx";--> statement-breakpoint
DROP INDEX "notifications_escalation_due_idx";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_embassy_pending_idx" ON "notifications" USING btree ("embassy_organisation_id","due_at","id") WHERE "notifications"."acknowledged_at" is null and "notifications"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_pending_created_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."acknowledged_at" is null and "notifications"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_reminder_due_idx" ON "notifications" USING btree ("remind_at") WHERE "notifications"."acknowledged_at" is null and "notifications"."withdrawn_at" is null and "notifications"."reminded_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_escalation_due_idx" ON "notifications" USING btree ("due_at") WHERE "notifications"."acknowledged_at" is null and "notifications"."withdrawn_at" is null and "notifications"."escalated_at" is null;