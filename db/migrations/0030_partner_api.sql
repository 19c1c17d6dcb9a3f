ALTER TYPE "public"."user_role" ADD VALUE 'organisation_admin';--> statement-breakpoint
CREATE TABLE "api_idempotency_records" (
	"api_key_id" uuid NOT NULL,
	"idempotency_key" varchar(255) NOT NULL,
	"request_hash" char(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"response_status" integer,
	"response_headers" jsonb,
	"response_body" text,
	CONSTRAINT "api_idempotency_records_pkey" PRIMARY KEY("api_key_id","idempotency_key"),
	CONSTRAINT "api_idempotency_records_completion" CHECK (("api_idempotency_records"."completed_at" is null) = ("api_idempotency_records"."response_status" is null))
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"name" varchar(80) NOT NULL,
	"prefix" char(12) NOT NULL,
	"secret_hash" char(64) NOT NULL,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_keys_expiry_after_creation" CHECK ("api_keys"."expires_at" > "api_keys"."created_at"),
	CONSTRAINT "api_keys_revocation" CHECK (("api_keys"."revoked_at" is null) = ("api_keys"."revoked_by" is null)),
	CONSTRAINT "api_keys_secret_hash_format" CHECK ("api_keys"."secret_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "api_keys_has_scopes" CHECK (cardinality("api_keys"."scopes") > 0)
);
--> statement-breakpoint
CREATE TABLE "api_rate_limit_counters" (
	"api_key_id" uuid NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "api_rate_limit_counters_pkey" PRIMARY KEY("api_key_id","window_started_at")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_api_key_account" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "api_idempotency_records" ADD CONSTRAINT "api_idempotency_records_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_rate_limit_counters" ADD CONSTRAINT "api_rate_limit_counters_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_idempotency_records_created_idx" ON "api_idempotency_records" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys" USING btree ("prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_actor_user_key" ON "api_keys" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "api_keys_organisation_idx" ON "api_keys" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "api_rate_limit_counters_window_idx" ON "api_rate_limit_counters" USING btree ("window_started_at");--> statement-breakpoint
-- The organisation administrator's database role: the directory and appending to the audit trail, like every
-- role, and nothing with case content (it manages accounts, keys and webhooks, which run as the owner like the
-- platform admin's account administration). Created the way 0006 creates the others (cluster-wide, tolerant).
DO $$
BEGIN
  BEGIN
    CREATE ROLE casebridge_organisation_admin NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
  END;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, 'casebridge_organisation_admin', 'MEMBER') THEN
    GRANT casebridge_organisation_admin TO CURRENT_USER;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO casebridge_organisation_admin;
--> statement-breakpoint
GRANT SELECT ON provinces, organisations TO casebridge_organisation_admin;
--> statement-breakpoint
GRANT INSERT ON audit_log TO casebridge_organisation_admin;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE audit_log_id_seq TO casebridge_organisation_admin;
--> statement-breakpoint
-- The roles that see colleagues' names (assignees) must also see which accounts are API keys', to leave them out.
GRANT SELECT (is_api_key_account) ON users TO casebridge_police, casebridge_embassy, casebridge_governor, casebridge_ministry, casebridge_admin;
