-- Two corrections to what the database itself decides.
--
-- 1. A withdrawn notification (migration 0026: no national of the embassy's country remains in the case) no longer
--    opens the case to the embassy. Every embassy policy and security-definer function that asks "was this embassy
--    notified of the case?" now asks "… and is that notification still standing?". The embassy still reads the
--    notification itself and its updates (its inbox shows the withdrawal with its time); it may no longer update it,
--    so a withdrawn notification cannot be acknowledged even by a query that forgot to check.
-- 2. The rollups of cooperation requests counted a request "answered" from row triggers, and the AFTER ROW triggers
--    of one statement all see the statement's final state: deleting a request together with its answer (a case
--    delete does exactly that) left one "answered" behind. Statement-level triggers with transition tables now
--    compare each touched request before and after the statement, so any statement keeps the rollup exact.
--    Withdrawn notifications also stop counting as waiting in the overdue rollup (pending_due_at).
DROP POLICY notifications_embassy_update ON notifications;
--> statement-breakpoint
CREATE POLICY notifications_embassy_update ON notifications FOR UPDATE TO casebridge_embassy
  USING (embassy_organisation_id = casebridge_scope_organisation() AND withdrawn_at IS NULL)
  WITH CHECK (embassy_organisation_id = casebridge_scope_organisation());
--> statement-breakpoint
DROP POLICY cases_embassy ON cases;
--> statement-breakpoint
CREATE POLICY cases_embassy ON cases FOR SELECT TO casebridge_embassy
  USING (EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cases.id AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL));
