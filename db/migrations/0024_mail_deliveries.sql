CREATE TYPE "public"."mail_delivery_status" AS ENUM('queued', 'sent', 'stored', 'failed', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."mail_kind" AS ENUM('new_notification', 'notification_update', 'reminder', 'escalation', 'digest', 'request', 'invitation');--> statement-breakpoint
CREATE TABLE "mail_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "mail_kind" NOT NULL,
	"notification_id" uuid,
	"organisation_id" uuid NOT NULL,
	"recipient_user_id" uuid,
	"recipient_address" text NOT NULL,
	"locale" "locale",
	"is_urgent" boolean DEFAULT false NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"status" "mail_delivery_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"provider_message_id" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"idempotency_key" text NOT NULL,
	CONSTRAINT "mail_deliveries_attempts_nonnegative" CHECK ("mail_deliveries"."attempts" >= 0),
	CONSTRAINT "mail_deliveries_finished" CHECK (("mail_deliveries"."status" = 'queued') = ("mail_deliveries"."finished_at" is null)),
	CONSTRAINT "mail_deliveries_sent_has_message_id" CHECK ("mail_deliveries"."status" <> 'sent' or "mail_deliveries"."provider_message_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "duty_email_addresses" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_deliveries" ADD CONSTRAINT "mail_deliveries_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_deliveries" ADD CONSTRAINT "mail_deliveries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_deliveries" ADD CONSTRAINT "mail_deliveries_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_deliveries_idempotency_key" ON "mail_deliveries" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "mail_deliveries_queued_idx" ON "mail_deliveries" USING btree ("queued_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "mail_deliveries_status_queued_idx" ON "mail_deliveries" USING btree ("status","queued_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "mail_deliveries_notification_idx" ON "mail_deliveries" USING btree ("notification_id");--> statement-breakpoint
-- The notification record and the police workspace list a notification's deliveries inside the reader's scope
-- (lib/notifications/record.ts, lib/cases/queries.ts): who it went to, when, and what the mail server said —
-- never the rendered message, which only the administrator's outbox shows (read as the owner). Planning and
-- sending run in the workers as the owner.
GRANT SELECT (id, kind, notification_id, organisation_id, recipient_user_id, recipient_address, status, attempts, last_error, provider_message_id, queued_at, finished_at)
  ON mail_deliveries TO casebridge_police, casebridge_embassy;
--> statement-breakpoint
ALTER TABLE mail_deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Police of the case's province see every delivery of its notifications.
CREATE POLICY mail_deliveries_police_read ON mail_deliveries FOR SELECT TO casebridge_police
  USING (EXISTS (
    SELECT 1 FROM notifications JOIN cases ON cases.id = notifications.case_id
    WHERE notifications.id = mail_deliveries.notification_id AND cases.province_code = casebridge_scope_province()
  ));
--> statement-breakpoint
-- An embassy sees the messages sent to its own people and duty addresses, of the notifications it received.
CREATE POLICY mail_deliveries_embassy_read ON mail_deliveries FOR SELECT TO casebridge_embassy
  USING (
    mail_deliveries.organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.id = mail_deliveries.notification_id AND notifications.embassy_organisation_id = casebridge_scope_organisation())
  );
