import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { actionEntries, entryKey, pageEntries, rolesAllowed, routeEntries, type Access, type PageEntry, type RouteEntry } from '@/lib/auth/access-matrix';
import { accounts, type DemoAccount } from './fixtures/accounts';
import { postSignIn } from './fixtures/session';
import type { Role } from '@/db/schema';

/**
 * Every page and route handler of lib/auth/access-matrix.ts, requested as every demo account and without a
 * session, with real ids; then the known bypasses (forged middleware sub-requests, direct server-action POSTs,
 * RSC/prefetch requests). Request contexts only, no browser: the answer's status and body are what matter.
 *
 * The spec makes its own records through the real server action (as the browser would call it): a Koh Kong
 * case with a detained Chinese national (so China's embassy is notified) and a Preah Sihanouk case with a
 * detained Thai national. Their reference numbers and names must appear only to those allowed.
 */

// ---------------------------------------------------------------------------------------------------------------
// Visitors

interface Visitor {
  name: string;
  account: DemoAccount | null;
  role: Role | null;
  provinceCode: string | null;
  countryCode: string | null;
}

function visitorOf(name: string, account: DemoAccount): Visitor {
  const [kind, code] = account.organisationSlug.split('-');
  return {
    name,
    account,
    role: account.isActive ? account.role : null,
    provinceCode: kind === 'police' || kind === 'governor' ? (code ?? '').toUpperCase() : null,
    countryCode: kind === 'embassy' ? (code ?? '').toUpperCase() : null,
  };
}

const visitors: Visitor[] = [
  visitorOf('Koh Kong officer', accounts.kohKongOfficer),
  visitorOf('Koh Kong supervisor', accounts.kohKongSupervisor),
  visitorOf('Sihanoukville officer (another province)', accounts.sihanoukOfficer),
  visitorOf('China embassy (the case’s nationals)', accounts.chinaLiaison),
  visitorOf('Vietnam embassy (another country)', accounts.vietnamLiaison),
  visitorOf('Thai embassy', accounts.thaiLiaison),
  visitorOf('Koh Kong governor', accounts.governor),
  visitorOf('ministry analyst', accounts.ministryAnalyst),
  visitorOf('admin', accounts.admin),
  // Signs in with the right password and is refused: afterwards exactly a visitor without a session.
  visitorOf('deactivated user', accounts.deactivated),
  { name: 'no session', account: null, role: null, provinceCode: null, countryCode: null },
];

async function newContext(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL });
}

/** Signs in through next-auth's credentials endpoint (with the authenticator code where the account has one). */
async function signIn(context: APIRequestContext, account: DemoAccount): Promise<boolean> {
  await postSignIn(context, account);
  return (await context.storageState()).cookies.some((cookie) => cookie.name.includes('next-auth.session-token'));
}

// ---------------------------------------------------------------------------------------------------------------
// Server actions by id, from the build's manifest (the same ids the pages embed).

