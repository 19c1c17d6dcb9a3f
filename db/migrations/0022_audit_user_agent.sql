ALTER TABLE "audit_log" ADD COLUMN "user_agent" text;--> statement-breakpoint
-- The chain covers the new column (docs/decisions/002-audit-hash-chain.md). An entry without a user agent keeps
-- exactly the canonical form it had, so every entry chained before this migration still verifies; an entry with
-- one appends it to the array. lib/audit/verify-audit-chain.ts builds the same form.
CREATE OR REPLACE FUNCTION audit_log_canonical(entry audit_log) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT (
    jsonb_build_array(
      entry.id,
      to_char(entry.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      entry.actor_user_id,
      entry.actor_organisation_id,
      entry.actor_role,
      entry.action,
      entry.outcome,
      entry.entity_type,
      entry.entity_id,
      entry.ip_address,
      entry.details
    ) || CASE WHEN entry.user_agent IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(entry.user_agent) END
  )::text
$$;
