-- Decision 009 (docs/decisions/009-disclosure.md): who may see which person, as the database's own wall, and
-- row-level security on every table with case content that a casebridge_* role is granted.
--
-- The disclosure rule in SQL, kept beside its TypeScript twin (lib/disclosure/rule.ts; disclosure.test.ts checks
-- the two agree for every combination): a victim reaches her embassy only with recorded consent or a supervisor's
-- override; suspects and witnesses always. IMMUTABLE and plain SQL, so the planner inlines it into the policy.
CREATE OR REPLACE FUNCTION casebridge_is_disclosed_to_embassy(role_in_case person_role, consent consular_consent, override_at timestamptz)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT role_in_case <> 'victim' OR consent = 'yes' OR override_at IS NOT NULL
$$;
--> statement-breakpoint
-- An embassy reads only the people of its nationality it may know: a withheld victim's row, and with it her
-- names, document number and date of birth, is not readable at all in the embassy's transaction.
DROP POLICY case_people_embassy ON case_people;
--> statement-breakpoint
CREATE POLICY case_people_embassy ON case_people FOR SELECT TO casebridge_embassy
  USING (
    nationality = casebridge_scope_country()
    AND casebridge_is_disclosed_to_embassy(role_in_case, consular_consent, disclosure_override_at)
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_people.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation())
  );
--> statement-breakpoint
-- The embassy still learns that a victim of its nationality is in a case it was notified of ("details withheld"),
-- which also keeps the case and its cooperation thread open to it: the non-identifying fields of those victims,
-- read with the owner's rights for the transaction's own embassy only.
CREATE OR REPLACE FUNCTION casebridge_embassy_withheld_victims(target_case uuid)
RETURNS TABLE (id uuid, is_sensitive_victim boolean, created_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT case_people.id, case_people.is_sensitive_victim, case_people.created_at FROM case_people
  WHERE case_people.case_id = target_case
    AND case_people.nationality = casebridge_scope_country()
    AND NOT casebridge_is_disclosed_to_embassy(case_people.role_in_case, case_people.consular_consent, case_people.disclosure_override_at)
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = target_case AND notifications.embassy_organisation_id = casebridge_scope_organisation())
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casebridge_embassy_withheld_victims(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION casebridge_embassy_withheld_victims(uuid) TO casebridge_embassy;
--> statement-breakpoint
-- The timeline and the notes. Event details name people (the police timeline shows who was added or edited), so
-- only the police of the case's province read them. The policies probe the case by its primary key, as those of
-- notifications, actions and messages do: a timeline is always read by its case id, never searched.
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_notes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_events_police_read ON case_events FOR SELECT TO casebridge_police
  USING (EXISTS (SELECT 1 FROM cases WHERE cases.id = case_events.case_id AND cases.province_code = casebridge_scope_province()));
--> statement-breakpoint
CREATE POLICY case_events_police_insert ON case_events FOR INSERT TO casebridge_police
  WITH CHECK (
    actor_user_id = casebridge_scope_user() AND actor_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM cases WHERE cases.id = case_events.case_id AND cases.province_code = casebridge_scope_province())
  );
--> statement-breakpoint
-- The embassy writes its own openings, acknowledgements, actions and messages into the police's timeline of a
-- case it was notified of, as itself; it reads none of it.
CREATE POLICY case_events_embassy_insert ON case_events FOR INSERT TO casebridge_embassy
  WITH CHECK (
    actor_user_id = casebridge_scope_user() AND actor_organisation_id = casebridge_scope_organisation()
    AND embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_events.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation())
  );
--> statement-breakpoint
CREATE POLICY case_notes_police_read ON case_notes FOR SELECT TO casebridge_police
  USING (EXISTS (SELECT 1 FROM cases WHERE cases.id = case_notes.case_id AND cases.province_code = casebridge_scope_province()));
--> statement-breakpoint
CREATE POLICY case_notes_police_insert ON case_notes FOR INSERT TO casebridge_police
  WITH CHECK (
    author_id = casebridge_scope_user()
    AND EXISTS (SELECT 1 FROM cases WHERE cases.id = case_notes.case_id AND cases.province_code = casebridge_scope_province())
  );
--> statement-breakpoint
-- Read markers say who read which thread when: as their thread.
ALTER TABLE case_message_read_markers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_message_read_markers_police ON case_message_read_markers FOR ALL TO casebridge_police
  USING (EXISTS (SELECT 1 FROM cases WHERE cases.id = case_message_read_markers.case_id AND cases.province_code = casebridge_scope_province()))
  WITH CHECK (
    reader_side = 'police'
    AND EXISTS (SELECT 1 FROM cases WHERE cases.id = case_message_read_markers.case_id AND cases.province_code = casebridge_scope_province())
  );
--> statement-breakpoint
CREATE POLICY case_message_read_markers_embassy ON case_message_read_markers FOR ALL TO casebridge_embassy
  USING (
    embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_message_read_markers.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation())
  )
  WITH CHECK (
    reader_side = 'embassy' AND embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_message_read_markers.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation())
  );
--> statement-breakpoint
-- A province's reference counter is its number of cases of the year: the intake of that province's police only.
ALTER TABLE case_reference_counters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_reference_counters_police ON case_reference_counters FOR ALL TO casebridge_police
  USING (province_code = casebridge_scope_province())
  WITH CHECK (province_code = casebridge_scope_province());
--> statement-breakpoint
-- The rollups hold no person, but a governor's office sees its own province's figures with small counts
-- suppressed (decision 003); another province's exact 1s and 2s are what suppression keeps from it. The ministry
-- reads every province. The triggers that keep the rollups exact write them as their owner.
ALTER TABLE summary_case_months ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE summary_closure_months ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE summary_people_months ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE summary_notification_months ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE summary_action_months ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE summary_case_nationalities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY summary_case_months_governor ON summary_case_months FOR SELECT TO casebridge_governor USING (province_code = casebridge_scope_province());
--> statement-breakpoint
CREATE POLICY summary_case_months_ministry ON summary_case_months FOR SELECT TO casebridge_ministry USING (true);
--> statement-breakpoint
CREATE POLICY summary_closure_months_governor ON summary_closure_months FOR SELECT TO casebridge_governor USING (province_code = casebridge_scope_province());
--> statement-breakpoint
CREATE POLICY summary_closure_months_ministry ON summary_closure_months FOR SELECT TO casebridge_ministry USING (true);
--> statement-breakpoint
CREATE POLICY summary_people_months_governor ON summary_people_months FOR SELECT TO casebridge_governor USING (province_code = casebridge_scope_province());
--> statement-breakpoint
CREATE POLICY summary_people_months_ministry ON summary_people_months FOR SELECT TO casebridge_ministry USING (true);
--> statement-breakpoint
CREATE POLICY summary_notification_months_governor ON summary_notification_months FOR SELECT TO casebridge_governor USING (province_code = casebridge_scope_province());
--> statement-breakpoint
CREATE POLICY summary_notification_months_ministry ON summary_notification_months FOR SELECT TO casebridge_ministry USING (true);
--> statement-breakpoint
CREATE POLICY summary_action_months_governor ON summary_action_months FOR SELECT TO casebridge_governor USING (province_code = casebridge_scope_province());
--> statement-breakpoint
CREATE POLICY summary_action_months_ministry ON summary_action_months FOR SELECT TO casebridge_ministry USING (true);
