CREATE TABLE "embassy_page_counters" (
	"embassy_organisation_id" uuid PRIMARY KEY NOT NULL,
	"unopened" integer DEFAULT 0 NOT NULL,
	"unread_updates" integer DEFAULT 0 NOT NULL,
	"awaiting" integer DEFAULT 0 NOT NULL,
	"detention_awaiting" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "embassy_page_counters" ADD CONSTRAINT "embassy_page_counters_embassy_organisation_id_organisations_id_fk" FOREIGN KEY ("embassy_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The counters (db/schema/counters.ts) are written by the SECURITY DEFINER functions below only. An embassy reads
-- its own row; no other role reads them (the summaries keep their own rollups).
ALTER TABLE "embassy_page_counters" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON embassy_page_counters TO casebridge_embassy;
--> statement-breakpoint
CREATE POLICY embassy_page_counters_embassy ON embassy_page_counters FOR SELECT TO casebridge_embassy
  USING (embassy_organisation_id = casebridge_scope_organisation());
--> statement-breakpoint
CREATE OR REPLACE FUNCTION page_counters_add(embassy uuid, unopened_delta integer, unread_delta integer, awaiting_delta integer, detention_delta integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF unopened_delta = 0 AND unread_delta = 0 AND awaiting_delta = 0 AND detention_delta = 0 THEN
    RETURN;
  END IF;
  INSERT INTO embassy_page_counters AS t (embassy_organisation_id, unopened, unread_updates, awaiting, detention_awaiting)
  VALUES (embassy, unopened_delta, unread_delta, awaiting_delta, detention_delta)
  ON CONFLICT (embassy_organisation_id) DO UPDATE
    SET unopened = t.unopened + excluded.unopened, unread_updates = t.unread_updates + excluded.unread_updates,
        awaiting = t.awaiting + excluded.awaiting, detention_awaiting = t.detention_awaiting + excluded.detention_awaiting;
END
$$;
--> statement-breakpoint
-- A notification's own part of its embassy's counters (sign 1 adds it, -1 removes it); its updates count apart.
CREATE OR REPLACE FUNCTION page_counters_add_notification(n notifications, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  waiting boolean := n.acknowledged_at IS NULL AND n.withdrawn_at IS NULL;
BEGIN
  PERFORM page_counters_add(n.embassy_organisation_id,
    sign * (n.first_opened_at IS NULL AND n.withdrawn_at IS NULL)::int,
    0,
    sign * waiting::int,
    sign * (waiting AND n.kind = 'detention')::int);
END
$$;
--> statement-breakpoint
-- The unread updates of a notification, counted for its embassy while it is not withdrawn.
CREATE OR REPLACE FUNCTION page_counters_add_unread_updates(n notifications, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF n.withdrawn_at IS NOT NULL THEN
    RETURN;
  END IF;
  PERFORM page_counters_add(n.embassy_organisation_id, 0,
    sign * (SELECT count(*)::int FROM notification_updates u WHERE u.notification_id = n.id AND u.read_at IS NULL), 0, 0);
END
$$;
--> statement-breakpoint
-- AFTER INSERT / UPDATE and BEFORE DELETE: a deleted notification takes its unread updates with it (ON DELETE
-- CASCADE), and they must still be there to be counted out; their own delete trigger then finds no
-- notification and leaves the counters alone.
CREATE OR REPLACE FUNCTION page_counters_track_notification() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM page_counters_add_notification(OLD, -1);
    PERFORM page_counters_add_unread_updates(OLD, -1);
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    PERFORM page_counters_add_notification(OLD, -1);
    IF OLD.embassy_organisation_id IS DISTINCT FROM NEW.embassy_organisation_id OR (OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL) THEN
      PERFORM page_counters_add_unread_updates(OLD, -1);
      PERFORM page_counters_add_unread_updates(NEW, 1);
    END IF;
  END IF;
  PERFORM page_counters_add_notification(NEW, 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER notifications_page_counters_insert AFTER INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION page_counters_track_notification();
--> statement-breakpoint
CREATE TRIGGER notifications_page_counters_delete BEFORE DELETE ON notifications FOR EACH ROW EXECUTE FUNCTION page_counters_track_notification();
--> statement-breakpoint
CREATE TRIGGER notifications_page_counters_update AFTER UPDATE OF embassy_organisation_id, first_opened_at, acknowledged_at, withdrawn_at, kind ON notifications FOR EACH ROW
WHEN (OLD.embassy_organisation_id IS DISTINCT FROM NEW.embassy_organisation_id OR (OLD.first_opened_at IS NULL) <> (NEW.first_opened_at IS NULL)
      OR (OLD.acknowledged_at IS NULL) <> (NEW.acknowledged_at IS NULL) OR (OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL) OR OLD.kind IS DISTINCT FROM NEW.kind)
EXECUTE FUNCTION page_counters_track_notification();
--> statement-breakpoint
-- An update's part: one unread update of a notification not withdrawn. A notification being deleted is no
-- longer visible here, so the updates its delete cascades to are not counted out twice.
CREATE OR REPLACE FUNCTION page_counters_add_update(u notification_updates, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  embassy uuid;
BEGIN
  IF u.read_at IS NOT NULL THEN
    RETURN;
  END IF;
  SELECT n.embassy_organisation_id INTO embassy FROM notifications n WHERE n.id = u.notification_id AND n.withdrawn_at IS NULL;
  IF embassy IS NOT NULL THEN
    PERFORM page_counters_add(embassy, 0, sign, 0, 0);
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION page_counters_track_update() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM page_counters_add_update(OLD, -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM page_counters_add_update(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER notification_updates_page_counters_insert_delete AFTER INSERT OR DELETE ON notification_updates FOR EACH ROW EXECUTE FUNCTION page_counters_track_update();
--> statement-breakpoint
CREATE TRIGGER notification_updates_page_counters_update AFTER UPDATE OF notification_id, read_at ON notification_updates FOR EACH ROW
WHEN (OLD.notification_id IS DISTINCT FROM NEW.notification_id OR (OLD.read_at IS NULL) <> (NEW.read_at IS NULL))
EXECUTE FUNCTION page_counters_track_update();
--> statement-breakpoint
-- Every counter from the base tables: after a bulk load (which turns the triggers off), and in the test.
-- Every embassy gets a row, zeros included, so the navigation always finds one.
CREATE OR REPLACE FUNCTION page_counters_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM embassy_page_counters;
  INSERT INTO embassy_page_counters (embassy_organisation_id, unopened, unread_updates, awaiting, detention_awaiting)
  SELECT o.id,
         coalesce(n.unopened, 0), coalesce(u.unread, 0), coalesce(n.awaiting, 0), coalesce(n.detention, 0)
  FROM organisations o
  LEFT JOIN (
    SELECT embassy_organisation_id,
           count(*) FILTER (WHERE first_opened_at IS NULL)::int AS unopened,
           count(*) FILTER (WHERE acknowledged_at IS NULL)::int AS awaiting,
           count(*) FILTER (WHERE acknowledged_at IS NULL AND kind = 'detention')::int AS detention
    FROM notifications WHERE withdrawn_at IS NULL GROUP BY embassy_organisation_id
  ) n ON n.embassy_organisation_id = o.id
  LEFT JOIN (
    SELECT n.embassy_organisation_id, count(*)::int AS unread
    FROM notification_updates x JOIN notifications n ON n.id = x.notification_id
    WHERE x.read_at IS NULL AND n.withdrawn_at IS NULL GROUP BY n.embassy_organisation_id
  ) u ON u.embassy_organisation_id = o.id
  WHERE o.kind = 'embassy' OR n.embassy_organisation_id IS NOT NULL OR u.embassy_organisation_id IS NOT NULL;
END
$$;
--> statement-breakpoint
SELECT page_counters_rebuild();
