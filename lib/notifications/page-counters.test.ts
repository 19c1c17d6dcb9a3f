import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';
import { withTestDatabase } from '@/lib/testing/test-database';

withTestDatabase();

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

/** Every counter row that says something (the rebuild also writes all-zero rows for embassies without any), canonically. */
async function counterContents(): Promise<string[]> {
  const rows = rowsOf<{ row: Record<string, unknown> }>(await getDb().execute(sql`select to_jsonb(t) as row from embassy_page_counters t`));
  return rows
    .map(({ row }) => row)
    .filter((row) => Object.values(row).some((value) => typeof value === 'number' && value !== 0))
    .map((row) => JSON.stringify(row, Object.keys(row).sort()))
    .sort();
}

/** The counters the triggers kept, against a full recount from notifications and their updates. */
async function expectCountersExact(step: string) {
  const kept = await counterContents();
  await getDb().execute(sql`select page_counters_rebuild()`);
  expect(kept, step).toEqual(await counterContents());
}

/** Rows a statement changed: PGlite says `affectedRows`, postgres.js `count`. */
function changedRows(result: unknown): number {
  const outcome = result as { affectedRows?: number; count?: number };
  return outcome.affectedRows ?? outcome.count ?? 0;
}

/** One change (which must touch a row, or the step proves nothing), then the comparison. */
async function run(step: string, statement: ReturnType<typeof sql>) {
  expect(changedRows(await getDb().execute(statement)), `${step}: rows changed`).toBeGreaterThan(0);
  await expectCountersExact(step);
}

