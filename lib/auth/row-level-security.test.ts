import { eq, sql, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Transaction } from '@/db/client';
import { casePeople, webhookDeliveries } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { addCaseNote, createCase } from '@/lib/cases/commands';
import { overrideDisclosure, recordConsent } from '@/lib/disclosure/commands';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { registerWebhookEndpoint } from '@/lib/webhooks/commands';
import { withActorScope } from './actor-scope';

// Every table a casebridge_* role can read or write is under row-level security with a policy for that role,
// and the policies hold when a query carries no scope of its own (decisions 004 and 009).
withTestDatabase();

type Row = Record<string, unknown>;

/** PGlite answers `execute` with `{ rows }`, postgres.js with the rows themselves. */
async function rawRows(db: Pick<Transaction, 'execute'>, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? [...result] : result.rows;
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

/** Tables a role may reach without a row-level policy, each for a reason that holds for every row. */
const withoutRowPolicies: Record<string, string> = {
  provinces: 'reference data, the same 25 provinces for everyone',
  organisations: 'the directory of forces, embassies and offices: names and kinds, shown to every role',
  users: 'granted column by column: names and roles of colleagues and counterparts, never hashes or secrets',
  audit_log: 'every role appends (the chain trigger runs as its owner); only the platform administrator reads, all of it',
  user_invitations: 'the platform administrator manages every account\'s invitation links',
  foreign_missions: 'the directory of foreign missions and their official contacts, the same for every officer (the police notify the ones off CaseBridge)',
  mission_districts: 'which provinces each consular post covers: reference data',
  country_consular_rules: 'which countries must be notified whatever the detainee wishes: reference data',
};

const commands = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;

describe('the catalog', () => {
  it('puts every table a casebridge role can reach under row-level security with a policy for that role and command', async () => {
    const reachable = await rawRows(
      getDb(),
      sql`select roles.rolname as role, tables.relname as "table", tables.relrowsecurity as "isSecured", command
        from pg_class tables
        join pg_namespace on pg_namespace.oid = tables.relnamespace and pg_namespace.nspname = 'public'
        cross join pg_roles roles
        cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE']) command
        where tables.relkind in ('r', 'p') and roles.rolname like 'casebridge\\_%'
          -- DELETE is granted on whole tables only; the others may be granted column by column.
          and case command when 'DELETE' then has_table_privilege(roles.rolname, tables.oid, command) else has_any_column_privilege(roles.rolname, tables.oid, command) end
        order by 1, 2, 4`,
    );
    const policies = await rawRows(getDb(), sql`select tablename as "table", policy_role as role, cmd from pg_policies, unnest(roles) policy_role where schemaname = 'public'`);
    const hasPolicy = (table: string, role: string, command: string) =>
      policies.some((policy) => policy.table === table && policy.role === role && (policy.cmd === command || policy.cmd === 'ALL'));

    expect(reachable.map((row) => row.command)).toEqual(expect.arrayContaining([...commands]));
    const unguarded = reachable
      .filter((row) => !(String(row.table) in withoutRowPolicies))
      .filter((row) => !row.isSecured || !hasPolicy(String(row.table), String(row.role), String(row.command)))
      .map((row) => `${row.role} ${row.command} ${row.table}`);
    expect(unguarded).toEqual([]);
    // The allow-list names only tables some role can still reach: a stale entry would hide a future table.
    const reachedTables = new Set(reachable.map((row) => String(row.table)));
    expect(Object.keys(withoutRowPolicies).filter((table) => !reachedTables.has(table))).toEqual([]);
  });

  it('keeps row-level security on every table with case content, granted or not', async () => {
    const unsecured = await rawRows(
      getDb(),
      sql`select relname from pg_class join pg_namespace on pg_namespace.oid = relnamespace and nspname = 'public'
        where relkind = 'r' and not relrowsecurity and relname in ('cases', 'case_people', 'case_events', 'case_notes', 'notifications',
          'notification_updates', 'cooperation_actions', 'case_messages', 'case_message_read_markers', 'case_reference_counters')`,
    );
    expect(unsecured).toEqual([]);
  });
});

let kohKongOfficer: Actor;
let sihanoukOfficer: Actor;
let kohKongSupervisor: Actor;
let vietnam: Actor;
let china: Actor;
let kohKongGovernor: Actor;
let ministry: Actor;
let admin: Actor;
let kohKongCaseId: string;
let sihanoukCaseId: string;
let withheldVictim: { id: string; latinName: string; nativeName: string; idDocumentNumber: string; dateOfBirth: string };

beforeAll(async () => {
  const kohKongPolice = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  kohKongOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: kohKongPolice.id }));
  kohKongSupervisor = await actorFor(await createUser({ role: 'police_supervisor', organisationId: kohKongPolice.id }));
  sihanoukOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'PSN' })).id }));
  const embassy = async (countryCode: string) =>
    actorFor(await createUser({ role: 'embassy_liaison', organisationId: (await createOrganisation({ kind: 'embassy', countryCode })).id }));
  vietnam = await embassy('VN');
  china = await embassy('CN');
  kohKongGovernor = await actorFor(await createUser({ role: 'governor_viewer', organisationId: (await createOrganisation({ kind: 'governor_office', provinceCode: 'KKG' })).id }));
  ministry = await actorFor(await createUser({ role: 'ministry_analyst' }));
  admin = await actorFor(await createUser({ role: 'admin' }));

  withheldVictim = { id: '', latinName: 'Vo Thi Withheld', nativeName: 'Võ Thị Kín', idDocumentNumber: 'C7654321', dateOfBirth: '2001-04-05' };
  const victim = (latinName: string) => buildPersonInput({ latinName, nationality: 'VN', roleInCase: 'victim' });
  kohKongCaseId = (
    await createCase(
      kohKongOfficer,
      buildCaseInput({
        people: [
          buildPersonInput({ latinName: 'Chen Suspect', nationality: 'CN' }),
          buildPersonInput({ latinName: withheldVictim.latinName, nativeName: withheldVictim.nativeName, idDocumentNumber: withheldVictim.idDocumentNumber, dateOfBirth: withheldVictim.dateOfBirth, roleInCase: 'victim', nationality: 'VN', idDocumentType: 'passport', approximateAge: '', isSensitiveVictim: true }),
          victim('Nguyen Consented'),
          victim('Tran Overridden'),
        ],
      }),
    )
  ).id;
  const people = await getDb().select().from(casePeople).where(eq(casePeople.caseId, kohKongCaseId));
  const idOf = (latinName: string) => people.find((person) => person.latinName === latinName)?.id ?? '';
  withheldVictim.id = idOf(withheldVictim.latinName);
  await recordConsent(kohKongOfficer, { caseId: kohKongCaseId, personId: idOf('Nguyen Consented'), consent: 'yes' });
  await overrideDisclosure(kohKongSupervisor, { caseId: kohKongCaseId, personId: idOf('Tran Overridden'), justification: 'The embassy must arrange her return home.' });
  await addCaseNote(kohKongOfficer, { caseId: kohKongCaseId, body: 'Koh Kong note' });

  sihanoukCaseId = (await createCase(sihanoukOfficer, buildCaseInput({ provinceCode: 'PSN', people: [buildPersonInput({ nationality: 'CN' })] }))).id;
  await addCaseNote(sihanoukOfficer, { caseId: sihanoukCaseId, body: 'Preah Sihanouk note' });
});

