-- Row-level security: a second wall behind the scope checks in lib/ (docs/decisions/004-row-level-security.md).
--
-- The application connects as the owner of the tables (superuser locally, PGlite is one too), and owners and
-- superusers bypass row-level security. So every request of a signed-in user runs in a transaction that
-- switches to one of the NOLOGIN roles below (lib/auth/actor-scope.ts) and carries the user's scope in
-- transaction-local settings. Scripts (migrate, seed, load, audit:verify) keep running as the owner.
--
-- One role per kind of reader rather than one role for all: policies apply per role, so each role's policies
-- can be single index-friendly predicates, and the embassy's case policy (through notifications) never meets
-- the police's notification policy (through cases), which would be an infinite recursion for one shared role.
--
-- Roles belong to the cluster, not the database, and test databases are migrated in parallel: creation
-- tolerates a role that already exists or is being created by another session at the same moment.
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['casebridge_police', 'casebridge_embassy', 'casebridge_governor', 'casebridge_ministry', 'casebridge_admin'] LOOP
    BEGIN
      EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
    -- A superuser may switch to any role; an owner that is not one must be a member to SET ROLE.
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, role_name, 'MEMBER') THEN
      EXECUTE format('GRANT %I TO %I', role_name, current_user);
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint
-- The scope of the current transaction. Unset (or reset to '' at the end of an earlier transaction of the same
-- connection) reads as NULL, and NULL matches no row: a transaction without a scope sees nothing.
CREATE OR REPLACE FUNCTION casebridge_scope_province() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT nullif(current_setting('casebridge.province_code', true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casebridge_scope_organisation() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT nullif(current_setting('casebridge.organisation_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casebridge_scope_country() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT nullif(current_setting('casebridge.country_code', true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casebridge_scope_user() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT nullif(current_setting('casebridge.user_id', true), '')::uuid $$;
--> statement-breakpoint
-- The audit chain trigger reads the latest entry and takes the next id; the roles may only insert into the log
-- (the admin also reads it), so the trigger runs with its owner's rights. Its search_path is pinned because a
-- SECURITY DEFINER function must not resolve names through the caller's path.
ALTER FUNCTION audit_log_chain() SECURITY DEFINER SET search_path = public, pg_temp;
--> statement-breakpoint
-- An embassy sees only its own nationals, but its case view says how many other people a case has: the count,
-- and nothing else, of a case the embassy was notified of.
CREATE OR REPLACE FUNCTION casebridge_embassy_case_people_count(target_case uuid) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*)::integer FROM case_people
  WHERE case_people.case_id = target_case
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = target_case AND notifications.embassy_organisation_id = casebridge_scope_organisation())
$$;
--> statement-breakpoint
-- The audit log filter accepts a case reference number; the administrator learns the case's id, nothing more.
CREATE OR REPLACE FUNCTION casebridge_case_id_by_reference(reference text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT cases.id FROM cases WHERE cases.reference_number = upper(reference)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casebridge_embassy_case_people_count(uuid) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casebridge_case_id_by_reference(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION casebridge_embassy_case_people_count(uuid) TO casebridge_embassy;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION casebridge_case_id_by_reference(text) TO casebridge_admin;
--> statement-breakpoint
-- Table privileges: what each kind of user's data-access functions read and write, nothing more. A table added
-- later is out of reach of every role until a migration grants it.
GRANT USAGE ON SCHEMA public TO casebridge_police, casebridge_embassy, casebridge_governor, casebridge_ministry, casebridge_admin;
--> statement-breakpoint
GRANT SELECT ON provinces, organisations TO casebridge_police, casebridge_embassy, casebridge_governor, casebridge_ministry, casebridge_admin;
--> statement-breakpoint
-- Names of colleagues and counterparts, never password hashes or second-factor secrets.
GRANT SELECT (id, organisation_id, role, name, is_active) ON users TO casebridge_police, casebridge_embassy, casebridge_governor, casebridge_ministry;
--> statement-breakpoint
GRANT INSERT ON audit_log TO casebridge_police, casebridge_embassy, casebridge_governor, casebridge_ministry, casebridge_admin;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE audit_log_id_seq TO casebridge_police, casebridge_embassy, casebridge_governor, casebridge_ministry, casebridge_admin;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON case_reference_counters, cases, notifications, case_message_read_markers TO casebridge_police;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON case_people TO casebridge_police;
--> statement-breakpoint
GRANT SELECT, INSERT ON case_events, case_notes, notification_updates, case_messages TO casebridge_police;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON cooperation_actions TO casebridge_police, casebridge_embassy;
--> statement-breakpoint
GRANT SELECT ON cases, case_people, notifications, notification_updates TO casebridge_embassy;
--> statement-breakpoint
GRANT UPDATE (first_opened_at, first_opened_by, acknowledged_at, acknowledged_by, acknowledgement_note) ON notifications TO casebridge_embassy;
--> statement-breakpoint
GRANT UPDATE (read_at, read_by) ON notification_updates TO casebridge_embassy;
--> statement-breakpoint
GRANT INSERT ON case_events TO casebridge_embassy;
--> statement-breakpoint
GRANT SELECT, INSERT ON case_messages TO casebridge_embassy;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON case_message_read_markers TO casebridge_embassy;
--> statement-breakpoint
GRANT SELECT ON cases, case_people, notifications, cooperation_actions TO casebridge_governor, casebridge_ministry;
--> statement-breakpoint
GRANT SELECT ON audit_log TO casebridge_admin;
--> statement-breakpoint
-- The audit viewer names who acted. Organisations and accounts are managed on the owner's connection (see the decision).
GRANT SELECT (id, organisation_id, role, name, email, is_active) ON users TO casebridge_admin;
--> statement-breakpoint
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_people ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notification_updates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE cooperation_actions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- cases. Police: their province, read and write. Governor's office: its province, read. Ministry: every case,
-- read (it sees aggregates only, which lib/summaries enforces). Embassy: the cases it was notified of, read.
CREATE POLICY cases_police ON cases FOR ALL TO casebridge_police
  USING (province_code = casebridge_scope_province())
  WITH CHECK (province_code = casebridge_scope_province());
--> statement-breakpoint
CREATE POLICY cases_governor ON cases FOR SELECT TO casebridge_governor USING (province_code = casebridge_scope_province());
--> statement-breakpoint
CREATE POLICY cases_ministry ON cases FOR SELECT TO casebridge_ministry USING (true);
--> statement-breakpoint
CREATE POLICY cases_embassy ON cases FOR SELECT TO casebridge_embassy
  USING (EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cases.id AND notifications.embassy_organisation_id = casebridge_scope_organisation()));
--> statement-breakpoint
-- case_people: as their case; an embassy sees only people of its nationality, in cases it was notified of.
CREATE POLICY case_people_police ON case_people FOR ALL TO casebridge_police
  USING (EXISTS (SELECT 1 FROM cases WHERE cases.id = case_people.case_id AND cases.province_code = casebridge_scope_province()))
  WITH CHECK (EXISTS (SELECT 1 FROM cases WHERE cases.id = case_people.case_id AND cases.province_code = casebridge_scope_province()));
--> statement-breakpoint
CREATE POLICY case_people_governor ON case_people FOR SELECT TO casebridge_governor
  USING (EXISTS (SELECT 1 FROM cases WHERE cases.id = case_people.case_id AND cases.province_code = casebridge_scope_province()));
--> statement-breakpoint
CREATE POLICY case_people_ministry ON case_people FOR SELECT TO casebridge_ministry USING (true);
--> statement-breakpoint
CREATE POLICY case_people_embassy ON case_people FOR SELECT TO casebridge_embassy
  USING (
    nationality = casebridge_scope_country()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_people.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation())
  );
--> statement-breakpoint
-- notifications: police of the case's province; the embassy notified (reads, opens, acknowledges).
CREATE POLICY notifications_police ON notifications FOR ALL TO casebridge_police
  USING (EXISTS (SELECT 1 FROM cases WHERE cases.id = notifications.case_id AND cases.province_code = casebridge_scope_province()))
  WITH CHECK (EXISTS (SELECT 1 FROM cases WHERE cases.id = notifications.case_id AND cases.province_code = casebridge_scope_province()));
--> statement-breakpoint
CREATE POLICY notifications_governor ON notifications FOR SELECT TO casebridge_governor
  USING (EXISTS (SELECT 1 FROM cases WHERE cases.id = notifications.case_id AND cases.province_code = casebridge_scope_province()));
--> statement-breakpoint
CREATE POLICY notifications_ministry ON notifications FOR SELECT TO casebridge_ministry USING (true);
--> statement-breakpoint
CREATE POLICY notifications_embassy_read ON notifications FOR SELECT TO casebridge_embassy
  USING (embassy_organisation_id = casebridge_scope_organisation());
--> statement-breakpoint
CREATE POLICY notifications_embassy_update ON notifications FOR UPDATE TO casebridge_embassy
  USING (embassy_organisation_id = casebridge_scope_organisation())
  WITH CHECK (embassy_organisation_id = casebridge_scope_organisation());
--> statement-breakpoint
-- notification_updates: as their notification.
CREATE POLICY notification_updates_police ON notification_updates FOR ALL TO casebridge_police
  USING (EXISTS (
    SELECT 1 FROM notifications JOIN cases ON cases.id = notifications.case_id
    WHERE notifications.id = notification_updates.notification_id AND cases.province_code = casebridge_scope_province()
  ))
  WITH CHECK (EXISTS (
    SELECT 1 FROM notifications JOIN cases ON cases.id = notifications.case_id
    WHERE notifications.id = notification_updates.notification_id AND cases.province_code = casebridge_scope_province()
  ));
--> statement-breakpoint
CREATE POLICY notification_updates_embassy_read ON notification_updates FOR SELECT TO casebridge_embassy
  USING (EXISTS (SELECT 1 FROM notifications WHERE notifications.id = notification_updates.notification_id AND notifications.embassy_organisation_id = casebridge_scope_organisation()));
--> statement-breakpoint
CREATE POLICY notification_updates_embassy_update ON notification_updates FOR UPDATE TO casebridge_embassy
  USING (EXISTS (SELECT 1 FROM notifications WHERE notifications.id = notification_updates.notification_id AND notifications.embassy_organisation_id = casebridge_scope_organisation()))
  WITH CHECK (EXISTS (SELECT 1 FROM notifications WHERE notifications.id = notification_updates.notification_id AND notifications.embassy_organisation_id = casebridge_scope_organisation()));
--> statement-breakpoint
-- cooperation_actions: police of the case's province; the embassy in its own thread of a case it was notified
-- of, recording only as the embassy side.
CREATE POLICY cooperation_actions_police_read ON cooperation_actions FOR SELECT TO casebridge_police
  USING (EXISTS (SELECT 1 FROM cases WHERE cases.id = cooperation_actions.case_id AND cases.province_code = casebridge_scope_province()));
--> statement-breakpoint
CREATE POLICY cooperation_actions_police_insert ON cooperation_actions FOR INSERT TO casebridge_police
  WITH CHECK (
    recorded_by_side = 'police' AND created_by = casebridge_scope_user()
    AND EXISTS (SELECT 1 FROM cases WHERE cases.id = cooperation_actions.case_id AND cases.province_code = casebridge_scope_province())
  );
--> statement-breakpoint
CREATE POLICY cooperation_actions_police_update ON cooperation_actions FOR UPDATE TO casebridge_police
  USING (EXISTS (SELECT 1 FROM cases WHERE cases.id = cooperation_actions.case_id AND cases.province_code = casebridge_scope_province()))
  WITH CHECK (EXISTS (SELECT 1 FROM cases WHERE cases.id = cooperation_actions.case_id AND cases.province_code = casebridge_scope_province()));
--> statement-breakpoint
CREATE POLICY cooperation_actions_governor ON cooperation_actions FOR SELECT TO casebridge_governor
  USING (EXISTS (SELECT 1 FROM cases WHERE cases.id = cooperation_actions.case_id AND cases.province_code = casebridge_scope_province()));
--> statement-breakpoint
CREATE POLICY cooperation_actions_ministry ON cooperation_actions FOR SELECT TO casebridge_ministry USING (true);
--> statement-breakpoint
CREATE POLICY cooperation_actions_embassy_read ON cooperation_actions FOR SELECT TO casebridge_embassy
  USING (
    embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cooperation_actions.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation())
  );
--> statement-breakpoint
CREATE POLICY cooperation_actions_embassy_insert ON cooperation_actions FOR INSERT TO casebridge_embassy
  WITH CHECK (
    recorded_by_side = 'embassy' AND created_by = casebridge_scope_user()
    AND embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cooperation_actions.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation())
  );
