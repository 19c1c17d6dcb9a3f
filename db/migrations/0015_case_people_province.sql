-- A person carries their case's province (a case never changes province; the composite foreign key keeps the two
-- equal), so the police and governor policies on case_people compare a column instead of looking up the case of
-- every row: under row-level security a name search matching thousands of people otherwise hashed every case id
-- of the province first.
ALTER TABLE "case_people" ADD COLUMN "province_code" char(3);--> statement-breakpoint
UPDATE "case_people" SET "province_code" = "cases"."province_code" FROM "cases" WHERE "cases"."id" = "case_people"."case_id";--> statement-breakpoint
ALTER TABLE "case_people" ALTER COLUMN "province_code" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "cases_id_province_key" ON "cases" USING btree ("id","province_code");--> statement-breakpoint
ALTER TABLE "case_people" ADD CONSTRAINT "case_people_case_province_fk" FOREIGN KEY ("case_id","province_code") REFERENCES "public"."cases"("id","province_code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
DROP POLICY case_people_police ON case_people;--> statement-breakpoint
CREATE POLICY case_people_police ON case_people FOR ALL TO casebridge_police
  USING (province_code = casebridge_scope_province())
  WITH CHECK (province_code = casebridge_scope_province());--> statement-breakpoint
DROP POLICY case_people_governor ON case_people;--> statement-breakpoint
CREATE POLICY case_people_governor ON case_people FOR SELECT TO casebridge_governor USING (province_code = casebridge_scope_province());
