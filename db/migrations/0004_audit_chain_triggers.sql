-- The audit log is append-only and hash-chained (docs/decisions/002-audit-hash-chain.md). The database, not the
-- application, computes the chain, so every insert is chained whoever makes it (recordAudit, the demo seed, a
-- script) and concurrent inserts from several server processes cannot fork it.
--
-- Canonical content of an entry: a JSON array of its fields in a fixed order, the time in UTC with
-- microseconds. jsonb's text form is deterministic (keys of `details` sorted, one spacing), and the same on
-- PostgreSQL 15 and PGlite. lib/audit/verify-audit-chain.ts builds the same array in its own query; a column
-- added to audit_log later must be added to both, or it is not protected by the chain.
CREATE OR REPLACE FUNCTION audit_log_canonical(entry audit_log) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
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
  )::text
$$;
--> statement-breakpoint
-- SHA-256 (hex) of the previous entry's hash followed by this entry's canonical content.
CREATE OR REPLACE FUNCTION audit_log_entry_hash(entry audit_log, previous_hash text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(previous_hash || audit_log_canonical(entry), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Chains each new entry to the latest one. The transaction-level advisory lock serialises every insert into
-- audit_log until its transaction ends, so the entry read as "latest" is the latest committed one, and an id
-- smaller than the latest entry's is replaced under the lock so that id order is chain order (the verifier
-- walks by id). A REPEATABLE READ or
-- SERIALIZABLE transaction would read an older snapshot and fork the chain, so it is refused.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  previous_id bigint;
  previous_hash text;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit_log entries must be written in a READ COMMITTED transaction'
      USING HINT = 'The hash chain links each entry to the latest committed one.';
  END IF;
  -- 0x4341534542524447 spells CASEBRDG: the one lock key of the audit chain.
  PERFORM pg_advisory_xact_lock(4846246230957900871);
  SELECT audit_log.id, audit_log.hash INTO previous_id, previous_hash FROM audit_log ORDER BY audit_log.id DESC LIMIT 1;
  -- The id default ran before this trigger, outside the lock: a transaction that waited here may hold a smaller
  -- id than the entry it now follows, and then takes a new one.
  IF NEW.id IS NULL OR NEW.id <= coalesce(previous_id, 0) THEN
    NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  END IF;
  NEW.prev_hash := coalesce(previous_hash, repeat('0', 64));
  NEW.hash := audit_log_entry_hash(NEW, NEW.prev_hash);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit entries are never changed or deleted; record a new entry instead.';
END
$$;
--> statement-breakpoint
-- Chain the entries written before this migration, oldest first, before the triggers forbid updates.
LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
DO $$
DECLARE
  entry audit_log;
  previous_hash text := repeat('0', 64);
  entry_hash text;
BEGIN
  FOR entry IN SELECT * FROM audit_log ORDER BY id LOOP
    entry_hash := audit_log_entry_hash(entry, previous_hash);
    UPDATE audit_log SET prev_hash = previous_hash, hash = entry_hash WHERE id = entry.id;
    previous_hash := entry_hash;
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
