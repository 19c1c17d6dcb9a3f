import { randomBytes } from 'node:crypto';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { actionEntries, entryKey, pageEntries, routeEntries } from '@/lib/auth/access-matrix';
import {
  callServerAction,
  caseInput,
  instancesOf,
  isAllowed,
  prepareMatrixRecords,
  serverActionId,
  serverActionManifest,
  signedInContexts,
  visitors,
  type CaseRecord,
  type MatrixRecords,
  type Visitor,
} from './fixtures/access-matrix';

/**
 * Every page and route handler of lib/auth/access-matrix.ts, requested as every demo account and without a
 * session, with real ids; then the known bypasses (forged middleware sub-requests, direct server-action POSTs,
 * RSC/prefetch requests). Request contexts only, no browser: the answer's status and body are what matter.
 *
 * The spec makes its own records through the real server action (as the browser would call it,
 * e2e/fixtures/access-matrix.ts): a Koh Kong case with a detained Chinese national (so China's embassy is
 * notified) and a Preah Sihanouk case with a detained Thai national. Their reference numbers and names must appear
 * only to those allowed.
 */

async function newContext(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL });
}

// Names the bypass attempts below give what they try to write, to look for it afterwards.
const suffix = randomBytes(3).toString('hex');

let records: MatrixRecords;
let contexts: Map<string, APIRequestContext>;

test.beforeAll(async ({ baseURL }) => {
  if (!baseURL) throw new Error('baseURL is set in playwright.config.ts');
  contexts = await signedInContexts(baseURL);
  records = await prepareMatrixRecords(contexts, baseURL);
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
});

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
  return [records.kohKongChinaCase, records.sihanoukThaiCase]
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
    // The partner API takes keys, not sessions (every session gets 401); lib/api/v1/access.test.ts drives it.
    for (const entry of [...pageEntries, ...routeEntries].filter((candidate) => candidate.access.kind !== 'api-key')) {
      for (const { url, record, marker } of instancesOf(entry, records)) {
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
    `/police/cases/${records.kohKongChinaCase.id}`,
    `/police/cases/${records.kohKongChinaCase.id}/edit`,
    `/embassy/cases/${records.kohKongChinaCase.id}`,
    `/notification-record/${records.kohKongChinaCase.notificationId}`,
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
          for (const secret of records.kohKongChinaCase.secrets) expect(body, `${who} ${url} with x-middleware-subrequest: ${header}`).not.toContain(secret);
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
          for (const secret of records.kohKongChinaCase.secrets) expect(body, `${who} ${variant} ${JSON.stringify(headers)} leaks ${secret}`).not.toContain(secret);
        }
      }
    }
    // The same requests as the case's own police do carry the data: the checks above are not vacuous.
    const owner = await contexts.get('Koh Kong officer')!.get(`/police/cases/${records.kohKongChinaCase.id}`, { headers: { RSC: '1' } });
    expect(await owner.text()).toContain(records.kohKongChinaCase.referenceNumber);
    await anonymous.dispose();
  });

  test('server actions posted directly: no session, or another origin, reach no data and change nothing', async ({ baseURL }) => {
    const anonymous = await newContext(baseURL!);
    const officer = contexts.get('Koh Kong officer')!;
    const createCase = serverActionId('lib/cases/actions.ts', 'createCaseAction');
    const findMatches = serverActionId('lib/cases/actions.ts', 'findPossibleMatchesAction');
    const addNote = serverActionId('lib/cases/actions.ts', 'addCaseNoteAction');
    const acknowledge = serverActionId('lib/notifications/actions.ts', 'acknowledgeNotificationAction');
    const suspectName = records.kohKongChinaCase.secrets[1]!;
    const title = (who: string) => `Forged ${who} ${suffix}`;
    const forgedCase = (who: string) => ({ ...caseInput('KKG', 'CN', `Forged suspect ${suffix}`, suffix), title: title(who) });
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
      expect(matchesBody, `${who} findPossibleMatches`).not.toContain(records.kohKongChinaCase.referenceNumber);
      expect(matchesBody, `${who} findPossibleMatches`).not.toMatch(/"ok":true/);
      const noted = await callServerAction(context, `/police/cases/${records.kohKongChinaCase.id}`, addNote, [{ caseId: records.kohKongChinaCase.id, body: note }], origin);
      expect(await noted.text(), `${who} addCaseNote`).not.toMatch(/"ok":true/);
      const acknowledged = await callServerAction(context, `/embassy/cases/${records.kohKongChinaCase.id}`, acknowledge, [{ notificationId: records.kohKongChinaCase.notificationId, note: 'forged' }], origin);
      expect(await acknowledged.text(), `${who} acknowledge`).not.toMatch(/"ok":true/);
    }

    // Nothing was written: the case's own police see no forged case and no forged note, and China has not acknowledged.
    const list = await (await officer.get(`/police/cases?q=${encodeURIComponent(`Forged`)}`)).text();
    for (const [who] of attempts) expect(list, `no case created by ${who}`).not.toContain(title(who));
    const workspace = await (await officer.get(`/police/cases/${records.kohKongChinaCase.id}`)).text();
    expect(workspace).toContain(records.kohKongChinaCase.referenceNumber);
    expect(workspace, 'no forged note').not.toContain(note);
    const record = await (await officer.get(`/notification-record/${records.kohKongChinaCase.notificationId}`)).text();
    expect(record, 'not acknowledged').not.toContain('forged');

    // The same POST from the right origin with the officer's session works: the refusals above are real.
    const genuine = await callServerAction(officer, `/police/cases/${records.kohKongChinaCase.id}`, addNote, [{ caseId: records.kohKongChinaCase.id, body: `Genuine note ${suffix}` }], baseURL!);
    expect(await genuine.text()).toMatch(/"ok":true/);
    await anonymous.dispose();
  });
});