--> statement-breakpoint
CREATE POLICY cooperation_actions_embassy_update ON cooperation_actions FOR UPDATE TO casebridge_embassy
  USING (
    embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cooperation_actions.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation())
  )
  WITH CHECK (embassy_organisation_id = casebridge_scope_organisation());
--> statement-breakpoint
-- case_messages: as cooperation actions; a message is written by the signed-in user on their own side.
CREATE POLICY case_messages_police_read ON case_messages FOR SELECT TO casebridge_police
  USING (EXISTS (SELECT 1 FROM cases WHERE cases.id = case_messages.case_id AND cases.province_code = casebridge_scope_province()));
--> statement-breakpoint
CREATE POLICY case_messages_police_insert ON case_messages FOR INSERT TO casebridge_police
  WITH CHECK (
    author_side = 'police' AND author_id = casebridge_scope_user()
    AND EXISTS (SELECT 1 FROM cases WHERE cases.id = case_messages.case_id AND cases.province_code = casebridge_scope_province())
  );
--> statement-breakpoint
CREATE POLICY case_messages_embassy_read ON case_messages FOR SELECT TO casebridge_embassy
  USING (
    embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_messages.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation())
  );
--> statement-breakpoint
CREATE POLICY case_messages_embassy_insert ON case_messages FOR INSERT TO casebridge_embassy
  WITH CHECK (
    author_side = 'embassy' AND author_id = casebridge_scope_user()
    AND embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_messages.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation())
  );