describe('the timeline and the notes', () => {
  it('show the police their own province\'s events and notes only', async () => {
    for (const [officer, caseId, note] of [
      [kohKongOfficer, kohKongCaseId, 'Koh Kong note'],
      [sihanoukOfficer, sihanoukCaseId, 'Preah Sihanouk note'],
    ] as const) {
      const { events, notes } = await withActorScope(officer, async (tx) => ({
        events: await rawRows(tx, sql`select * from case_events`),
        notes: await rawRows(tx, sql`select * from case_notes`),
      }));
      expect(events.length).toBeGreaterThan(0);
      expect(new Set(events.map((row) => row.case_id))).toEqual(new Set([caseId]));
      expect(notes.map((row) => [row.case_id, row.body])).toEqual([[caseId, note]]);
    }
  });

  it('refuse the police an event or note in another province, or in another officer\'s name', async () => {
    const eventIn = (caseId: string, userId: string) =>
      withActorScope(kohKongOfficer, (tx) =>
        tx.execute(sql`insert into case_events (case_id, kind, actor_user_id, actor_organisation_id, details)
          values (${caseId}, 'note_added', ${userId}, ${kohKongOfficer.organisationId}, '{}'::jsonb)`),
      );
    expect(await refusalOf(eventIn(sihanoukCaseId, kohKongOfficer.userId))).toMatch(/row-level security/);
    expect(await refusalOf(eventIn(kohKongCaseId, kohKongSupervisor.userId))).toMatch(/row-level security/);
    const noteIn = withActorScope(kohKongOfficer, (tx) =>
      tx.execute(sql`insert into case_notes (case_id, author_id, body) values (${sihanoukCaseId}, ${kohKongOfficer.userId}, 'Planted')`),
    );
    expect(await refusalOf(noteIn)).toMatch(/row-level security/);
  });

  it('let an embassy write its own events into a case it was notified of, and read none', async () => {
    const eventBy = (embassy: Actor, caseId: string, embassyOrganisationId = embassy.organisationId) =>
      withActorScope(embassy, (tx) =>
        tx.execute(sql`insert into case_events (case_id, kind, actor_user_id, actor_organisation_id, embassy_organisation_id, details)
          values (${caseId}, 'notification_opened', ${embassy.userId}, ${embassy.organisationId}, ${embassyOrganisationId}, '{}'::jsonb)`),
      );
    await eventBy(china, kohKongCaseId);
    expect(await refusalOf(eventBy(vietnam, sihanoukCaseId))).toMatch(/row-level security/);
    expect(await refusalOf(eventBy(china, kohKongCaseId, vietnam.organisationId))).toMatch(/row-level security/);
    expect(await refusalOf(withActorScope(china, (tx) => rawRows(tx, sql`select id from case_events`)))).toMatch(/permission denied/);
  });

  it('are out of reach of the governor\'s office, the ministry and the administrator', async () => {
    for (const actor of [kohKongGovernor, ministry, admin]) {
      for (const table of [sql`case_events`, sql`case_notes`]) {
        expect(await refusalOf(withActorScope(actor, (tx) => rawRows(tx, sql`select id from ${table}`)))).toMatch(/permission denied/);
      }
    }
  });
});

