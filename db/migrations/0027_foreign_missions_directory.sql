CREATE TYPE "public"."mission_type" AS ENUM('embassy', 'consulate_general', 'consulate', 'honorary_consul');--> statement-breakpoint
CREATE TABLE "country_consular_rules" (
	"country_code" char(2) PRIMARY KEY NOT NULL,
	"mandatory_notification" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "country_consular_rules_country_format" CHECK ("country_consular_rules"."country_code" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "foreign_missions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" varchar(64) NOT NULL,
	"country_code" char(2) NOT NULL,
	"mission_type" "mission_type" NOT NULL,
	"name_en" text NOT NULL,
	"name_km" text NOT NULL,
	"name_zh" text NOT NULL,
	"city" text NOT NULL,
	"email" text,
	"phone" text,
	"fax" text,
	"organisation_id" uuid,
	"is_active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "foreign_missions_country_format" CHECK ("foreign_missions"."country_code" ~ '^[A-Z]{2}$'),
	CONSTRAINT "foreign_missions_email_length" CHECK ("foreign_missions"."email" is null or char_length("foreign_missions"."email") between 3 and 254)
);
--> statement-breakpoint
CREATE TABLE "mission_districts" (
	"mission_id" uuid NOT NULL,
	"province_code" varchar(3) NOT NULL,
	CONSTRAINT "mission_districts_mission_id_province_code_pk" PRIMARY KEY("mission_id","province_code")
);
--> statement-breakpoint
DROP INDEX "organisations_embassy_country_key";--> statement-breakpoint
ALTER TABLE "foreign_missions" ADD CONSTRAINT "foreign_missions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_districts" ADD CONSTRAINT "mission_districts_mission_id_foreign_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."foreign_missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_districts" ADD CONSTRAINT "mission_districts_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "foreign_missions_slug_key" ON "foreign_missions" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "foreign_missions_organisation_key" ON "foreign_missions" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "foreign_missions_embassy_country_key" ON "foreign_missions" USING btree ("country_code") WHERE "foreign_missions"."mission_type" = 'embassy';--> statement-breakpoint
CREATE INDEX "foreign_missions_country_idx" ON "foreign_missions" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "mission_districts_province_idx" ON "mission_districts" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "organisations_embassy_country_idx" ON "organisations" USING btree ("country_code") WHERE "organisations"."kind" = 'embassy';--> statement-breakpoint
-- The embassies already on CaseBridge become the directory's first entries, each covering the whole country.
INSERT INTO foreign_missions (slug, country_code, mission_type, name_en, name_km, name_zh, city, email, organisation_id, is_active)
SELECT slug, country_code, 'embassy', name_en, name_km, name_zh, 'Phnom Penh', duty_email_addresses[1], id, is_active
FROM organisations WHERE kind = 'embassy';
