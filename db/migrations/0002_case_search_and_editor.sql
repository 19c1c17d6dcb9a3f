ALTER TABLE "cases" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_people_latin_name_trgm_idx" ON "case_people" USING gin ("latin_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "case_people_native_name_trgm_idx" ON "case_people" USING gin ("native_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "case_people_id_document_trgm_idx" ON "case_people" USING gin (upper("id_document_number") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "case_people_detained_idx" ON "case_people" USING btree ("case_id") WHERE "case_people"."detention_status" = 'detained';--> statement-breakpoint
CREATE INDEX "cases_title_trgm_idx" ON "cases" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_reference_trgm_idx" ON "cases" USING gin ("reference_number" gin_trgm_ops);