describe('victims withheld from their embassy', () => {
  it('are not readable at all in the embassy\'s transaction, while consented and disclosed victims are', async () => {
    const rows = await withActorScope(vietnam, (tx) => rawRows(tx, sql`select * from case_people`));
    expect(rows.map((row) => row.latin_name).sort()).toEqual(['Nguyen Consented', 'Tran Overridden']);
    const identifying = Object.entries(withheldVictim).filter(([field]) => field !== 'id').map(([, value]) => value);
    for (const value of identifying) expect(JSON.stringify(rows)).not.toContain(value);
    const searched = await withActorScope(vietnam, (tx) =>
      rawRows(tx, sql`select id from case_people where latin_name = ${withheldVictim.latinName} or id_document_number = ${withheldVictim.idDocumentNumber} or id = ${withheldVictim.id}`),
    );
    expect(searched).toEqual([]);
  });

  it('are known to the embassy by their non-identifying fields only', async () => {
    const withheld = await withActorScope(vietnam, (tx) => rawRows(tx, sql`select * from casebridge_embassy_withheld_victims(${kohKongCaseId})`));
    expect(withheld.map((row) => [row.id, row.is_sensitive_victim])).toEqual([[withheldVictim.id, true]]);
    expect(Object.keys(withheld[0] ?? {}).sort()).toEqual(['created_at', 'id', 'is_sensitive_victim']);
    // Another embassy, or one not notified of the case, learns nothing from the function.
    expect(await withActorScope(china, (tx) => rawRows(tx, sql`select * from casebridge_embassy_withheld_victims(${kohKongCaseId})`))).toEqual([]);
    expect(await withActorScope(vietnam, (tx) => rawRows(tx, sql`select * from casebridge_embassy_withheld_victims(${sihanoukCaseId})`))).toEqual([]);
    expect(await refusalOf(withActorScope(kohKongOfficer, (tx) => rawRows(tx, sql`select * from casebridge_embassy_withheld_victims(${kohKongCaseId})`)))).toMatch(
      /permission denied/,
    );
  });

  it('still count among the case\'s people', async () => {
    const [row] = await withActorScope(vietnam, (tx) => rawRows(tx, sql`select casebridge_embassy_case_people_count(${kohKongCaseId}) as total`));
    expect(Number(row?.total)).toBe(4);
  });
});

