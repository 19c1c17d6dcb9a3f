CREATE TYPE "public"."webhook_delivery_status" AS ENUM('pending', 'delivered', 'failed');--> statement-breakpoint
ALTER TYPE "public"."outbox_topic" ADD VALUE 'cooperation.action_updated' BEFORE 'mail.queued';--> statement-breakpoint
ALTER TYPE "public"."outbox_topic" ADD VALUE 'case.updated' BEFORE 'mail.queued';--> statement-breakpoint
ALTER TYPE "public"."mail_kind" ADD VALUE 'webhook_disabled';--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"event_type" varchar(60) NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "webhook_delivery_status" DEFAULT 'pending' NOT NULL,
	"attempt_count" smallint DEFAULT 0 NOT NULL,
	"attempts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_response_status" smallint,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"retry_until" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_pending_has_next" CHECK (("webhook_deliveries"."status" = 'pending') = ("webhook_deliveries"."next_attempt_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"url" varchar(2000) NOT NULL,
	"description" varchar(200),
	"events" text[] NOT NULL,
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_secret_expires_at" timestamp with time zone,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" varchar(20),
	"failing_since" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_endpoints_has_events" CHECK (cardinality("webhook_endpoints"."events") > 0),
	CONSTRAINT "webhook_endpoints_secret_format" CHECK ("webhook_endpoints"."secret" ~ '^whsec_[A-Za-z0-9+/=]{40,}$'),
	CONSTRAINT "webhook_endpoints_previous_secret" CHECK (("webhook_endpoints"."previous_secret" is null) = ("webhook_endpoints"."previous_secret_expires_at" is null)),
	CONSTRAINT "webhook_endpoints_disabled" CHECK ("webhook_endpoints"."enabled" = ("webhook_endpoints"."disabled_at" is null) and ("webhook_endpoints"."disabled_at" is null) = ("webhook_endpoints"."disabled_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_event_key" ON "webhook_deliveries" USING btree ("endpoint_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_created_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_endpoints_organisation_idx" ON "webhook_endpoints" USING btree ("organisation_id","created_at");--> statement-breakpoint
-- Row-level security: an organisation's endpoints and their delivery log are the platform admin's and that
-- organisation's administrators' only. The management commands and the delivery workers run as the owner, as API
-- key management does (0030); these policies are the floor should a scoped role ever read them.
ALTER TABLE "webhook_endpoints" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON webhook_endpoints, webhook_deliveries TO casebridge_admin, casebridge_organisation_admin;
--> statement-breakpoint
CREATE POLICY webhook_endpoints_admin ON webhook_endpoints FOR ALL TO casebridge_admin USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY webhook_endpoints_organisation_admin ON webhook_endpoints FOR ALL TO casebridge_organisation_admin
  USING (organisation_id = casebridge_scope_organisation()) WITH CHECK (organisation_id = casebridge_scope_organisation());
--> statement-breakpoint
CREATE POLICY webhook_deliveries_admin ON webhook_deliveries FOR ALL TO casebridge_admin USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY webhook_deliveries_organisation_admin ON webhook_deliveries FOR ALL TO casebridge_organisation_admin
  USING (EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.id = endpoint_id AND e.organisation_id = casebridge_scope_organisation()))
  WITH CHECK (EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.id = endpoint_id AND e.organisation_id = casebridge_scope_organisation()));
