import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';
import { withTestDatabase } from '@/lib/testing/test-database';

withTestDatabase();

const rollupTables = [
  'summary_case_months',
  'summary_closure_months',
  'summary_case_nationalities',
  'summary_people_months',
  'summary_notification_months',
  'summary_action_months',
  'summary_case_countries',
  'summary_consular_months',
];
const listColumns = ['acknowledged_hours', 'pending_due_at', 'notified_hours', 'declined_notified_hours'];

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
        for (const column of listColumns) {
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

  it('keep the consular figures exact through every kind of change to people, notifications and official notifications', async () => {
    const db = getDb();
    // Second nationalities (a Cambodian dual national among them), rights read out and answered, a supervisor's decision.
    await db.execute(sql`update case_people set other_nationalities = '{TH}' where id in (select id from case_people where nationality = 'CN' order by id limit 3)`);
    await db.execute(sql`update case_people set other_nationalities = '{VN}' where id in (select id from case_people where nationality = 'KH' order by id limit 2)`);
    await db.execute(sql`update case_people set rights_informed_at = detention_changed_at, notification_wish = 'declines'
      where id in (select id from case_people where detention_status <> 'not_detained' and nationality <> 'KH' order by id limit 3)`);
    await db.execute(sql`update case_people set dual_national_decision = 'notify', dual_national_decided_at = now() where id in (select id from case_people where nationality = 'KH' and other_nationalities <> '{}' order by id limit 1)`);
    // Detention: someone detained, the time corrected, a release (the detention time stays), back to never detained.
    await db.execute(sql`update case_people set detention_status = 'detained', detention_changed_at = now() - interval '30 hours'
      where id in (select id from case_people where detention_status = 'not_detained' and nationality <> 'KH' order by id limit 3)`);
    await db.execute(sql`update case_people set detention_changed_at = detention_changed_at - interval '50 hours' where id in (select id from case_people where detention_status = 'detained' order by id desc limit 2)`);
    await db.execute(sql`update case_people set detention_status = 'released', detention_changed_at = now() where id in (select id from case_people where detention_status = 'detained' order by id limit 2)`);
    await db.execute(sql`update case_people set detention_status = 'not_detained', detention_changed_at = null, rights_informed_at = null, notification_wish = null
      where id in (select id from case_people where detention_status = 'released' order by id desc limit 1)`);
    // Notifications: one created later, one withdrawn, one removed; official notifications added (to cases the demo
    // data gave none for Indonesia), one recorded, then another withdrawn.
    await db.execute(sql`update notifications set created_at = created_at + interval '40 hours', due_at = due_at + interval '40 hours' where id in (select id from notifications where withdrawn_at is null order by id limit 2)`);
    await db.execute(sql`update notifications set withdrawn_at = now() where id in (select id from notifications where withdrawn_at is null order by id desc limit 1)`);
    await db.execute(sql`delete from notifications where id in (select id from notifications order by id desc limit 1)`);
    await db.execute(sql`insert into official_notifications (case_id, province_code, country_code, due_at)
      select distinct on (p.case_id) p.case_id, p.province_code, 'ID', now() + interval '1 day' from case_people p where p.detention_status <> 'not_detained'
      and not exists (select 1 from official_notifications o where o.case_id = p.case_id and o.country_code = 'ID') order by p.case_id limit 3`);
    await db.execute(sql`update case_people set other_nationalities = other_nationalities || '{ID}'
      where id in (select distinct on (p.case_id) p.id from case_people p join official_notifications f on f.case_id = p.case_id
        where f.country_code = 'ID' and p.nationality <> 'ID' and not ('ID' = any(p.other_nationalities)) order by p.case_id, p.id)`);
    await db.execute(sql`update official_notifications set method = 'email', informed_at = now(), informed_whom = 'Consular section' where id in (select id from official_notifications where country_code = 'ID' order by id limit 2)`);
    await db.execute(sql`update official_notifications set withdrawn_at = now() where id in (select id from official_notifications where informed_at is null and country_code = 'ID' order by id limit 1)`);
    await expectRollupsExact();
    // An embassy's organisation changes country; a case moves month; people and a whole case go.
    await db.execute(sql`update organisations set country_code = 'LA' where id in (select embassy_organisation_id from notifications order by id limit 1)`);
    await db.execute(sql`update cases set reported_at = reported_at - interval '45 days', occurred_at = occurred_at - interval '45 days'
      where id in (select case_id from official_notifications order by id limit 1)`);
    await db.execute(sql`delete from case_people where id in (select id from case_people where other_nationalities <> '{}' order by id limit 2)`);
    await db.execute(sql`delete from cases where id in (select case_id from official_notifications order by id desc limit 1)`);
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
