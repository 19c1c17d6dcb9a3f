import { eq, sql, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Transaction } from '@/db/client';
import { cases } from '@/db/schema';
import { listAuditEntries } from '@/lib/audit/queries';
import { emptyAuditFilters } from '@/lib/audit/schemas';
import type { Actor } from '@/lib/auth/actor';
import { changeCaseStatus, createCase } from '@/lib/cases/commands';
import { postCaseMessage, recordCooperationAction } from '@/lib/cooperation/commands';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { withActorScope } from './actor-scope';

// Row-level security is the second wall: these queries deliberately carry no scope of their own, as a
// data-access function with a forgotten WHERE clause would, and the policies alone must narrow them.
withTestDatabase();

type Row = Record<string, unknown>;

/** PGlite answers `execute` with `{ rows }`, postgres.js with the rows themselves. */
async function rawRows(tx: Transaction, query: SQL): Promise<Row[]> {
  const result = (await tx.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? [...result] : result.rows;
}

const scopedTables = ['cases', 'case_people', 'notifications', 'notification_updates', 'cooperation_actions', 'case_messages'] as const;

/** Every row of every scoped table the actor's transaction can see. */
async function visibleRows(actor: Actor): Promise<Record<(typeof scopedTables)[number], Row[]>> {
  return withActorScope(actor, async (tx) => ({
    cases: await rawRows(tx, sql`select * from cases`),
    case_people: await rawRows(tx, sql`select * from case_people`),
    notifications: await rawRows(tx, sql`select * from notifications`),
    notification_updates: await rawRows(tx, sql`select * from notification_updates`),
    cooperation_actions: await rawRows(tx, sql`select * from cooperation_actions`),
    case_messages: await rawRows(tx, sql`select * from case_messages`),
  }));
}

/** The database's own refusal, which drizzle wraps in an error of its own. */
async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return String((cause instanceof Error ? cause : (error as Error)).message);
  }
  throw new Error('expected the database to refuse');
}

const sorted = (values: unknown[]) => values.map(String).sort();

let kohKongOfficer: Actor;
let sihanoukOfficer: Actor;
let phnomPenhOfficer: Actor;
let china: Actor;
let vietnam: Actor;
let kohKongGovernor: Actor;
let ministry: Actor;
let admin: Actor;
let mixedCaseId: string;
let vietnameseCaseId: string;
let sihanoukCaseId: string;

beforeAll(async () => {
  const police = async (provinceCode: string) =>
    actorFor(await createUser({ role: 'police_supervisor', organisationId: (await createOrganisation({ kind: 'police', provinceCode })).id }));
  kohKongOfficer = await police('KKG');
  sihanoukOfficer = await police('PSN');
  phnomPenhOfficer = await police('PNH');
  const embassy = async (countryCode: string) =>
    actorFor(await createUser({ role: 'embassy_liaison', organisationId: (await createOrganisation({ kind: 'embassy', countryCode })).id }));
  china = await embassy('CN');
  vietnam = await embassy('VN');
  kohKongGovernor = await actorFor(await createUser({ role: 'governor_viewer', organisationId: (await createOrganisation({ kind: 'governor_office', provinceCode: 'KKG' })).id }));
  ministry = await actorFor(await createUser({ role: 'ministry_analyst' }));
  admin = await actorFor(await createUser({ role: 'admin' }));

  // Koh Kong: one case with a Chinese suspect, a Vietnamese victim and a Cambodian witness; one with a Vietnamese
  // witness only. Preah Sihanouk: one case with a Chinese suspect.
  mixedCaseId = (
    await createCase(
      kohKongOfficer,
      buildCaseInput({
        people: [
          buildPersonInput({ nationality: 'CN', detentionStatus: 'detained', detentionChangedAt: '2026-03-02T10:00' }),
          buildPersonInput({ nationality: 'VN', roleInCase: 'victim' }),
          buildPersonInput({ nationality: 'KH', roleInCase: 'witness' }),
        ],
      }),
    )
  ).id;
  vietnameseCaseId = (await createCase(kohKongOfficer, buildCaseInput({ people: [buildPersonInput({ nationality: 'VN', roleInCase: 'witness' })] }))).id;
  sihanoukCaseId = (await createCase(sihanoukOfficer, buildCaseInput({ provinceCode: 'PSN', people: [buildPersonInput({ nationality: 'CN' })] }))).id;
  // A status change appends an update to every notification of the case.
  await changeCaseStatus(kohKongOfficer, { caseId: mixedCaseId, version: 1, status: 'under_investigation', closureReason: '' });

  const thread = { actionType: 'consular_visit', status: 'requested', actionDate: '2026-03-05', description: 'Visit at the commissariat.', handlingCode: 'H0', handlingNote: '', respondsToId: '' } as const;
  await recordCooperationAction(china, { ...thread, caseId: mixedCaseId, embassyOrganisationId: '' });
  await recordCooperationAction(vietnam, { ...thread, caseId: vietnameseCaseId, embassyOrganisationId: '' });
  await postCaseMessage(kohKongOfficer, { caseId: mixedCaseId, embassyOrganisationId: china.organisationId, body: 'For the Chinese embassy.', handlingCode: 'H0', handlingNote: '' });
  await postCaseMessage(kohKongOfficer, { caseId: mixedCaseId, embassyOrganisationId: vietnam.organisationId, body: 'For the Vietnamese embassy.', handlingCode: 'H0', handlingNote: '' });
});