--> statement-breakpoint
DROP POLICY case_people_embassy ON case_people;
--> statement-breakpoint
CREATE POLICY case_people_embassy ON case_people FOR SELECT TO casebridge_embassy
  USING (
    nationality = casebridge_scope_country()
    AND casebridge_is_disclosed_to_embassy(role_in_case, consular_consent, disclosure_override_at)
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_people.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY cooperation_actions_embassy_read ON cooperation_actions;
--> statement-breakpoint
CREATE POLICY cooperation_actions_embassy_read ON cooperation_actions FOR SELECT TO casebridge_embassy
  USING (
    embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cooperation_actions.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY cooperation_actions_embassy_insert ON cooperation_actions;
--> statement-breakpoint
CREATE POLICY cooperation_actions_embassy_insert ON cooperation_actions FOR INSERT TO casebridge_embassy
  WITH CHECK (
    recorded_by_side = 'embassy' AND created_by = casebridge_scope_user()
    AND embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cooperation_actions.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY cooperation_actions_embassy_update ON cooperation_actions;
--> statement-breakpoint
CREATE POLICY cooperation_actions_embassy_update ON cooperation_actions FOR UPDATE TO casebridge_embassy
  USING (
    embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = cooperation_actions.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
  )
  WITH CHECK (embassy_organisation_id = casebridge_scope_organisation());
--> statement-breakpoint
DROP POLICY case_messages_embassy_read ON case_messages;
--> statement-breakpoint
CREATE POLICY case_messages_embassy_read ON case_messages FOR SELECT TO casebridge_embassy
  USING (
    embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_messages.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY case_messages_embassy_insert ON case_messages;
--> statement-breakpoint
CREATE POLICY case_messages_embassy_insert ON case_messages FOR INSERT TO casebridge_embassy
  WITH CHECK (
    author_side = 'embassy' AND author_id = casebridge_scope_user()
    AND embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_messages.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY case_events_embassy_insert ON case_events;
--> statement-breakpoint
CREATE POLICY case_events_embassy_insert ON case_events FOR INSERT TO casebridge_embassy
  WITH CHECK (
    actor_user_id = casebridge_scope_user() AND actor_organisation_id = casebridge_scope_organisation()
    AND embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_events.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
DROP POLICY case_message_read_markers_embassy ON case_message_read_markers;
--> statement-breakpoint
CREATE POLICY case_message_read_markers_embassy ON case_message_read_markers FOR ALL TO casebridge_embassy
  USING (
    embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_message_read_markers.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
  )
  WITH CHECK (
    reader_side = 'embassy' AND embassy_organisation_id = casebridge_scope_organisation()
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = case_message_read_markers.case_id AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
  );
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casebridge_embassy_case_people_count(target_case uuid) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*)::integer FROM case_people
  WHERE case_people.case_id = target_case
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = target_case AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casebridge_embassy_withheld_victims(target_case uuid)
RETURNS TABLE (id uuid, is_sensitive_victim boolean, created_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT case_people.id, case_people.is_sensitive_victim, case_people.created_at FROM case_people
  WHERE case_people.case_id = target_case
    AND case_people.nationality = casebridge_scope_country()
    AND NOT casebridge_is_disclosed_to_embassy(case_people.role_in_case, case_people.consular_consent, case_people.disclosure_override_at)
    AND EXISTS (SELECT 1 FROM notifications WHERE notifications.case_id = target_case AND notifications.embassy_organisation_id = casebridge_scope_organisation() AND notifications.withdrawn_at IS NULL)
$$;
--> statement-breakpoint
-- The contributions of the touched actions (those the statement wrote and the requests they answer or answered),
-- in the table as it was before the statement and as it is after; their difference per rollup row is applied.
-- "Before" is the table now, with the statement's rows put back as they were: rows it inserted or changed are
-- taken out by id, their old versions added.
CREATE OR REPLACE FUNCTION summary_apply_action_changes(old_set cooperation_actions[], new_set cooperation_actions[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  WITH old_rows AS (SELECT * FROM unnest(old_set)),
  new_rows AS (SELECT * FROM unnest(new_set)),
  touched AS (
    SELECT id FROM old_rows UNION SELECT id FROM new_rows
    UNION SELECT responds_to_id FROM old_rows WHERE responds_to_id IS NOT NULL
    UNION SELECT responds_to_id FROM new_rows WHERE responds_to_id IS NOT NULL
  ),
  after_state AS (
    SELECT a.* FROM cooperation_actions a
    WHERE a.id IN (SELECT id FROM touched) OR a.responds_to_id IN (SELECT id FROM touched)
  ),
  before_state AS (
    SELECT * FROM after_state WHERE id NOT IN (SELECT id FROM new_rows)
    UNION ALL SELECT * FROM old_rows
  ),
  contributions AS (
    SELECT a.case_id, a.created_at, a.embassy_organisation_id, a.action_type, 1 AS sign, a.responds_to_id IS NULL AS is_request,
           a.responds_to_id IS NULL AND (a.status IN ('done', 'declined') OR EXISTS (SELECT 1 FROM after_state r WHERE r.responds_to_id = a.id)) AS is_answered
    FROM after_state a WHERE a.id IN (SELECT id FROM touched)
    UNION ALL
    SELECT b.case_id, b.created_at, b.embassy_organisation_id, b.action_type, -1, b.responds_to_id IS NULL,
           b.responds_to_id IS NULL AND (b.status IN ('done', 'declined') OR EXISTS (SELECT 1 FROM before_state r WHERE r.responds_to_id = b.id))
    FROM before_state b WHERE b.id IN (SELECT id FROM touched)
  ),
  deltas AS (
    SELECT c.province_code, summary_month(x.created_at) AS month, x.embassy_organisation_id, x.action_type,
           sum(x.sign) AS actions, sum(CASE WHEN x.is_request THEN x.sign ELSE 0 END) AS requests,
           sum(CASE WHEN x.is_answered THEN x.sign ELSE 0 END) AS answered
    FROM contributions x JOIN cases c ON c.id = x.case_id
    GROUP BY 1, 2, 3, 4
  )
  INSERT INTO summary_action_months AS t (province_code, month, embassy_organisation_id, action_type, actions, requests, answered)
  SELECT province_code, month, embassy_organisation_id, action_type, actions, requests, answered FROM deltas
  WHERE actions <> 0 OR requests <> 0 OR answered <> 0
  ON CONFLICT (province_code, month, embassy_organisation_id, action_type) DO UPDATE
    SET actions = t.actions + excluded.actions, requests = t.requests + excluded.requests, answered = t.answered + excluded.answered;
END
$$;
--> statement-breakpoint
-- PostgreSQL allows transition tables only on a trigger for one event, so there is one trigger per event.
CREATE OR REPLACE FUNCTION summary_track_actions_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM summary_apply_action_changes('{}'::cooperation_actions[], (SELECT array_agg(n::cooperation_actions) FROM new_rows n));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION summary_track_actions_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM summary_apply_action_changes((SELECT array_agg(o::cooperation_actions) FROM old_rows o), (SELECT array_agg(n::cooperation_actions) FROM new_rows n));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION summary_track_actions_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM summary_apply_action_changes((SELECT array_agg(o::cooperation_actions) FROM old_rows o), '{}'::cooperation_actions[]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER cooperation_actions_summary_insert_delete ON cooperation_actions;
--> statement-breakpoint
DROP TRIGGER cooperation_actions_summary_update ON cooperation_actions;
--> statement-breakpoint
DROP FUNCTION summary_track_action();
--> statement-breakpoint
DROP FUNCTION summary_answer_changed(cooperation_actions, integer);
--> statement-breakpoint
DROP FUNCTION summary_add_action(cooperation_actions, integer);
--> statement-breakpoint
CREATE TRIGGER cooperation_actions_summary_insert AFTER INSERT ON cooperation_actions
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION summary_track_actions_inserted();
--> statement-breakpoint
CREATE TRIGGER cooperation_actions_summary_update AFTER UPDATE ON cooperation_actions
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION summary_track_actions_updated();
--> statement-breakpoint
CREATE TRIGGER cooperation_actions_summary_delete AFTER DELETE ON cooperation_actions
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION summary_track_actions_deleted();
--> statement-breakpoint
-- A notification waits (and can become overdue) while it is neither acknowledged nor withdrawn.
CREATE OR REPLACE FUNCTION summary_pending_due(n notifications) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN n.acknowledged_at IS NULL AND n.withdrawn_at IS NULL THEN n.due_at END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION summary_add_notification(n notifications, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  province char(3);
  hours double precision := summary_hours_to_acknowledge(n);
  pending_due timestamptz := summary_pending_due(n);
BEGIN
  SELECT province_code INTO province FROM cases WHERE id = n.case_id;
  IF NOT FOUND THEN RETURN; END IF;
  IF sign > 0 THEN
    INSERT INTO summary_notification_months AS t (province_code, month, embassy_organisation_id, sent, acknowledged, acknowledged_hours, pending_due_at)
    VALUES (province, summary_month(n.created_at), n.embassy_organisation_id, 1, CASE WHEN hours IS NULL THEN 0 ELSE 1 END,
            CASE WHEN hours IS NULL THEN '{}'::float8[] ELSE ARRAY[hours] END,
            CASE WHEN pending_due IS NULL THEN '{}'::timestamptz[] ELSE ARRAY[pending_due] END)
    ON CONFLICT (province_code, month, embassy_organisation_id) DO UPDATE
      SET sent = t.sent + 1, acknowledged = t.acknowledged + excluded.acknowledged,
          acknowledged_hours = t.acknowledged_hours || excluded.acknowledged_hours,
          pending_due_at = t.pending_due_at || excluded.pending_due_at;
  ELSE
    -- Removes one occurrence of each value (array_remove would remove every equal one).
    UPDATE summary_notification_months t
    SET sent = t.sent - 1,
        acknowledged = t.acknowledged - CASE WHEN hours IS NULL THEN 0 ELSE 1 END,
        acknowledged_hours = CASE WHEN array_position(t.acknowledged_hours, hours) IS NULL THEN t.acknowledged_hours
          ELSE t.acknowledged_hours[:array_position(t.acknowledged_hours, hours) - 1] || t.acknowledged_hours[array_position(t.acknowledged_hours, hours) + 1:] END,
        pending_due_at = CASE WHEN array_position(t.pending_due_at, pending_due) IS NULL THEN t.pending_due_at
          ELSE t.pending_due_at[:array_position(t.pending_due_at, pending_due) - 1] || t.pending_due_at[array_position(t.pending_due_at, pending_due) + 1:] END
    WHERE t.province_code = province AND t.month = summary_month(n.created_at) AND t.embassy_organisation_id = n.embassy_organisation_id;
  END IF;
END
$$;
--> statement-breakpoint
DROP TRIGGER notifications_summary_update ON notifications;
--> statement-breakpoint
CREATE TRIGGER notifications_summary_update AFTER UPDATE OF case_id, embassy_organisation_id, created_at, acknowledged_at, due_at, withdrawn_at ON notifications FOR EACH ROW
WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.embassy_organisation_id IS DISTINCT FROM NEW.embassy_organisation_id
      OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.acknowledged_at IS DISTINCT FROM NEW.acknowledged_at OR OLD.due_at IS DISTINCT FROM NEW.due_at
      OR OLD.withdrawn_at IS DISTINCT FROM NEW.withdrawn_at)
EXECUTE FUNCTION summary_track_notification();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION summary_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM summary_case_months;
  DELETE FROM summary_closure_months;
  DELETE FROM summary_case_nationalities;
  DELETE FROM summary_people_months;
  DELETE FROM summary_notification_months;
  DELETE FROM summary_action_months;
  INSERT INTO summary_case_months (province_code, month, crime_type, status, cases)
  SELECT province_code, summary_month(reported_at), crime_type, status, count(*) FROM cases GROUP BY 1, 2, 3, 4;
  INSERT INTO summary_closure_months (province_code, month, closed)
  SELECT province_code, summary_month(closed_at), count(*) FROM cases WHERE closed_at IS NOT NULL GROUP BY 1, 2;
  INSERT INTO summary_case_nationalities (case_id, nationality, people)
  SELECT case_id, nationality, count(*) FROM case_people GROUP BY 1, 2;
  INSERT INTO summary_people_months (province_code, month, nationality, cases, detained, still_detained)
  SELECT c.province_code, summary_month(c.reported_at), p.nationality, count(DISTINCT p.case_id),
         count(*) FILTER (WHERE p.detention_status IN ('detained', 'released')), count(*) FILTER (WHERE p.detention_status = 'detained')
  FROM case_people p JOIN cases c ON c.id = p.case_id GROUP BY 1, 2, 3;
  INSERT INTO summary_notification_months (province_code, month, embassy_organisation_id, sent, acknowledged, acknowledged_hours, pending_due_at)
  SELECT c.province_code, summary_month(n.created_at), n.embassy_organisation_id, count(*), count(n.acknowledged_at),
         coalesce(array_agg(summary_hours_to_acknowledge(n)) FILTER (WHERE n.acknowledged_at IS NOT NULL), '{}'),
         coalesce(array_agg(summary_pending_due(n)) FILTER (WHERE summary_pending_due(n) IS NOT NULL), '{}')
  FROM notifications n JOIN cases c ON c.id = n.case_id GROUP BY 1, 2, 3;
  INSERT INTO summary_action_months (province_code, month, embassy_organisation_id, action_type, actions, requests, answered)
  SELECT c.province_code, summary_month(a.created_at), a.embassy_organisation_id, a.action_type, count(*),
         count(*) FILTER (WHERE a.responds_to_id IS NULL),
         count(*) FILTER (WHERE a.responds_to_id IS NULL AND (a.status IN ('done', 'declined') OR answered.request_id IS NOT NULL))
  FROM cooperation_actions a
  JOIN cases c ON c.id = a.case_id
  LEFT JOIN (SELECT DISTINCT responds_to_id AS request_id FROM cooperation_actions WHERE responds_to_id IS NOT NULL) answered ON answered.request_id = a.id
  GROUP BY 1, 2, 3, 4;
END
$$;
--> statement-breakpoint
SELECT summary_rebuild();
