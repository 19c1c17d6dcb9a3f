CREATE TABLE "summary_action_months" (
	"province_code" char(3) NOT NULL,
	"month" date NOT NULL,
	"embassy_organisation_id" uuid NOT NULL,
	"action_type" "cooperation_action_type" NOT NULL,
	"actions" integer NOT NULL,
	"requests" integer NOT NULL,
	"answered" integer NOT NULL,
	CONSTRAINT "summary_action_months_pkey" PRIMARY KEY("province_code","month","embassy_organisation_id","action_type")
);
--> statement-breakpoint
CREATE TABLE "summary_case_months" (
	"province_code" char(3) NOT NULL,
	"month" date NOT NULL,
	"crime_type" "crime_type" NOT NULL,
	"status" "case_status" NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "summary_case_months_pkey" PRIMARY KEY("province_code","month","crime_type","status")
);
--> statement-breakpoint
CREATE TABLE "summary_case_nationalities" (
	"case_id" uuid NOT NULL,
	"nationality" char(2) NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "summary_case_nationalities_pkey" PRIMARY KEY("case_id","nationality")
);
--> statement-breakpoint
CREATE TABLE "summary_closure_months" (
	"province_code" char(3) NOT NULL,
	"month" date NOT NULL,
	"closed" integer NOT NULL,
	CONSTRAINT "summary_closure_months_pkey" PRIMARY KEY("province_code","month")
);
--> statement-breakpoint
CREATE TABLE "summary_notification_months" (
	"province_code" char(3) NOT NULL,
	"month" date NOT NULL,
	"embassy_organisation_id" uuid NOT NULL,
	"sent" integer NOT NULL,
	"acknowledged" integer NOT NULL,
	CONSTRAINT "summary_notification_months_pkey" PRIMARY KEY("province_code","month","embassy_organisation_id")
);
--> statement-breakpoint
CREATE TABLE "summary_people_months" (
	"province_code" char(3) NOT NULL,
	"month" date NOT NULL,
	"nationality" char(2) NOT NULL,
	"cases" integer NOT NULL,
	"detained" integer NOT NULL,
	"still_detained" integer NOT NULL,
	CONSTRAINT "summary_people_months_pkey" PRIMARY KEY("province_code","month","nationality")
);
--> statement-breakpoint
DROP INDEX "notifications_embassy_acknowledged_idx";--> statement-breakpoint
ALTER TABLE "summary_case_nationalities" ADD CONSTRAINT "summary_case_nationalities_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_embassy_created_idx" ON "notifications" USING btree ("embassy_organisation_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);