// Same default as next.config.ts, which reads it before any app code (README, "Configuration in one module").
const distDir = process.env.NEXT_DIST_DIR ?? '.next';
function serverActionManifest() {
  return JSON.parse(fs.readFileSync(path.join(process.cwd(), distDir, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }>;
  };
}

function serverActionId(file: string, name: string): string {
  const found = Object.entries(serverActionManifest().node).find(([, entry]) => entry.exportedName === name && (entry.filename ?? '').endsWith(file));
  if (!found) throw new Error(`No server action ${file}#${name} in ${distDir}'s manifest`);
  return found[0];
}

/** Calls a server action the way React's client does: POST to a page with the action id and the arguments. */
async function callServerAction(context: APIRequestContext, pagePath: string, actionId: string, args: unknown[], origin: string): Promise<APIResponse> {
  return context.post(pagePath, {
    headers: { 'Next-Action': actionId, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', Origin: origin },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The records

interface CaseRecord {
  id: string;
  referenceNumber: string;
  provinceCode: string;
  /** Countries whose embassy was notified. */
  notifiedCountries: string[];
  /** Names that must never reach anyone outside the case's scope. */
  secrets: string[];
  notificationId: string;
}

const suffix = randomBytes(3).toString('hex');
function caseInput(provinceCode: string, nationality: string, name: string) {
  const person = (overrides: Record<string, unknown>) => ({
    roleInCase: 'suspect',
    latinName: name,
    nativeName: '',
    sex: 'male',
    dateOfBirth: '',
    approximateAge: '35',
    nationality,
    idDocumentType: '',
    idDocumentNumber: '',
    detentionStatus: 'detained',
    detentionChangedAt: '2026-03-02T10:00',
    isSensitiveVictim: false,
    ...overrides,
  });
  return {
    crimeType: 'online_scam',
    provinceCode,
    district: 'Matrix district',
    commune: 'Matrix commune',
    placeDescription: 'Compound by the river',
    occurredAt: '2026-03-01T08:00',
    reportedAt: '2026-03-02T09:30',
    title: `Access matrix case ${provinceCode} ${suffix}`,
    narrative: `Narrative only the case's police may read ${suffix}.`,
    isNarrativeShareable: false,
    narrativeHandlingCode: 'H0',
    narrativeHandlingNote: '',
    people: [person({}), person({ roleInCase: 'witness', latinName: `Sok Witness ${suffix}`, nationality: 'KH', detentionStatus: 'not_detained', detentionChangedAt: '' })],
  };
}

const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

async function createCaseAs(context: APIRequestContext, baseURL: string, provinceCode: string, nationality: string): Promise<CaseRecord> {
  const name = `Matrix ${nationality} suspect ${suffix}`;
  const response = await callServerAction(context, '/police/cases/new', serverActionId('lib/cases/actions.ts', 'createCaseAction'), [caseInput(provinceCode, nationality, name)], baseURL);
  const body = await response.text();
  const created = body.match(new RegExp(`"id":"(${uuidPattern})","referenceNumber":"([A-Z]{3}-\\d{4}-\\d+)"`));
  expect(created, `case created through the server action: ${body.slice(0, 300)}`).not.toBeNull();
  const [, id, referenceNumber] = created!;
  const workspace = await (await context.get(`/police/cases/${id}`)).text();
  const notificationId = workspace.match(new RegExp(`/notification-record/(${uuidPattern})`))?.[1];
  expect(notificationId, 'the workspace links the notification record').toBeTruthy();
  return { id: id!, referenceNumber: referenceNumber!, provinceCode, notifiedCountries: [nationality], secrets: [referenceNumber!, name], notificationId: notificationId! };
}

/** What the matrix says a visitor may do with a record (or with a page that has none). */
function isAllowed(access: Access, visitor: Visitor, record: CaseRecord | null): boolean {
  if (access.kind === 'public') return true;
  if (!visitor.role || !rolesAllowed(access).includes(visitor.role)) return false;
  if (!record) return true;
  const inProvince = visitor.provinceCode === record.provinceCode;
  const forNationals = visitor.countryCode !== null && record.notifiedCountries.includes(visitor.countryCode);
  switch (access.scope) {
    case 'own-province':
      return inProvince;
    case 'own-embassy':
      return forNationals;
    case 'own-province-or-own-embassy':
      return inProvince || forNationals;
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------------------------

let kohKongChinaCase: CaseRecord;
let sihanoukThaiCase: CaseRecord;
let someUserId: string;
let someOrganisationId: string;
let someMailDeliveryId: string;
const contexts = new Map<string, APIRequestContext>();

test.beforeAll(async ({ baseURL }) => {
  if (!baseURL) throw new Error('baseURL is set in playwright.config.ts');
  for (const visitor of visitors) {
    const context = await newContext(baseURL);
    if (visitor.account) {
      const hasSession = await signIn(context, visitor.account);
      expect(hasSession, `${visitor.name} ${visitor.role ? 'signs in' : 'is refused a session'}`).toBe(visitor.role !== null);
    }
    contexts.set(visitor.name, context);
  }
  const kohKong = contexts.get('Koh Kong officer')!;
  const sihanouk = contexts.get('Sihanoukville officer (another province)')!;
  kohKongChinaCase = await createCaseAs(kohKong, baseURL, 'KKG', 'CN');
  sihanoukThaiCase = await createCaseAs(sihanouk, baseURL, 'PSN', 'TH');
  const admin = contexts.get('admin')!;
  someUserId = (await (await admin.get('/admin/users')).text()).match(new RegExp(`/admin/users/(${uuidPattern})`))?.[1] ?? '';
  someOrganisationId = (await (await admin.get('/admin')).text()).match(new RegExp(`/admin/organisations/(${uuidPattern})`))?.[1] ?? '';
  expect(someUserId && someOrganisationId, 'the admin lists link a user and an organisation').toBeTruthy();
  // The cases created above notify embassies; their e-mails are planned by the workers moments after the commit.
  const outboxLink = async () => (await (await admin.get('/admin/outbox')).text()).match(new RegExp(`/admin/outbox/(${uuidPattern})`))?.[1] ?? '';
  await expect.poll(outboxLink, { message: 'the outbox lists the e-mail of a new notification', timeout: 15_000 }).not.toBe('');
  someMailDeliveryId = await outboxLink();
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
});

/** Concrete URLs for an entry: one per record for pages with an id, with what they reveal. */
function instancesOf(entry: PageEntry | RouteEntry): { url: string; record: CaseRecord | null; marker: string | null }[] {
  const cases = [kohKongChinaCase, sihanoukThaiCase];
  switch (entry.path) {
    case '/police/cases/[id]':
    case '/police/cases/[id]/edit':
    case '/embassy/cases/[id]':
      return cases.map((record) => ({ url: entry.path.replace('[id]', record.id), record, marker: record.referenceNumber }));
    case '/notification-record/[id]':
      return cases.map((record) => ({ url: `/notification-record/${record.notificationId}`, record, marker: record.referenceNumber }));
    case '/admin/users/[id]':
      return [{ url: `/admin/users/${someUserId}`, record: null, marker: null }];
    case '/admin/organisations/[id]':
      return [{ url: `/admin/organisations/${someOrganisationId}`, record: null, marker: null }];
    case '/admin/outbox/[id]':
      return [{ url: `/admin/outbox/${someMailDeliveryId}`, record: null, marker: null }];
    case '/invite/[token]':
      return [{ url: `/invite/${'A'.repeat(43)}`, record: null, marker: null }];
    case '/api/auth/[...nextauth]':
      return [{ url: '/api/auth/providers', record: null, marker: null }];
    case '/summaries/export':
      return [{ url: '/summaries/export?table=crimeTypes&months=12', record: null, marker: null }];
    default:
      if (entry.path.includes('[')) throw new Error(`Give ${entryKey(entry)} a concrete URL in e2e/access-matrix.spec.ts`);
      return [{ url: entry.path, record: null, marker: null }];
  }
}

/**
 * Who may come across a record anywhere (lists, inbox, audit log): its province's police, the embassies it was
 * notified to, the ministry (national case list) and the admin (audit log). Everyone else must never see it.
 */
function mayKnowOf(visitor: Visitor, record: CaseRecord): boolean {
  if (visitor.role === 'ministry_analyst' || visitor.role === 'admin') return true;
  if ((visitor.role === 'police_officer' || visitor.role === 'police_supervisor') && visitor.provinceCode === record.provinceCode) return true;
  return visitor.role === 'embassy_liaison' && visitor.countryCode !== null && record.notifiedCountries.includes(visitor.countryCode);
}

/** The secrets that must not be in the answer: the URL's own record unless allowed, any other unless known. */
function forbiddenSecrets(visitor: Visitor, urlRecord: CaseRecord | null, allowed: boolean): string[] {
  return [kohKongChinaCase, sihanoukThaiCase]
    .filter((record) => (record === urlRecord ? !allowed : !mayKnowOf(visitor, record)))
    .flatMap((record) => record.secrets);
}

/** The first bytes of a streamed answer (server-sent events never end). */
async function openStream(baseURL: string, context: APIRequestContext, url: string): Promise<{ status: number; contentType: string }> {
  const { cookies } = await context.storageState();
  const controller = new AbortController();
  const response = await fetch(new URL(url, baseURL), {
    headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') },
    redirect: 'manual',
    signal: controller.signal,
  });
  const result = { status: response.status, contentType: response.headers.get('content-type') ?? '' };
  controller.abort();
  return result;
}

test('the build serves exactly the server actions the matrix lists', () => {
  // Catches an action the source scan of lib/auth/access-matrix.test.ts could miss (another file name, a re-export).
  const built = Object.values(serverActionManifest().node).map((entry) => `${entry.filename}#${entry.exportedName}`).sort();
  expect(built).toEqual(actionEntries.map((entry) => `${entry.file}#${entry.name}`).sort());
});

for (const visitor of visitors) {
  test(`every page and route as ${visitor.name}`, async ({ baseURL }) => {
    const context = contexts.get(visitor.name)!;
    for (const entry of [...pageEntries, ...routeEntries]) {
      for (const { url, record, marker } of instancesOf(entry)) {
        const allowed = isAllowed(entry.access, visitor, record);
        const label = `${visitor.name} → ${url} (${entryKey(entry)})`;
        if (entry.path === '/api/live') {
          const { status, contentType } = await openStream(baseURL!, context, url);
          if (allowed) expect(contentType, label).toContain('text/event-stream');
          else expect(status, label).toBe(404);
          continue;
        }
        const response = await context.get(url, { maxRedirects: 0 });
        const status = response.status();
        const body = await response.text();
        expect(status, `${label}: never a server error`).toBeLessThan(500);
        for (const secret of forbiddenSecrets(visitor, record, allowed)) expect(body, `${label} leaks ${secret}`).not.toContain(secret);
        if (entry.access.kind === 'public') continue;
        if (allowed) {
          expect(status, label).toBe(200);
          if (marker) expect(body, `${label} shows the record`).toContain(marker);
        } else if (!visitor.role) {
          // No session: pages send to sign in, route handlers answer "not found".
          if (status === 404) continue;
          expect(status, label).toBeGreaterThanOrEqual(300);
          expect(status, label).toBeLessThan(400);
          expect(response.headers().location ?? '', label).toContain('/sign-in');
        } else {
          expect(status, label).toBe(404);
        }
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Known bypasses

test.describe('bypasses', () => {
  const protectedUrls = () => [
    `/police/cases/${kohKongChinaCase.id}`,
    `/police/cases/${kohKongChinaCase.id}/edit`,
    `/embassy/cases/${kohKongChinaCase.id}`,
    `/notification-record/${kohKongChinaCase.notificationId}`,
    '/police/cases',
    '/embassy',
    '/summaries/cases',
    '/admin/users',
  ];

  test('a forged x-middleware-subrequest header reaches no data', async ({ baseURL }) => {
    const anonymous = await newContext(baseURL!);
    const thai = contexts.get('Thai embassy')!;
    const forgeries = [
      'middleware',
      'middleware:middleware:middleware:middleware:middleware',
      'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
      'proxy:proxy:proxy:proxy:proxy',
      'src/proxy:src/proxy:src/proxy:src/proxy:src/proxy',
      'pages/_middleware',
    ];
    for (const url of protectedUrls()) {
      for (const header of forgeries) {
        for (const [who, context] of [['no session', anonymous], ['Thai embassy', thai]] as const) {
          const response = await context.get(url, { headers: { 'x-middleware-subrequest': header }, maxRedirects: 0 });
          const body = await response.text();
          // Only the Thai embassy's own inbox may answer; everything else is a redirect to sign in or "not found".
          const isOwnInbox = who === 'Thai embassy' && url === '/embassy';
          expect(response.status() === 200, `${who} ${url} with x-middleware-subrequest: ${header}`).toBe(isOwnInbox);
          for (const secret of kohKongChinaCase.secrets) expect(body, `${who} ${url} with x-middleware-subrequest: ${header}`).not.toContain(secret);
        }
      }
    }
    await anonymous.dispose();
  });

  test('RSC, _rsc and prefetch requests reach no data without a session or with the wrong role', async ({ baseURL }) => {
    const anonymous = await newContext(baseURL!);
    const strangers: [string, APIRequestContext][] = [
      ['no session', anonymous],
      ['Thai embassy', contexts.get('Thai embassy')!],
      ['Sihanoukville officer', contexts.get('Sihanoukville officer (another province)')!],
      ['ministry analyst', contexts.get('ministry analyst')!],
    ];
    const rscHeaders: Record<string, string>[] = [
      { RSC: '1' },
      { RSC: '1', 'Next-Router-Prefetch': '1' },
      { RSC: '1', 'Next-Router-Prefetch': '1', 'Next-Router-Segment-Prefetch': '/_tree' },
    ];
    for (const url of protectedUrls()) {
      for (const [who, context] of strangers) {
        const variants: [string, Record<string, string>][] = [
          ...rscHeaders.map((headers) => [url, headers] as [string, Record<string, string>]),
          [`${url}?_rsc=${randomBytes(3).toString('hex')}`, { RSC: '1' }],
          [`${url}.rsc`, {}],
          [`${url}.prefetch.rsc`, {}],
          [`${url}.segments/_tree.segment.rsc`, { RSC: '1', 'Next-Router-Prefetch': '1' }],
        ];
        for (const [variant, headers] of variants) {
          const response = await context.get(variant, { headers, maxRedirects: 0 });
          const body = await response.text();
          expect(response.status(), `${who} ${variant} ${JSON.stringify(headers)}`).toBeLessThan(500);
          for (const secret of kohKongChinaCase.secrets) expect(body, `${who} ${variant} ${JSON.stringify(headers)} leaks ${secret}`).not.toContain(secret);
        }
      }
    }
    // The same requests as the case's own police do carry the data: the checks above are not vacuous.
    const owner = await contexts.get('Koh Kong officer')!.get(`/police/cases/${kohKongChinaCase.id}`, { headers: { RSC: '1' } });
    expect(await owner.text()).toContain(kohKongChinaCase.referenceNumber);
    await anonymous.dispose();
  });

  test('server actions posted directly: no session, or another origin, reach no data and change nothing', async ({ baseURL }) => {
    const anonymous = await newContext(baseURL!);
    const officer = contexts.get('Koh Kong officer')!;
    const createCase = serverActionId('lib/cases/actions.ts', 'createCaseAction');
    const findMatches = serverActionId('lib/cases/actions.ts', 'findPossibleMatchesAction');
    const addNote = serverActionId('lib/cases/actions.ts', 'addCaseNoteAction');
    const acknowledge = serverActionId('lib/notifications/actions.ts', 'acknowledgeNotificationAction');
    const suspectName = kohKongChinaCase.secrets[1]!;
    const title = (who: string) => `Forged ${who} ${suffix}`;
    const forgedCase = (who: string) => ({ ...caseInput('KKG', 'CN', `Forged suspect ${suffix}`), title: title(who) });
    const note = `Forged note ${suffix}`;

    const attempts: [string, APIRequestContext, string][] = [
      ['no session', anonymous, baseURL!],
      ['no session, foreign origin', anonymous, 'https://evil.example'],
      ['signed-in officer, foreign origin', officer, 'https://evil.example'],
    ];
    for (const [who, context, origin] of attempts) {
      for (const pagePath of ['/police/cases/new', '/', '/sign-in']) {
        const created = await callServerAction(context, pagePath, createCase, [forgedCase(who)], origin);
        expect(await created.text(), `${who} createCase at ${pagePath}`).not.toMatch(/"ok":true/);
      }
      const matches = await callServerAction(context, '/police/cases/new', findMatches, [{ name: suspectName }], origin);
      const matchesBody = await matches.text();
      expect(matchesBody, `${who} findPossibleMatches`).not.toContain(kohKongChinaCase.referenceNumber);
      expect(matchesBody, `${who} findPossibleMatches`).not.toMatch(/"ok":true/);
      const noted = await callServerAction(context, `/police/cases/${kohKongChinaCase.id}`, addNote, [{ caseId: kohKongChinaCase.id, body: note }], origin);
      expect(await noted.text(), `${who} addCaseNote`).not.toMatch(/"ok":true/);
      const acknowledged = await callServerAction(context, `/embassy/cases/${kohKongChinaCase.id}`, acknowledge, [{ notificationId: kohKongChinaCase.notificationId, note: 'forged' }], origin);
      expect(await acknowledged.text(), `${who} acknowledge`).not.toMatch(/"ok":true/);
    }

    // Nothing was written: the case's own police see no forged case and no forged note, and China has not acknowledged.
    const list = await (await officer.get(`/police/cases?q=${encodeURIComponent(`Forged`)}`)).text();
    for (const [who] of attempts) expect(list, `no case created by ${who}`).not.toContain(title(who));
    const workspace = await (await officer.get(`/police/cases/${kohKongChinaCase.id}`)).text();
    expect(workspace).toContain(kohKongChinaCase.referenceNumber);
    expect(workspace, 'no forged note').not.toContain(note);
    const record = await (await officer.get(`/notification-record/${kohKongChinaCase.notificationId}`)).text();
    expect(record, 'not acknowledged').not.toContain('forged');

    // The same POST from the right origin with the officer's session works: the refusals above are real.
    const genuine = await callServerAction(officer, `/police/cases/${kohKongChinaCase.id}`, addNote, [{ caseId: kohKongChinaCase.id, body: `Genuine note ${suffix}` }], baseURL!);
    expect(await genuine.text()).toMatch(/"ok":true/);
    await anonymous.dispose();
  });
});
