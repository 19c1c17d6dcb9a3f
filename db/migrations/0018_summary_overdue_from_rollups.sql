-- "Overdue" (unacknowledged with the deadline passed) depends on the moment of asking, so it cannot be a count
-- kept by triggers; counting it live joined every open notification of the period to its case (a third of a
-- second at a million cases). The rollup keeps the deadlines of the notifications still waiting instead, and
-- the summaries count those before now. A deadline changes (a detention shortens it), so the update trigger
-- now follows due_at as well.
CREATE OR REPLACE FUNCTION summary_add_notification(n notifications, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  province char(3);
  hours double precision := summary_hours_to_acknowledge(n);
  pending_due timestamptz := CASE WHEN n.acknowledged_at IS NULL THEN n.due_at END;
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
CREATE TRIGGER notifications_summary_update AFTER UPDATE OF case_id, embassy_organisation_id, created_at, acknowledged_at, due_at ON notifications FOR EACH ROW
WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.embassy_organisation_id IS DISTINCT FROM NEW.embassy_organisation_id
      OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.acknowledged_at IS DISTINCT FROM NEW.acknowledged_at OR OLD.due_at IS DISTINCT FROM NEW.due_at)
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
         coalesce(array_agg(n.due_at) FILTER (WHERE n.acknowledged_at IS NULL), '{}')
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
