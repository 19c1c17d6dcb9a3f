-- Consular posts on CaseBridge (decision 021). A post is an organisation of kind `embassy` linked from its
-- foreign_missions row; routing sends a case to the post whose consular district holds the case's province.
-- The post sees only the notifications addressed to it; its country's embassy (the organisation linked from the
-- country's `mission_type = 'embassy'` row) sees, acknowledges and cooperates on its own AND its posts'.
--
-- casebridge_scope_mission_organisations() is the set of organisations whose notifications the scope's
-- organisation answers for: itself, plus its country's posts on CaseBridge when it is that country's embassy.
-- It reads the directory past the caller's grants (SECURITY DEFINER, pinned search_path). Inactive posts stay in
-- the set: a post taken out of routing still has notifications its embassy must be able to answer.
-- Every embassy policy and security-definer function that asked "was this organisation notified?" now asks "was
-- an organisation of this set notified?", through `(SELECT casebridge_scope_mission_organisations())::uuid[]` so the set
-- is computed once per statement (an uncorrelated sub-select), not once per row. The nationality test of the
-- people policy is unchanged: a post's organisation has its embassy's country.
CREATE OR REPLACE FUNCTION casebridge_scope_mission_organisations() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN casebridge_scope_organisation() IS NULL THEN '{}'::uuid[] ELSE
    ARRAY[casebridge_scope_organisation()] || coalesce((
      SELECT array_agg(post.organisation_id ORDER BY post.organisation_id)
      FROM foreign_missions embassy
      JOIN foreign_missions post
        ON post.country_code = embassy.country_code AND post.mission_type <> 'embassy'
        AND post.organisation_id IS NOT NULL AND post.organisation_id <> embassy.organisation_id
      JOIN organisations post_organisation
        ON post_organisation.id = post.organisation_id AND post_organisation.kind = 'embassy' AND post_organisation.country_code = embassy.country_code
      WHERE embassy.organisation_id = casebridge_scope_organisation() AND embassy.mission_type = 'embassy'
    ), '{}'::uuid[])
  END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casebridge_scope_mission_organisations() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION casebridge_scope_mission_organisations() TO casebridge_embassy;
--> statement-breakpoint
-- The embassy's inbox names the post a notification went to, in the directory's three languages.
GRANT SELECT ON foreign_missions TO casebridge_embassy;
--> statement-breakpoint
DROP POLICY notifications_embassy_read ON notifications;
--> statement-breakpoint
CREATE POLICY notifications_embassy_read ON notifications FOR SELECT TO casebridge_embassy
  USING (embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[]));
--> statement-breakpoint
DROP POLICY notifications_embassy_update ON notifications;
--> statement-breakpoint
CREATE POLICY notifications_embassy_update ON notifications FOR UPDATE TO casebridge_embassy
  USING (embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[]) AND withdrawn_at IS NULL)
  WITH CHECK (embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[]));
--> statement-breakpoint
DROP POLICY notification_updates_embassy_read ON notification_updates;
--> statement-breakpoint
CREATE POLICY notification_updates_embassy_read ON notification_updates FOR SELECT TO casebridge_embassy
  USING (EXISTS (SELECT 1 FROM notifications WHERE notifications.id = notification_updates.notification_id AND notifications.embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[])));
--> statement-breakpoint
DROP POLICY notification_updates_embassy_update ON notification_updates;
--> statement-breakpoint
CREATE POLICY notification_updates_embassy_update ON notification_updates FOR UPDATE TO casebridge_embassy
  USING (EXISTS (SELECT 1 FROM notifications WHERE notifications.id = notification_updates.notification_id AND notifications.embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM notifications WHERE notifications.id = notification_updates.notification_id AND notifications.embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[])));
--> statement-breakpoint
DROP POLICY cases_embassy ON cases;
--> statement-breakpoint
CREATE POLICY cases_embassy ON cases FOR SELECT TO casebridge_embassy
  USING (EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cases.id AND notifications.embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[]) AND notifications.withdrawn_at IS NULL));
