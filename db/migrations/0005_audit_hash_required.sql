CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_organisation_idx" ON "audit_log" USING btree ("actor_organisation_id","occurred_at");--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_hash_format" CHECK ("audit_log"."hash" ~ '^[0-9a-f]{64}$');--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_prev_hash_format" CHECK ("audit_log"."prev_hash" ~ '^[0-9a-f]{64}$');