describe('read markers, reference counters and rollups', () => {
  it('show the governor\'s office its own province\'s rollups, the ministry every province\'s', async () => {
    for (const table of ['summary_case_months', 'summary_consular_months']) {
      const provincesOf = async (actor: Actor) =>
        new Set((await withActorScope(actor, (tx) => rawRows(tx, sql`select distinct province_code from ${sql.identifier(table)}`))).map((row) => String(row.province_code)));
      expect(await provincesOf(kohKongGovernor), table).toEqual(new Set(['KKG']));
      expect(await provincesOf(ministry), table).toEqual(new Set(['KKG', 'PSN']));
    }
  });

  it('show the police their own province\'s reference counter and their threads\' read markers', async () => {
    const counters = await withActorScope(sihanoukOfficer, (tx) => rawRows(tx, sql`select province_code from case_reference_counters`));
    expect(counters.map((row) => row.province_code)).toEqual(['PSN']);
    const markerOf = (actor: Actor, side: 'police' | 'embassy') =>
      withActorScope(actor, (tx) =>
        tx.execute(sql`insert into case_message_read_markers (case_id, embassy_organisation_id, reader_side, last_read_at)
          values (${kohKongCaseId}, ${vietnam.organisationId}, ${side}, now())`),
      );
    await markerOf(kohKongOfficer, 'police');
    expect(await refusalOf(markerOf(kohKongOfficer, 'embassy'))).toMatch(/row-level security/);
    expect(await refusalOf(markerOf(sihanoukOfficer, 'police'))).toMatch(/row-level security/);
    expect(await withActorScope(sihanoukOfficer, (tx) => rawRows(tx, sql`select * from case_message_read_markers`))).toEqual([]);
    expect(await withActorScope(china, (tx) => rawRows(tx, sql`select * from case_message_read_markers`))).toEqual([]);
    const own = await withActorScope(vietnam, (tx) => rawRows(tx, sql`select reader_side from case_message_read_markers`));
    expect(own.map((row) => row.reader_side)).toEqual(['police']);
  });
});

describe('webhook endpoints and their deliveries', () => {
  it("are their own organisation's administrators' and the platform administrator's only", async () => {
    const chinaAdmin = await actorFor(await createUser({ role: 'organisation_admin', organisationId: china.organisationId }));
    const vietnamAdmin = await actorFor(await createUser({ role: 'organisation_admin', organisationId: vietnam.organisationId }));
    const { id } = await registerWebhookEndpoint(chinaAdmin, { organisationId: china.organisationId, url: 'https://93.184.215.14/hooks', events: ['notification.created'] }, { allowLoopbackHttp: false });
    const now = new Date();
    await getDb().insert(webhookDeliveries).values({ endpointId: id, eventId: crypto.randomUUID(), eventType: 'notification.created', payload: {}, nextAttemptAt: now, retryUntil: now });
    const seenBy = async (actor: Actor) => {
      const endpoints = await withActorScope(actor, (tx) => rawRows(tx, sql`select id from webhook_endpoints where id = ${id}`));
      const deliveries = await withActorScope(actor, (tx) => rawRows(tx, sql`select id from webhook_deliveries where endpoint_id = ${id}`));
      return [endpoints.length, deliveries.length];
    };
    expect(await seenBy(chinaAdmin)).toEqual([1, 1]);
    expect(await seenBy(admin)).toEqual([1, 1]);
    expect(await seenBy(vietnamAdmin)).toEqual([0, 0]);
    for (const actor of [china, kohKongOfficer, ministry]) {
      expect(await refusalOf(withActorScope(actor, (tx) => rawRows(tx, sql`select id from webhook_endpoints`)))).toMatch(/permission denied/);
    }
    // Another organisation's administrator updates nothing: the row is not there for them.
    const updated = await withActorScope(vietnamAdmin, (tx) => rawRows(tx, sql`update webhook_endpoints set description = 'taken over' where id = ${id} returning id`));
    expect(updated).toEqual([]);
  });
});
