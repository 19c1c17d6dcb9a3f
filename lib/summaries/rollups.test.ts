import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';
import { withTestDatabase } from '@/lib/testing/test-database';

withTestDatabase();

const rollupTables = ['summary_case_months', 'summary_closure_months', 'summary_case_nationalities', 'summary_people_months', 'summary_notification_months', 'summary_action_months'];

/**
 * Every rollup row that says something (a row the triggers brought back to all zeros says nothing, and the
 * rebuild leaves it out), in one canonical text form. The hours and deadlines of a month are compared as sorted
 * lists: the triggers append them in the order things happened.
 */
async function rollupContents(): Promise<Record<string, string[]>> {
  const contents: Record<string, string[]> = {};
  for (const table of rollupTables) {
    const result = await getDb().execute(sql`select to_jsonb(t) as row from ${sql.identifier(table)} t`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { row: Record<string, unknown> }[];
    contents[table] = rows
      .map(({ row }) => {
        for (const column of ['acknowledged_hours', 'pending_due_at']) {
          if (Array.isArray(row[column])) row[column] = [...(row[column] as (number | string)[])].map((value) => (typeof value === 'string' ? Date.parse(value) : value)).sort((a, b) => a - b);
        }
        return row;
      })
      .filter((row) => Object.values(row).some((value) => typeof value === 'number' && value !== 0))
      .map((row) => JSON.stringify(row, Object.keys(row).sort()))
      .sort();
  }
  return contents;
}

async function expectRollupsExact() {
  const kept = await rollupContents();
  await getDb().execute(sql`select summary_rebuild()`);
  const rebuilt = await rollupContents();
  for (const table of rollupTables) expect(kept[table], table).toEqual(rebuilt[table]);
}

describe('summary rollups', () => {
  beforeAll(async () => {
    await seedDemoData(getDb(), { now: new Date('2026-11-20T05:00:00Z') });
  });

  it('hold after the demo data is written through the application', async () => {
    const [row] = ((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows))(
      await getDb().execute(sql`select (select coalesce(sum(cases), 0)::int from summary_case_months) as rolled, (select count(*)::int from cases) as cases`),
    ) as { rolled: number; cases: number }[];
    expect(row!.cases).toBeGreaterThan(0);
    expect(row!.rolled).toBe(row!.cases);
    await expectRollupsExact();
  });

  it('stay exact through every kind of change to cases, people, notifications and actions', async () => {
    const db = getDb();
    // A case moves to another month and is closed; another is reopened.
    await db.execute(sql`update cases set reported_at = reported_at - interval '40 days', occurred_at = occurred_at - interval '40 days'
      where id in (select id from cases order by reference_number limit 3)`);
    await db.execute(sql`update cases set status = 'closed', closure_reason = 'solved', closed_at = now()
      where id in (select id from cases where status <> 'closed' order by reference_number limit 2)`);
    await db.execute(sql`update cases set status = 'under_investigation', closure_reason = null, closed_at = null
      where id in (select id from cases where status = 'closed' order by reference_number desc limit 1)`);
    // People: a second national of the same country in one statement, a change of nationality, detention, release, removal.
    await db.execute(sql`insert into case_people (case_id, province_code, role_in_case, latin_name, nationality, detention_status, detention_changed_at)
      select id, province_code, 'witness', 'Rollup Witness ' || n, 'CN', 'detained', now() from (select id, province_code from cases order by reference_number limit 2) c, generate_series(1, 2) n`);
    await db.execute(sql`update case_people set nationality = 'VN' where id in (select id from case_people where nationality = 'CN' order by id limit 2)`);
    await db.execute(sql`update case_people set detention_status = 'released' where id in (select id from case_people where detention_status = 'detained' order by id limit 2)`);
    await db.execute(sql`delete from case_people where id in (select id from case_people order by id desc limit 3)`);
    // Notifications acknowledged, one un-acknowledged, one re-dated.
    await db.execute(sql`update notifications set acknowledged_at = created_at + interval '3 hours', acknowledged_by = (select id from users order by email limit 1) where id in (select id from notifications where acknowledged_at is null order by id limit 2)`);
    await db.execute(sql`update notifications set acknowledged_at = null, acknowledged_by = null where id in (select id from notifications where acknowledged_at is not null order by id limit 1)`);
    await db.execute(sql`update notifications set created_at = created_at - interval '35 days', due_at = due_at - interval '35 days'
      where id in (select id from notifications order by id desc limit 1)`);
    await db.execute(sql`update notifications set due_at = due_at - interval '6 hours', kind = 'detention'
      where id in (select id from notifications where acknowledged_at is null order by id desc limit 2)`);
    // A waiting notification withdrawn (its case no longer has a national of the embassy's country).
    await db.execute(sql`update notifications set withdrawn_at = now() where id in (select id from notifications where acknowledged_at is null order by id limit 1)`);
    // A waiting notification declined by its embassy (migration 0035): it stops waiting, as a withdrawn one does.
    await db.execute(sql`update notifications set declined_at = now(), declined_by = (select id from users order by email limit 1), decline_reason = 'not_our_national'
      where id in (select id from notifications where acknowledged_at is null and withdrawn_at is null order by id limit 1)`);
    // Cooperation: a request answered by the other side, an answer withdrawn, statuses changed.
    await db.execute(sql`insert into cooperation_actions (case_id, embassy_organisation_id, action_type, status, recorded_by_side, created_by, action_date, description, responds_to_id)
      select r.case_id, r.embassy_organisation_id, r.action_type, 'done', 'embassy', r.created_by, current_date, 'Answered for the rollup test', r.id
      from cooperation_actions r where r.responds_to_id is null and r.status in ('requested', 'in_progress') order by r.id limit 2`);
    await db.execute(sql`delete from cooperation_actions where id in (select id from cooperation_actions where responds_to_id is not null order by id limit 1)`);
    await db.execute(sql`update cooperation_actions set status = 'declined' where id in (select id from cooperation_actions where responds_to_id is null and status = 'requested' order by id limit 2)`);
    // A whole case goes.
    await db.execute(sql`delete from cases where id in (select case_id from notifications order by id limit 1)`);
    await expectRollupsExact();
  });

  // The row triggers this replaced saw one statement's final state from every row and lost an "answered" when a
  // request and its answer went together (as a case delete takes them); the statement triggers compare before and after.
  it('count a request and its answer written or deleted in one statement exactly', async () => {
    const db = getDb();
    const rows = await db.execute(sql`select id::text from cooperation_actions where responds_to_id is null and status = 'requested'
      and not exists (select 1 from cooperation_actions r where r.responds_to_id = cooperation_actions.id) order by id limit 1`);
    const [request] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { id: string }[];
    expect(request).toBeDefined();
    await db.execute(sql`insert into cooperation_actions (case_id, embassy_organisation_id, action_type, status, recorded_by_side, created_by, action_date, description, responds_to_id)
      select case_id, embassy_organisation_id, action_type, 'done', 'embassy', created_by, current_date, 'An answer', id from cooperation_actions where id = ${request!.id}`);
    await expectRollupsExact();
    await db.execute(sql`delete from cooperation_actions where id = ${request!.id} or responds_to_id = ${request!.id}`);
    await expectRollupsExact();
    await db.execute(sql`with template as (select case_id, embassy_organisation_id, action_type, created_by from cooperation_actions order by id limit 1),
      ids as (select gen_random_uuid() as request_id)
      insert into cooperation_actions (id, case_id, embassy_organisation_id, action_type, status, recorded_by_side, created_by, action_date, description, responds_to_id)
      select ids.request_id, t.case_id, t.embassy_organisation_id, t.action_type, 'requested'::cooperation_action_status, 'police'::cooperation_side, t.created_by, current_date, 'A request', null::uuid from template t, ids
      union all
      select gen_random_uuid(), t.case_id, t.embassy_organisation_id, t.action_type, 'done', 'embassy', t.created_by, current_date, 'Its answer', ids.request_id from template t, ids`);
    await expectRollupsExact();
  });
});
