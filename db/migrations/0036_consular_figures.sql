CREATE TABLE "summary_case_countries" (
	"case_id" uuid NOT NULL,
	"country_code" char(2) NOT NULL,
	"province_code" char(3) NOT NULL,
	"month" date NOT NULL,
	"involved" integer NOT NULL,
	"detained" integer NOT NULL,
	"declined" integer NOT NULL,
	"unnotified" integer NOT NULL,
	"unnotified_declined" integer NOT NULL,
	"notified_hours" double precision[] DEFAULT '{}' NOT NULL,
	"declined_notified_hours" double precision[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "summary_case_countries_pkey" PRIMARY KEY("case_id","country_code")
);
--> statement-breakpoint
CREATE TABLE "summary_consular_months" (
	"province_code" char(3) NOT NULL,
	"month" date NOT NULL,
	"country_code" char(2) NOT NULL,
	"involved" integer NOT NULL,
	"detained" integer NOT NULL,
	"declined" integer NOT NULL,
	"unnotified" integer NOT NULL,
	"unnotified_declined" integer NOT NULL,
	"notified_hours" double precision[] DEFAULT '{}' NOT NULL,
	"declined_notified_hours" double precision[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "summary_consular_months_pkey" PRIMARY KEY("province_code","month","country_code")
);
--> statement-breakpoint
ALTER TABLE "case_people" ADD COLUMN "detained_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "summary_case_countries" ADD CONSTRAINT "summary_case_countries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_people" ADD CONSTRAINT "case_people_detained_at_needs_detention" CHECK ("case_people"."detention_status" <> 'not_detained' or "case_people"."detained_at" is null);--> statement-breakpoint
-- Decision 024 (docs/decisions/024-consular-figures.md): per-country consular figures for the summaries.
--
-- The time of detention. `detention_changed_at` moves to the release when a detainee is released, so the time they
-- were detained is kept apart: the time recorded while detained (an officer correcting it corrects this too), kept
-- through the release, cleared when the person is recorded as never detained. A person first recorded as already
-- released keeps what the writer gave (the demo data knows it; the case form does not ask). A trigger, not
-- lib/cases, so that every writer (the case form, the API, the demo seed, the bulk load) keeps it in step.
CREATE OR REPLACE FUNCTION case_people_keep_detained_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.detained_at := CASE NEW.detention_status
    WHEN 'not_detained' THEN NULL
    WHEN 'detained' THEN NEW.detention_changed_at
    ELSE coalesce(CASE WHEN TG_OP = 'UPDATE' THEN OLD.detained_at END, NEW.detained_at)
  END;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER case_people_detained_at BEFORE INSERT OR UPDATE OF detention_status, detention_changed_at, detained_at ON case_people
FOR EACH ROW EXECUTE FUNCTION case_people_keep_detained_at();
--> statement-breakpoint
UPDATE case_people SET detained_at = detention_changed_at WHERE detention_status = 'detained';
--> statement-breakpoint
-- What each case adds per country, computed from the base tables (the rows summary_case_countries keeps). A person
-- counts under each nationality they hold but KH and XX. Notified: the earliest standing notification of the case
-- to any organisation of the country (an embassy or one of its posts), or the police's record of informing the
-- mission off CaseBridge, whichever came first. The hours run from detention to that moment, 0 when the country
-- already knew of the case before the detention. Who must be told follows casebridge_is_notified_national (0031)
-- but for the mandatory-country part, which the summaries apply when they read (it is admin data that changes).
-- Set-based, so the rebuild joins the tables once; the triggers read it one case at a time with case_id = a value,
-- which the planner carries into the notifications look-up (with case_id = ANY (…) it aggregated every notification).
CREATE OR REPLACE VIEW summary_consular_facts AS
SELECT p.case_id, country.code::char(2) AS country_code, c.province_code, summary_month(c.reported_at) AS month,
       count(*)::integer AS involved,
       count(*) FILTER (WHERE judged.is_detained)::integer AS detained,
       count(*) FILTER (WHERE judged.is_detained AND judged.has_declined)::integer AS declined,
       count(*) FILTER (WHERE judged.is_detained AND judged.may_be_told AND NOT judged.has_declined AND judged.notified_at IS NULL)::integer AS unnotified,
       count(*) FILTER (WHERE judged.is_detained AND judged.may_be_told AND judged.has_declined AND judged.notified_at IS NULL)::integer AS unnotified_declined,
       coalesce(array_agg(judged.hours) FILTER (WHERE judged.is_detained AND judged.may_be_told AND NOT judged.has_declined AND judged.hours IS NOT NULL), '{}') AS notified_hours,
       coalesce(array_agg(judged.hours) FILTER (WHERE judged.is_detained AND judged.may_be_told AND judged.has_declined AND judged.hours IS NOT NULL), '{}') AS declined_notified_hours
FROM case_people p
JOIN cases c ON c.id = p.case_id
CROSS JOIN LATERAL (SELECT DISTINCT held AS code FROM unnest(ARRAY[p.nationality::text] || p.other_nationalities) AS n(held) WHERE held NOT IN ('KH', 'XX')) country
LEFT JOIN (
  SELECT n.case_id, o.country_code, min(n.created_at) AS notified_at
  FROM notifications n JOIN organisations o ON o.id = n.embassy_organisation_id
  WHERE o.kind = 'embassy' AND n.withdrawn_at IS NULL
  GROUP BY n.case_id, o.country_code
) on_casebridge ON on_casebridge.case_id = p.case_id AND on_casebridge.country_code = country.code
LEFT JOIN official_notifications off_casebridge ON off_casebridge.case_id = p.case_id AND off_casebridge.country_code = country.code AND off_casebridge.withdrawn_at IS NULL
CROSS JOIN LATERAL (
  SELECT p.detention_status <> 'not_detained' AS is_detained,
         p.notification_wish IS NOT DISTINCT FROM 'declines' AS has_declined,
         NOT ((p.nationality = 'KH' OR 'KH' = ANY (p.other_nationalities)) AND p.dual_national_decision IS DISTINCT FROM 'notify') AS may_be_told,
         told.notified_at,
         CASE WHEN told.notified_at IS NOT NULL AND p.detained_at IS NOT NULL
           THEN greatest(0, extract(epoch FROM (told.notified_at - p.detained_at))::float8 / 3600) END AS hours
  FROM (SELECT least(on_casebridge.notified_at, off_casebridge.informed_at) AS notified_at) told
) judged
GROUP BY p.case_id, country.code, c.province_code, summary_month(c.reported_at);
--> statement-breakpoint
-- Concatenates hour arrays (the rebuild and the trigger sum them per rollup row).
CREATE AGGREGATE summary_hours_concat(double precision[]) (SFUNC = array_cat, STYPE = double precision[], INITCOND = '{}');
--> statement-breakpoint
-- `kept` without one occurrence of each value of `removed` (array_remove would remove every equal one). The values
-- compared were computed by the same expression from the same rows, so equality is exact.
CREATE OR REPLACE FUNCTION summary_hours_minus(kept double precision[], removed double precision[]) RETURNS double precision[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(k.hours ORDER BY k.position), '{}')
  FROM (SELECT u.hours, u.position, row_number() OVER (PARTITION BY u.hours ORDER BY u.position) AS occurrence
        FROM unnest(kept) WITH ORDINALITY AS u(hours, position)) k
  WHERE k.occurrence > (SELECT count(*) FROM unnest(removed) AS r(hours) WHERE r.hours = k.hours)
$$;
--> statement-breakpoint
-- Recomputes what the touched cases add and applies the difference to summary_consular_months. Exact for any
-- statement, with row triggers too: each call replaces the case's rows by what the tables say now, so a second call
-- for the same case in one statement finds nothing left to change.
CREATE OR REPLACE FUNCTION summary_refresh_case_countries(touched uuid[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  before_rows summary_case_countries[];
  after_rows summary_case_countries[];
  touched_case uuid;
  change record;
BEGIN
  WITH gone AS (DELETE FROM summary_case_countries WHERE case_id = ANY (touched) RETURNING *)
  SELECT coalesce(array_agg(gone::summary_case_countries), '{}') INTO before_rows FROM gone;
  FOREACH touched_case IN ARRAY ARRAY(SELECT DISTINCT unnest(touched)) LOOP
    INSERT INTO summary_case_countries (case_id, country_code, province_code, month, involved, detained, declined, unnotified, unnotified_declined, notified_hours, declined_notified_hours)
    SELECT case_id, country_code, province_code, month, involved, detained, declined, unnotified, unnotified_declined, notified_hours, declined_notified_hours
    FROM summary_consular_facts WHERE case_id = touched_case;
  END LOOP;
  SELECT coalesce(array_agg(made), '{}') INTO after_rows FROM summary_case_countries made WHERE made.case_id = ANY (touched);
  FOR change IN
    SELECT x.province_code, x.month, x.country_code,
           sum(x.sign * x.involved)::integer AS involved, sum(x.sign * x.detained)::integer AS detained, sum(x.sign * x.declined)::integer AS declined,
           sum(x.sign * x.unnotified)::integer AS unnotified, sum(x.sign * x.unnotified_declined)::integer AS unnotified_declined,
           summary_hours_concat(x.notified_hours) FILTER (WHERE x.sign < 0) AS removed_hours,
           summary_hours_concat(x.notified_hours) FILTER (WHERE x.sign > 0) AS added_hours,
           summary_hours_concat(x.declined_notified_hours) FILTER (WHERE x.sign < 0) AS removed_declined_hours,
           summary_hours_concat(x.declined_notified_hours) FILTER (WHERE x.sign > 0) AS added_declined_hours
    FROM (SELECT -1 AS sign, b.* FROM unnest(before_rows) b UNION ALL SELECT 1, a.* FROM unnest(after_rows) a) x
    GROUP BY x.province_code, x.month, x.country_code
  LOOP
    CONTINUE WHEN change.involved = 0 AND change.detained = 0 AND change.declined = 0 AND change.unnotified = 0 AND change.unnotified_declined = 0
      AND (SELECT array_agg(h ORDER BY h) FROM unnest(change.removed_hours) h) IS NOT DISTINCT FROM (SELECT array_agg(h ORDER BY h) FROM unnest(change.added_hours) h)
      AND (SELECT array_agg(h ORDER BY h) FROM unnest(change.removed_declined_hours) h) IS NOT DISTINCT FROM (SELECT array_agg(h ORDER BY h) FROM unnest(change.added_declined_hours) h);
    INSERT INTO summary_consular_months AS t (province_code, month, country_code, involved, detained, declined, unnotified, unnotified_declined, notified_hours, declined_notified_hours)
    VALUES (change.province_code, change.month, change.country_code, change.involved, change.detained, change.declined, change.unnotified, change.unnotified_declined,
            coalesce(change.added_hours, '{}'), coalesce(change.added_declined_hours, '{}'))
    ON CONFLICT (province_code, month, country_code) DO UPDATE
      SET involved = t.involved + excluded.involved, detained = t.detained + excluded.detained, declined = t.declined + excluded.declined,
          unnotified = t.unnotified + excluded.unnotified, unnotified_declined = t.unnotified_declined + excluded.unnotified_declined,
          notified_hours = summary_hours_minus(t.notified_hours, coalesce(change.removed_hours, '{}')) || excluded.notified_hours,
          declined_notified_hours = summary_hours_minus(t.declined_notified_hours, coalesce(change.removed_declined_hours, '{}')) || excluded.declined_notified_hours;
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION summary_track_case_countries() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN
    PERFORM summary_refresh_case_countries(ARRAY[NEW.id]);
  ELSIF TG_TABLE_NAME = 'organisations' THEN
    PERFORM summary_refresh_case_countries(ARRAY(SELECT DISTINCT case_id FROM notifications WHERE embassy_organisation_id = NEW.id));
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM summary_refresh_case_countries(ARRAY[NEW.case_id]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM summary_refresh_case_countries(ARRAY[OLD.case_id]);
  ELSE
    PERFORM summary_refresh_case_countries(ARRAY[OLD.case_id, NEW.case_id]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER case_people_consular_summary_insert_delete AFTER INSERT OR DELETE ON case_people FOR EACH ROW EXECUTE FUNCTION summary_track_case_countries();
--> statement-breakpoint
-- detention_changed_at is listed for detained_at's sake: an UPDATE OF trigger fires on the columns a statement sets,
-- not on those a BEFORE trigger changes.
CREATE TRIGGER case_people_consular_summary_update AFTER UPDATE OF case_id, nationality, other_nationalities, detention_status, detention_changed_at, detained_at, notification_wish, dual_national_decision ON case_people FOR EACH ROW
WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.nationality IS DISTINCT FROM NEW.nationality OR OLD.other_nationalities IS DISTINCT FROM NEW.other_nationalities
      OR OLD.detention_status IS DISTINCT FROM NEW.detention_status OR OLD.detained_at IS DISTINCT FROM NEW.detained_at
      OR OLD.notification_wish IS DISTINCT FROM NEW.notification_wish OR OLD.dual_national_decision IS DISTINCT FROM NEW.dual_national_decision)
EXECUTE FUNCTION summary_track_case_countries();
--> statement-breakpoint
CREATE TRIGGER notifications_consular_summary_insert_delete AFTER INSERT OR DELETE ON notifications FOR EACH ROW EXECUTE FUNCTION summary_track_case_countries();
--> statement-breakpoint
CREATE TRIGGER notifications_consular_summary_update AFTER UPDATE OF case_id, embassy_organisation_id, created_at, withdrawn_at ON notifications FOR EACH ROW
WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.embassy_organisation_id IS DISTINCT FROM NEW.embassy_organisation_id
      OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.withdrawn_at IS DISTINCT FROM NEW.withdrawn_at)
EXECUTE FUNCTION summary_track_case_countries();
--> statement-breakpoint
CREATE TRIGGER official_notifications_consular_summary_insert_delete AFTER INSERT OR DELETE ON official_notifications FOR EACH ROW EXECUTE FUNCTION summary_track_case_countries();
--> statement-breakpoint
CREATE TRIGGER official_notifications_consular_summary_update AFTER UPDATE OF case_id, country_code, informed_at, withdrawn_at ON official_notifications FOR EACH ROW
WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.country_code IS DISTINCT FROM NEW.country_code
      OR OLD.informed_at IS DISTINCT FROM NEW.informed_at OR OLD.withdrawn_at IS DISTINCT FROM NEW.withdrawn_at)
EXECUTE FUNCTION summary_track_case_countries();
--> statement-breakpoint
-- A case moving to another province or month moves its figures; a deleted case's people and notifications leave
-- first (summary_before_case_delete), taking its figures with them.
CREATE TRIGGER cases_consular_summary_update AFTER UPDATE OF province_code, reported_at ON cases FOR EACH ROW
WHEN (OLD.province_code IS DISTINCT FROM NEW.province_code OR OLD.reported_at IS DISTINCT FROM NEW.reported_at)
EXECUTE FUNCTION summary_track_case_countries();
--> statement-breakpoint
-- An organisation changing country changes which country its notifications notified.
CREATE TRIGGER organisations_consular_summary_update AFTER UPDATE OF country_code ON organisations FOR EACH ROW
WHEN (OLD.country_code IS DISTINCT FROM NEW.country_code)
EXECUTE FUNCTION summary_track_case_countries();
--> statement-breakpoint
-- The rollups of this migration, recomputed from the base tables (summary_rebuild calls it).
CREATE OR REPLACE FUNCTION summary_rebuild_consular() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM summary_case_countries;
  DELETE FROM summary_consular_months;
  INSERT INTO summary_case_countries (case_id, country_code, province_code, month, involved, detained, declined, unnotified, unnotified_declined, notified_hours, declined_notified_hours)
  SELECT case_id, country_code, province_code, month, involved, detained, declined, unnotified, unnotified_declined, notified_hours, declined_notified_hours
  FROM summary_consular_facts;
  INSERT INTO summary_consular_months (province_code, month, country_code, involved, detained, declined, unnotified, unnotified_declined, notified_hours, declined_notified_hours)
  SELECT province_code, month, country_code, sum(involved), sum(detained), sum(declined), sum(unnotified), sum(unnotified_declined),
         summary_hours_concat(notified_hours), summary_hours_concat(declined_notified_hours)
  FROM summary_case_countries GROUP BY 1, 2, 3;
END
$$;
--> statement-breakpoint
-- The body of migration 0028 with the consular rollups added at the end.
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
  PERFORM summary_rebuild_consular();
END
$$;
--> statement-breakpoint
SELECT summary_rebuild_consular();
--> statement-breakpoint
-- Figures without a person in them, read like the other rollups (migration 0021): a governor's office its own
-- province, the ministry every province. summary_case_countries is per case: nobody reads it but the triggers
-- (as their owner), and row-level security stays on it all the same.
GRANT SELECT ON summary_consular_months TO casebridge_governor, casebridge_ministry;
--> statement-breakpoint
ALTER TABLE summary_consular_months ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE summary_case_countries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY summary_consular_months_governor ON summary_consular_months FOR SELECT TO casebridge_governor USING (province_code = casebridge_scope_province());
--> statement-breakpoint
CREATE POLICY summary_consular_months_ministry ON summary_consular_months FOR SELECT TO casebridge_ministry USING (true);
--> statement-breakpoint
-- The summaries apply the mandatory-country rule when they read (reference data, like the provinces).
GRANT SELECT ON country_consular_rules TO casebridge_governor, casebridge_ministry;
