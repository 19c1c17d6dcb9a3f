CREATE TYPE "public"."outbox_topic" AS ENUM('notification.created', 'notification.updated');--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"topic" "outbox_topic" NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "outbox_messages_waiting_idx" ON "outbox_messages" USING btree ("created_at","id") WHERE "outbox_messages"."relayed_at" is null;--> statement-breakpoint
-- The writes that cause messages run as the police and embassy roles (lib/auth/actor-scope.ts): they may append
-- to the outbox, and nothing else. No role reads it; the relay works as the owner.
GRANT INSERT ON outbox_messages TO casebridge_police, casebridge_embassy;
--> statement-breakpoint
ALTER TABLE outbox_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY outbox_messages_police_insert ON outbox_messages FOR INSERT TO casebridge_police WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY outbox_messages_embassy_insert ON outbox_messages FOR INSERT TO casebridge_embassy WITH CHECK (true);
--> statement-breakpoint
-- Wakes the relay at commit (NOTIFY is delivered only if the transaction commits), so a message leaves within
-- seconds instead of waiting for the relay's periodic sweep. Once per statement: the payload is empty.
CREATE OR REPLACE FUNCTION outbox_messages_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('casebridge_outbox', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER outbox_messages_notify AFTER INSERT ON outbox_messages FOR EACH STATEMENT EXECUTE FUNCTION outbox_messages_notify();
