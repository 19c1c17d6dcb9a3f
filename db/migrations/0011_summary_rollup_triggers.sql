-- Summary rollups (db/schema/summaries.ts) kept exact by row triggers, in the transaction of the change itself.
-- The functions are SECURITY DEFINER: they maintain tables no signed-in user writes directly, and must see the
-- case of a person, notification or action whatever row-level security lets the acting user see.
-- Months are Cambodian (UTC+7, no daylight saving), as in lib/summaries/period.ts.
CREATE OR REPLACE FUNCTION summary_month(moment timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', (moment AT TIME ZONE 'UTC') + interval '7 hours')::date
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION summary_add_case(c cases, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO summary_case_months AS t (province_code, month, crime_type, status, cases)
  VALUES (c.province_code, summary_month(c.reported_at), c.crime_type, c.status, sign)
  ON CONFLICT (province_code, month, crime_type, status) DO UPDATE SET cases = t.cases + excluded.cases;
  IF c.closed_at IS NOT NULL THEN
    INSERT INTO summary_closure_months AS t (province_code, month, closed)
    VALUES (c.province_code, summary_month(c.closed_at), sign)
    ON CONFLICT (province_code, month) DO UPDATE SET closed = t.closed + excluded.closed;
  END IF;
END
$$;
--> statement-breakpoint
-- Adds (sign 1) or removes (sign -1) the people figures of a whole case under its province and month: used when a
-- case's reported month changes, which moves its people to another month.
CREATE OR REPLACE FUNCTION summary_add_case_people(c cases, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO summary_people_months AS t (province_code, month, nationality, cases, detained, still_detained)
  SELECT c.province_code, summary_month(c.reported_at), p.nationality, sign,
         sign * count(*) FILTER (WHERE p.detention_status IN ('detained', 'released')),
         sign * count(*) FILTER (WHERE p.detention_status = 'detained')
  FROM case_people p WHERE p.case_id = c.id GROUP BY p.nationality
  ON CONFLICT (province_code, month, nationality) DO UPDATE
    SET cases = t.cases + excluded.cases, detained = t.detained + excluded.detained, still_detained = t.still_detained + excluded.still_detained;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION summary_track_case() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM summary_add_case(OLD, -1);
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    PERFORM summary_add_case(OLD, -1);
    IF summary_month(OLD.reported_at) <> summary_month(NEW.reported_at) OR OLD.province_code <> NEW.province_code THEN
      PERFORM summary_add_case_people(OLD, -1);
      PERFORM summary_add_case_people(NEW, 1);
    END IF;
  END IF;
  PERFORM summary_add_case(NEW, 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cases_summary_insert_delete AFTER INSERT OR DELETE ON cases FOR EACH ROW EXECUTE FUNCTION summary_track_case();
--> statement-breakpoint
CREATE TRIGGER cases_summary_update AFTER UPDATE OF province_code, reported_at, crime_type, status, closed_at ON cases FOR EACH ROW
WHEN (OLD.province_code IS DISTINCT FROM NEW.province_code OR OLD.reported_at IS DISTINCT FROM NEW.reported_at
      OR OLD.crime_type IS DISTINCT FROM NEW.crime_type OR OLD.status IS DISTINCT FROM NEW.status OR OLD.closed_at IS DISTINCT FROM NEW.closed_at)
EXECUTE FUNCTION summary_track_case();
--> statement-breakpoint
-- The people of a deleted case leave the rollups while their case can still be found (the foreign keys would
-- delete them afterwards anyway); so do its notifications and cooperation actions.
CREATE OR REPLACE FUNCTION summary_before_case_delete() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM cooperation_actions WHERE case_id = OLD.id;
  DELETE FROM notifications WHERE case_id = OLD.id;
  DELETE FROM case_people WHERE case_id = OLD.id;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cases_summary_before_delete BEFORE DELETE ON cases FOR EACH ROW EXECUTE FUNCTION summary_before_case_delete();
--> statement-breakpoint
-- One person joining (sign 1) or leaving (sign -1) their case's figures. A case counts once per nationality:
-- summary_case_nationalities holds how many people of each nationality the case has, and the case is added when
-- that number becomes 1 and removed when it becomes 0. (Checking case_people itself would not do: a statement
-- inserting two people of one nationality fires both row triggers after both rows exist.)
CREATE OR REPLACE FUNCTION summary_add_person(p case_people, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  c cases;
  people_now integer;
BEGIN
  SELECT * INTO c FROM cases WHERE id = p.case_id;
  IF NOT FOUND THEN RETURN; END IF;
  INSERT INTO summary_case_nationalities AS t (case_id, nationality, people) VALUES (p.case_id, p.nationality, sign)
  ON CONFLICT (case_id, nationality) DO UPDATE SET people = t.people + excluded.people
  RETURNING people INTO people_now;
  IF people_now = 0 THEN
    DELETE FROM summary_case_nationalities WHERE case_id = p.case_id AND nationality = p.nationality;
  END IF;
  INSERT INTO summary_people_months AS t (province_code, month, nationality, cases, detained, still_detained)
  VALUES (
    c.province_code, summary_month(c.reported_at), p.nationality,
    CASE WHEN sign > 0 AND people_now = 1 THEN 1 WHEN sign < 0 AND people_now = 0 THEN -1 ELSE 0 END,
    CASE WHEN p.detention_status IN ('detained', 'released') THEN sign ELSE 0 END,
    CASE WHEN p.detention_status = 'detained' THEN sign ELSE 0 END)
  ON CONFLICT (province_code, month, nationality) DO UPDATE
    SET cases = t.cases + excluded.cases, detained = t.detained + excluded.detained, still_detained = t.still_detained + excluded.still_detained;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION summary_track_person() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM summary_add_person(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM summary_add_person(NEW, 1); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER case_people_summary_insert_delete AFTER INSERT OR DELETE ON case_people FOR EACH ROW EXECUTE FUNCTION summary_track_person();
--> statement-breakpoint
CREATE TRIGGER case_people_summary_update AFTER UPDATE OF case_id, nationality, detention_status ON case_people FOR EACH ROW
WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.nationality IS DISTINCT FROM NEW.nationality OR OLD.detention_status IS DISTINCT FROM NEW.detention_status)
EXECUTE FUNCTION summary_track_person();
--> statement-breakpoint
-- Hours from sending to acknowledgement, as lib/summaries reads them.
CREATE OR REPLACE FUNCTION summary_hours_to_acknowledge(n notifications) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$
  SELECT extract(epoch FROM (n.acknowledged_at - n.created_at))::float8 / 3600
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION summary_add_notification(n notifications, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  province char(3);
  hours double precision := summary_hours_to_acknowledge(n);
BEGIN
  SELECT province_code INTO province FROM cases WHERE id = n.case_id;
  IF NOT FOUND THEN RETURN; END IF;
  IF sign > 0 THEN
    INSERT INTO summary_notification_months AS t (province_code, month, embassy_organisation_id, sent, acknowledged, acknowledged_hours)
    VALUES (province, summary_month(n.created_at), n.embassy_organisation_id, 1, CASE WHEN hours IS NULL THEN 0 ELSE 1 END,
            CASE WHEN hours IS NULL THEN '{}'::float8[] ELSE ARRAY[hours] END)
    ON CONFLICT (province_code, month, embassy_organisation_id) DO UPDATE
      SET sent = t.sent + 1, acknowledged = t.acknowledged + excluded.acknowledged, acknowledged_hours = t.acknowledged_hours || excluded.acknowledged_hours;
  ELSE
    -- Removes one occurrence of the hours (array_remove would remove every equal one).
    UPDATE summary_notification_months t
    SET sent = t.sent - 1,
        acknowledged = t.acknowledged - CASE WHEN hours IS NULL THEN 0 ELSE 1 END,
        acknowledged_hours = CASE WHEN array_position(t.acknowledged_hours, hours) IS NULL THEN t.acknowledged_hours
          ELSE t.acknowledged_hours[:array_position(t.acknowledged_hours, hours) - 1] || t.acknowledged_hours[array_position(t.acknowledged_hours, hours) + 1:] END
    WHERE t.province_code = province AND t.month = summary_month(n.created_at) AND t.embassy_organisation_id = n.embassy_organisation_id;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION summary_track_notification() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM summary_add_notification(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM summary_add_notification(NEW, 1); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER notifications_summary_insert_delete AFTER INSERT OR DELETE ON notifications FOR EACH ROW EXECUTE FUNCTION summary_track_notification();
--> statement-breakpoint
CREATE TRIGGER notifications_summary_update AFTER UPDATE OF case_id, embassy_organisation_id, created_at, acknowledged_at ON notifications FOR EACH ROW
WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.embassy_organisation_id IS DISTINCT FROM NEW.embassy_organisation_id
      OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.acknowledged_at IS DISTINCT FROM NEW.acknowledged_at)
EXECUTE FUNCTION summary_track_notification();
--> statement-breakpoint
-- An action's own contribution: it counts as an action; one that answers nothing is a request, answered when it
-- is done or declined or when an answer to it exists.
CREATE OR REPLACE FUNCTION summary_add_action(a cooperation_actions, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  province char(3);
  is_request boolean := a.responds_to_id IS NULL;
  is_answered boolean;
BEGIN
  SELECT province_code INTO province FROM cases WHERE id = a.case_id;
  IF NOT FOUND THEN RETURN; END IF;
  is_answered := is_request AND (a.status IN ('done', 'declined') OR EXISTS (SELECT 1 FROM cooperation_actions r WHERE r.responds_to_id = a.id));
  INSERT INTO summary_action_months AS t (province_code, month, embassy_organisation_id, action_type, actions, requests, answered)
  VALUES (province, summary_month(a.created_at), a.embassy_organisation_id, a.action_type, sign,
          CASE WHEN is_request THEN sign ELSE 0 END, CASE WHEN is_answered THEN sign ELSE 0 END)
  ON CONFLICT (province_code, month, embassy_organisation_id, action_type) DO UPDATE
    SET actions = t.actions + excluded.actions, requests = t.requests + excluded.requests, answered = t.answered + excluded.answered;
END
$$;
--> statement-breakpoint
-- Whether an answer arriving or leaving changes its request's "answered": only when it is the request's only
-- answer and the request is neither done nor declined.
CREATE OR REPLACE FUNCTION summary_answer_changed(answer cooperation_actions, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  request cooperation_actions;
  province char(3);
BEGIN
  SELECT * INTO request FROM cooperation_actions WHERE id = answer.responds_to_id AND responds_to_id IS NULL;
  IF NOT FOUND OR request.status IN ('done', 'declined') THEN RETURN; END IF;
  IF EXISTS (SELECT 1 FROM cooperation_actions r WHERE r.responds_to_id = request.id AND r.id <> answer.id) THEN RETURN; END IF;
  SELECT province_code INTO province FROM cases WHERE id = request.case_id;
  IF NOT FOUND THEN RETURN; END IF;
  UPDATE summary_action_months SET answered = answered + sign
  WHERE province_code = province AND month = summary_month(request.created_at)
    AND embassy_organisation_id = request.embassy_organisation_id AND action_type = request.action_type;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION summary_track_action() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM summary_add_action(OLD, -1);
    IF OLD.responds_to_id IS NOT NULL THEN PERFORM summary_answer_changed(OLD, -1); END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM summary_add_action(NEW, 1);
    IF NEW.responds_to_id IS NOT NULL THEN PERFORM summary_answer_changed(NEW, 1); END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cooperation_actions_summary_insert_delete AFTER INSERT OR DELETE ON cooperation_actions FOR EACH ROW EXECUTE FUNCTION summary_track_action();
--> statement-breakpoint
CREATE TRIGGER cooperation_actions_summary_update AFTER UPDATE OF case_id, embassy_organisation_id, action_type, status, responds_to_id, created_at ON cooperation_actions FOR EACH ROW
WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.embassy_organisation_id IS DISTINCT FROM NEW.embassy_organisation_id
      OR OLD.action_type IS DISTINCT FROM NEW.action_type OR OLD.status IS DISTINCT FROM NEW.status
      OR OLD.responds_to_id IS DISTINCT FROM NEW.responds_to_id OR OLD.created_at IS DISTINCT FROM NEW.created_at)
EXECUTE FUNCTION summary_track_action();
--> statement-breakpoint
-- Recomputes every rollup from the base tables: after a bulk load that ran with the triggers off, and in the
-- test that compares what the triggers kept with what the tables say.
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
  INSERT INTO summary_notification_months (province_code, month, embassy_organisation_id, sent, acknowledged, acknowledged_hours)
  SELECT c.province_code, summary_month(n.created_at), n.embassy_organisation_id, count(*), count(n.acknowledged_at),
         coalesce(array_agg(summary_hours_to_acknowledge(n)) FILTER (WHERE n.acknowledged_at IS NOT NULL), '{}')
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
--> statement-breakpoint
-- Figures without a person in them: the summary readers may read them (the triggers write them as their owner).
GRANT SELECT ON summary_case_months, summary_closure_months, summary_people_months, summary_notification_months, summary_action_months
TO casebridge_governor, casebridge_ministry;
