-- Trigram indexes on people lead with the province (btree_gin, 0019): at a million cases a common name matched
-- thousands of namesakes nationally, each fetched from the heap only to be dropped for its province.
DROP INDEX "case_people_latin_name_trgm_idx";--> statement-breakpoint
DROP INDEX "case_people_native_name_trgm_idx";--> statement-breakpoint
DROP INDEX "case_people_id_document_trgm_idx";--> statement-breakpoint
CREATE INDEX "case_people_province_latin_name_trgm_idx" ON "case_people" USING gin ("province_code","latin_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "case_people_province_native_name_trgm_idx" ON "case_people" USING gin ("province_code","native_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "case_people_province_id_document_trgm_idx" ON "case_people" USING gin ("province_code",upper("id_document_number") gin_trgm_ops);