describe('row-level security under withActorScope', () => {
  it('shows an embassy only its notified cases, its own nationals, and its own notifications and threads', async () => {
    const rows = await visibleRows(china);
    expect(sorted(rows.cases.map((row) => row.id))).toEqual(sorted([mixedCaseId, sihanoukCaseId]));
    expect(rows.case_people).toHaveLength(2);
    expect(rows.case_people.every((row) => row.nationality === 'CN')).toBe(true);
    expect(rows.notifications).toHaveLength(2);
    expect(rows.notifications.every((row) => row.embassy_organisation_id === china.organisationId)).toBe(true);
    const ownNotificationIds = rows.notifications.map((row) => String(row.id));
    expect(rows.notification_updates.length).toBeGreaterThan(0);
    expect(rows.notification_updates.every((row) => ownNotificationIds.includes(String(row.notification_id)))).toBe(true);
    expect(rows.cooperation_actions.map((row) => [row.case_id, row.embassy_organisation_id])).toEqual([[mixedCaseId, china.organisationId]]);
    expect(rows.case_messages.map((row) => row.body)).toEqual(['For the Chinese embassy.']);

    const vietnamRows = await visibleRows(vietnam);
    expect(sorted(vietnamRows.cases.map((row) => row.id))).toEqual(sorted([mixedCaseId, vietnameseCaseId]));
    // The Vietnamese victim has not consented: her row is not readable at all (decision 009), the witness's is.
    expect(vietnamRows.case_people.map((row) => [row.nationality, row.role_in_case])).toEqual([['VN', 'witness']]);
    expect(vietnamRows.case_messages.map((row) => row.body)).toEqual(['For the Vietnamese embassy.']);
  });

  it('shows police and the governor\'s office their own province only, the ministry everything, an administrator no case data', async () => {
    const kohKong = await visibleRows(kohKongOfficer);
    expect(sorted(kohKong.cases.map((row) => row.id))).toEqual(sorted([mixedCaseId, vietnameseCaseId]));
    expect(kohKong.case_people).toHaveLength(4);
    expect(kohKong.cooperation_actions).toHaveLength(2);
    expect(kohKong.case_messages).toHaveLength(2);

    const sihanouk = await visibleRows(sihanoukOfficer);
    expect(sihanouk.cases.map((row) => row.id)).toEqual([sihanoukCaseId]);
    expect(sihanouk.case_people).toHaveLength(1);
    expect(sihanouk.cooperation_actions).toEqual([]);
    expect(sihanouk.case_messages).toEqual([]);

    const phnomPenh = await visibleRows(phnomPenhOfficer);
    for (const table of scopedTables) expect(phnomPenh[table], table).toEqual([]);

    const governor = await withActorScope(kohKongGovernor, (tx) => rawRows(tx, sql`select province_code from cases`));
    expect(governor.map((row) => row.province_code)).toEqual(['KKG', 'KKG']);
    const national = await withActorScope(ministry, (tx) => rawRows(tx, sql`select id from cases`));
    expect(national).toHaveLength(3);
    expect(await refusalOf(withActorScope(admin, (tx) => rawRows(tx, sql`select id from cases`)))).toMatch(/permission denied/);
  });

  it('shows nothing to a transaction of an application role without a scope', async () => {
    for (const role of ['casebridge_police', 'casebridge_embassy', 'casebridge_governor']) {
      const counts = await getDb().transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', ${role}, true)`);
        return rawRows(
          tx,
          sql`select (select count(*) from cases) as cases, (select count(*) from case_people) as people, (select count(*) from notifications) as notifications`,
        );
      });
      expect(Object.values(counts[0] ?? {}).map(Number), role).toEqual([0, 0, 0]);
    }
  });

  it('refuses writes outside the scope, whatever the query says', async () => {
    const intoOtherProvince = withActorScope(kohKongOfficer, (tx) =>
      tx.execute(sql`insert into cases (reference_number, reference_year, reference_sequence, province_code, crime_type, occurred_at, reported_at, title, created_by)
        values ('PSN-2026-999999', 2026, 999999, 'PSN', 'online_scam', now(), now(), 'Planted', ${kohKongOfficer.userId})`),
    );
    expect(await refusalOf(intoOtherProvince)).toMatch(/row-level security/);

    const intoUnnotifiedCase = withActorScope(china, (tx) =>
      tx.execute(sql`insert into cooperation_actions (case_id, embassy_organisation_id, action_type, recorded_by_side, created_by, action_date, description)
        values (${vietnameseCaseId}, ${china.organisationId}, 'consular_visit', 'embassy', ${china.userId}, '2026-03-05', 'Not ours')`),
    );
    expect(await refusalOf(intoUnnotifiedCase)).toMatch(/row-level security/);

    const asThePolice = withActorScope(china, (tx) =>
      tx.execute(sql`insert into case_messages (case_id, embassy_organisation_id, author_id, author_side, body)
        values (${mixedCaseId}, ${china.organisationId}, ${china.userId}, 'police', 'Pretending to be the police')`),
    );
    expect(await refusalOf(asThePolice)).toMatch(/row-level security/);

    // An update of another embassy's notification finds no row to change.
    const acknowledged = await withActorScope(china, (tx) =>
      rawRows(tx, sql`update notifications set acknowledged_at = now(), acknowledged_by = ${china.userId} where case_id = ${vietnameseCaseId} returning id`),
    );
    expect(acknowledged).toEqual([]);
  });

  it('lets the administrator find a case\'s audit entries by its reference number without reading the case', async () => {
    const [created] = await getDb().select({ referenceNumber: cases.referenceNumber }).from(cases).where(eq(cases.id, mixedCaseId));
    const page = await listAuditEntries(admin, { ...emptyAuditFilters, entityId: created?.referenceNumber ?? '' });
    expect(page.entries.map((entry) => entry.action)).toContain('case.create');
    expect(page.entries.every((entry) => entry.entityId === mixedCaseId || entry.entityId === created?.referenceNumber)).toBe(true);
  });

  it('leaves the owner, which the scripts connect as, unaffected', async () => {
    const rows = await getDb().transaction((tx) => rawRows(tx, sql`select count(*) as total from cases`));
    expect(Number(rows[0]?.total)).toBe(3);
  });

  it('joins the transaction of an enclosing scope of the same actor and refuses another actor inside it', async () => {
    await withActorScope(china, async (outer) => {
      await withActorScope(china, async (inner) => expect(inner).toBe(outer));
      await expect(withActorScope(vietnam, async () => undefined)).rejects.toThrow(/another user/);
    });
  });
});