describe('embassy page counters', () => {
  beforeAll(async () => {
    await seedDemoData(getDb(), { now: new Date('2026-11-20T05:00:00Z') });
  });

  it('hold after the demo data is written through the application, and count something', async () => {
    const [totals] = rowsOf<{ unopened: number; unread: number; awaiting: number }>(
      await getDb().execute(sql`select coalesce(sum(unopened), 0)::int as unopened, coalesce(sum(unread_updates), 0)::int as unread, coalesce(sum(awaiting), 0)::int as awaiting from embassy_page_counters`),
    );
    expect(totals!.awaiting).toBeGreaterThan(0);
    expect(totals!.unopened + totals!.unread).toBeGreaterThan(0);
    await expectCountersExact('seeded');
  });

  it('stay exact after every kind of change to notifications and their updates', async () => {
    const someUser = sql`(select id from users order by email limit 1)`;
    const waiting = (limit: number) => sql`(select id from notifications where acknowledged_at is null and withdrawn_at is null order by id limit ${limit})`;
    await run('opened', sql`update notifications set first_opened_at = now(), first_opened_by = ${someUser} where id in (select id from notifications where first_opened_at is null order by id limit 2)`);
    await run('unopened again', sql`update notifications set first_opened_at = null, first_opened_by = null where id in (select id from notifications where first_opened_at is not null order by id limit 1)`);
    await run('acknowledged', sql`update notifications set acknowledged_at = now(), acknowledged_by = ${someUser} where id in ${waiting(2)}`);
    await run('acknowledgement undone', sql`update notifications set acknowledged_at = null, acknowledged_by = null where id in (select id from notifications where acknowledged_at is not null order by id limit 1)`);
    await run('made a detention notification', sql`update notifications set kind = 'detention' where id in (select id from notifications where kind <> 'detention' and acknowledged_at is null order by id limit 2)`);
    await run('made ordinary again', sql`update notifications set kind = 'ordinary' where id in (select id from notifications where kind = 'detention' order by id desc limit 1)`);
    // Updates: unread ones added (two to one notification in one statement), read, unread again.
    await run(
      'updates added',
      sql`insert into notification_updates (notification_id, kind) select id, 'national_added' from (select id from notifications where withdrawn_at is null order by id limit 3) n, generate_series(1, 2)`,
    );
    await run('updates read', sql`update notification_updates set read_at = now(), read_by = ${someUser} where id in (select id from notification_updates where read_at is null order by id limit 3)`);
    await run('an update unread again', sql`update notification_updates set read_at = null, read_by = null where id in (select id from notification_updates where read_at is not null order by id limit 1)`);
    // Withdrawn with unread updates: it counts nowhere, nor do they, nor a new update of it; then it comes back.
    const withUnread = sql`(select n.id from notifications n where n.withdrawn_at is null and n.first_opened_at is null and exists (select 1 from notification_updates u where u.notification_id = n.id and u.read_at is null) order by n.id limit 1)`;
    await run('withdrawn', sql`update notifications set withdrawn_at = now() where id in ${withUnread}`);
    await run('update of a withdrawn notification', sql`insert into notification_updates (notification_id, kind) select id, 'national_released' from notifications where withdrawn_at is not null order by id limit 1`);
    await run('update of a withdrawn notification read', sql`update notification_updates set read_at = now() where id in (select u.id from notification_updates u join notifications n on n.id = u.notification_id where n.withdrawn_at is not null and u.read_at is null order by u.id limit 1)`);
    await run('withdrawal undone', sql`update notifications set withdrawn_at = null where id in (select id from notifications where withdrawn_at is not null order by id limit 1)`);
    // Declined with unread updates (migration 0035): it no longer awaits, its updates leave the badge, a new one too.
    await run('declined', sql`update notifications set declined_at = now(), declined_by = ${someUser}, decline_reason = 'not_our_national' where id in ${withUnread}`);
    await run('update of a declined notification', sql`insert into notification_updates (notification_id, kind) select id, 'national_added' from notifications where declined_at is not null order by id limit 1`);
    await run('decline undone', sql`update notifications set declined_at = null, declined_by = null, decline_reason = null where id in (select id from notifications where declined_at is not null order by id limit 1)`);
    // An update moved to another embassy's notification, then deleted.
    await run(
      'update moved to another notification',
      sql`update notification_updates set notification_id = (select id from notifications order by id desc limit 1) where id in (select id from notification_updates where read_at is null order by id limit 1)`,
    );
    await run('update deleted', sql`delete from notification_updates where id in (select id from notification_updates where read_at is null order by id desc limit 1)`);
    // A notification handed to another embassy, with its unread updates.
    await run(
      'notification moved to another embassy',
      sql`update notifications n set embassy_organisation_id = (select o.id from organisations o where o.kind = 'embassy' and o.id <> n.embassy_organisation_id
            and not exists (select 1 from notifications x where x.case_id = n.case_id and x.embassy_organisation_id = o.id) order by o.id limit 1)
          where n.id in (select n2.id from notifications n2 where exists (select 1 from notification_updates u where u.notification_id = n2.id and u.read_at is null)
            -- a case some embassy has not been notified of (not every case is: which ones depends on the run's random ids)
            and exists (select 1 from organisations o where o.kind = 'embassy' and not exists (select 1 from notifications x where x.case_id = n2.case_id and x.embassy_organisation_id = o.id))
            order by n2.id limit 1)`,
    );
    // Notifications made by hand: for embassies that had none, and for one that had some.
    await run(
      'notifications added',
      sql`insert into notifications (case_id, embassy_organisation_id, kind, reason, manual_reason, created_at, due_at)
          select c.id, o.id, 'detention', 'manual', 'Counter test', now(), now() + interval '2 days'
          from (select id from cases order by reference_number limit 1) c
          cross join organisations o
          where o.kind = 'embassy' and not exists (select 1 from notifications n where n.case_id = c.id and n.embassy_organisation_id = o.id)`,
    );
    // Deletes: a notification with unread updates (they go by cascade), then a whole case.
    await run(
      'notification with unread updates deleted',
      sql`delete from notifications where id in (select n.id from notifications n where exists (select 1 from notification_updates u where u.notification_id = n.id and u.read_at is null) order by n.id limit 1)`,
    );
    await run('case deleted', sql`delete from cases where id in (select n.case_id from notifications n where exists (select 1 from notification_updates u where u.notification_id = n.id and u.read_at is null) order by n.id desc limit 1)`);
  });
});