--> statement-breakpoint
DROP POLICY case_people_embassy ON case_people;
--> statement-breakpoint
CREATE POLICY case_people_embassy ON case_people FOR SELECT TO casebridge_embassy
  USING (
    casebridge_is_notified_national(nationality, other_nationalities, detention_status, notification_wish, dual_national_decision, casebridge_scope_country())
    AND casebridge_is_disclosed_to_embassy(role_in_case, consular_consent, disclosure_override_at)
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_people.case_id AND notifications.embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[]) AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY cooperation_actions_embassy_read ON cooperation_actions;
--> statement-breakpoint
CREATE POLICY cooperation_actions_embassy_read ON cooperation_actions FOR SELECT TO casebridge_embassy
  USING (
    embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[])
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cooperation_actions.case_id AND notifications.embassy_organisation_id = cooperation_actions.embassy_organisation_id AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY cooperation_actions_embassy_insert ON cooperation_actions;
--> statement-breakpoint
CREATE POLICY cooperation_actions_embassy_insert ON cooperation_actions FOR INSERT TO casebridge_embassy
  WITH CHECK (
    recorded_by_side = 'embassy' AND created_by = casebridge_scope_user()
    AND embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[])
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cooperation_actions.case_id AND notifications.embassy_organisation_id = cooperation_actions.embassy_organisation_id AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY cooperation_actions_embassy_update ON cooperation_actions;
--> statement-breakpoint
CREATE POLICY cooperation_actions_embassy_update ON cooperation_actions FOR UPDATE TO casebridge_embassy
  USING (
    embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[])
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cooperation_actions.case_id AND notifications.embassy_organisation_id = cooperation_actions.embassy_organisation_id AND notifications.withdrawn_at IS NULL)
  )
  WITH CHECK (embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[]));
--> statement-breakpoint
DROP POLICY case_messages_embassy_read ON case_messages;
--> statement-breakpoint
CREATE POLICY case_messages_embassy_read ON case_messages FOR SELECT TO casebridge_embassy
  USING (
    embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[])
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_messages.case_id AND notifications.embassy_organisation_id = case_messages.embassy_organisation_id AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY case_messages_embassy_insert ON case_messages;
--> statement-breakpoint
CREATE POLICY case_messages_embassy_insert ON case_messages FOR INSERT TO casebridge_embassy
  WITH CHECK (
    author_side = 'embassy' AND author_id = casebridge_scope_user()
    AND embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[])
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_messages.case_id AND notifications.embassy_organisation_id = case_messages.embassy_organisation_id AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY case_events_embassy_insert ON case_events;
--> statement-breakpoint
CREATE POLICY case_events_embassy_insert ON case_events FOR INSERT TO casebridge_embassy
  WITH CHECK (
    actor_user_id = casebridge_scope_user() AND actor_organisation_id = casebridge_scope_organisation()
    AND embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[])
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_events.case_id AND notifications.embassy_organisation_id = case_events.embassy_organisation_id AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY case_message_read_markers_embassy ON case_message_read_markers;
--> statement-breakpoint
CREATE POLICY case_message_read_markers_embassy ON case_message_read_markers FOR ALL TO casebridge_embassy
  USING (
    embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[])
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_message_read_markers.case_id AND notifications.embassy_organisation_id = case_message_read_markers.embassy_organisation_id AND notifications.withdrawn_at IS NULL)
  )
  WITH CHECK (
    reader_side = 'embassy' AND embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[])
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_message_read_markers.case_id AND notifications.embassy_organisation_id = case_message_read_markers.embassy_organisation_id AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY mail_deliveries_embassy_read ON mail_deliveries;
--> statement-breakpoint
CREATE POLICY mail_deliveries_embassy_read ON mail_deliveries FOR SELECT TO casebridge_embassy
  USING (
    mail_deliveries.organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.id = mail_deliveries.notification_id AND notifications.embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[]))
  );
--> statement-breakpoint
-- The embassy's unread badge sums its own counter row and its posts' (a primary-key lookup each).
DROP POLICY embassy_page_counters_embassy ON embassy_page_counters;
--> statement-breakpoint
CREATE POLICY embassy_page_counters_embassy ON embassy_page_counters FOR SELECT TO casebridge_embassy
  USING (embassy_organisation_id = ANY ((SELECT casebridge_scope_mission_organisations())::uuid[]));
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casebridge_embassy_case_people_count(target_case uuid) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*)::integer FROM case_people
  WHERE case_people.case_id = target_case
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = target_case AND notifications.embassy_organisation_id = ANY (casebridge_scope_mission_organisations()) AND notifications.withdrawn_at IS NULL)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casebridge_embassy_withheld_victims(target_case uuid)
RETURNS TABLE (id uuid, is_sensitive_victim boolean, created_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT case_people.id, case_people.is_sensitive_victim, case_people.created_at FROM case_people
  WHERE case_people.case_id = target_case
    AND casebridge_is_notified_national(case_people.nationality, case_people.other_nationalities, case_people.detention_status, case_people.notification_wish, case_people.dual_national_decision, casebridge_scope_country())
    AND NOT casebridge_is_disclosed_to_embassy(case_people.role_in_case, case_people.consular_consent, case_people.disclosure_override_at)
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = target_case AND notifications.embassy_organisation_id = ANY (casebridge_scope_mission_organisations()) AND notifications.withdrawn_at IS NULL)
$$;
