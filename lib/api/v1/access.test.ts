import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { apiKeys, cases, notifications, type OrganisationKind } from '@/db/schema';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/commands';
import { scopesOfKind, type ApiScope } from '@/lib/api-keys/scopes';
import type { Actor } from '@/lib/auth/actor';
import { routeEntries } from '@/lib/auth/access-matrix';
import { createCase } from '@/lib/cases/commands';
import { apiBaseUrl, apiFetch } from '@/lib/testing/api-client';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser, uniqueSuffix } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { apiOperations, type OperationId } from './contract';

vi.mock('next-auth', () => ({ getServerSession: vi.fn() }));

// The access matrix of the partner API: every operation × every kind of organisation's key × its scopes, plus
// another embassy's record (404), a revoked or expired key and none at all (401), a scope missing (403).
withTestDatabase();

type KeyKind = Exclude<OrganisationKind, 'platform'>;
const keyKinds: KeyKind[] = ['police', 'embassy', 'governor_office', 'ministry'];

let caseId: string;
let notificationId: string;
const organisationOf = {} as Record<KeyKind | 'otherEmbassy', string>;
const adminOf = {} as Record<KeyKind | 'otherEmbassy', Actor>;

async function key(owner: KeyKind | 'otherEmbassy', scopes: readonly ApiScope[]) {
  return createApiKey(adminOf[owner], { organisationId: organisationOf[owner], name: `Matrix ${uniqueSuffix()}`, scopes: [...scopes], expiresInDays: 30 });
}

beforeAll(async () => {
  const made = {
    police: await createOrganisation({ kind: 'police', provinceCode: 'KKG' }),
    embassy: await createOrganisation({ kind: 'embassy', countryCode: 'CN' }),
    otherEmbassy: await createOrganisation({ kind: 'embassy', countryCode: 'VN' }),
    governor_office: await createOrganisation({ kind: 'governor_office', provinceCode: 'KKG' }),
    ministry: await createOrganisation({ kind: 'ministry' }),
  };
  for (const [owner, organisation] of Object.entries(made) as [KeyKind | 'otherEmbassy', { id: string }][]) {
    organisationOf[owner] = organisation.id;
    adminOf[owner] = await actorFor(await createUser({ role: 'organisation_admin', organisationId: organisation.id }));
  }
  const officer = await actorFor(await createUser({ role: 'police_officer', organisationId: made.police.id }));
  caseId = (await createCase(officer, buildCaseInput({ people: [buildPersonInput({ latinName: 'Wang Fang', nationality: 'CN' })] }))).id;
  const [notification] = await getDb().select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, caseId));
  notificationId = notification!.id;
});

/** A valid request for each operation, on the records made above. */
async function requestFor(operationId: OperationId, token: string | null): Promise<Request> {
  const headers: Record<string, string> = { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json', 'Idempotency-Key': `matrix-${uniqueSuffix()}` };
  const post = (path: string, body: unknown, method = 'POST') => new Request(`${apiBaseUrl}${path}`, { method, headers, body: JSON.stringify(body) });
  const get = (path: string) => new Request(`${apiBaseUrl}${path}`, { headers });
  switch (operationId) {
    case 'listNotifications':
      return get('/notifications');
    case 'getNotification':
      return get(`/notifications/${notificationId}`);
    case 'acknowledgeNotification':
      return post(`/notifications/${notificationId}/acknowledgement`, { note: '' });
    case 'getNotifiedCase':
      return get(`/notifications/${notificationId}/case`);
    case 'getCooperationThread':
      return get(`/notifications/${notificationId}/cooperation`);
    case 'recordCooperationAction':
      return post(`/notifications/${notificationId}/cooperation/actions`, { actionType: 'other', status: 'requested', actionDate: '2026-03-03', description: 'A request.' });
    case 'postMessage':
      return post(`/notifications/${notificationId}/cooperation/messages`, { body: 'A message.' });
    case 'listCases':
      return get('/cases');
    case 'createCase':
      return post('/cases', buildCaseInput());
    case 'getCase':
      return get(`/cases/${caseId}`);
    case 'updateCase': {
      const [row] = await getDb().select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
      headers['If-Match'] = `"${row?.version ?? 1}"`;
      return post(`/cases/${caseId}`, buildCaseInput({ people: [buildPersonInput({ latinName: 'Wang Fang', nationality: 'CN' })] }), 'PATCH');
    }
    case 'getSummary':
      return get('/summaries');
  }
}

const operationIds = apiOperations.map((operation) => operation.operationId);

describe('the partner API access matrix', () => {
  it('lists every API operation in lib/auth/access-matrix.ts as a key-only route', () => {
    const apiEntries = routeEntries.filter((entry) => entry.access.kind === 'api-key');
    expect(apiEntries.flatMap((entry) => entry.methods.map((method) => `${method} ${entry.path}`)).sort()).toEqual(
      apiOperations.map((operation) => `${operation.method.toUpperCase()} /api/v1${operation.path.replace(/\{(\w+)\}/g, '[$1]')}`).sort(),
    );
  });

  describe.each(keyKinds)('a key of a %s organisation', (kind) => {
    it.each(operationIds)('with every scope of its kind: %s', async (operationId) => {
      const operation = apiOperations.find((candidate) => candidate.operationId === operationId)!;
      const created = await key(kind, scopesOfKind[kind]);
      const response = await apiFetch(await requestFor(operationId, created.token));
      if ((scopesOfKind[kind] as readonly string[]).includes(operation.scope)) expect(response.status, `${kind} ${operationId}`).toBe(operation.status);
      else expect(response.status, `${kind} ${operationId}`).toBe(403);
    });
  });

  it.each(operationIds)('refuses a key without the operation’s scope (403): %s', async (operationId) => {
    const operation = apiOperations.find((candidate) => candidate.operationId === operationId)!;
    const kind = keyKinds.find((candidate) => (scopesOfKind[candidate] as readonly string[]).includes(operation.scope))!;
    const others = scopesOfKind[kind].filter((scope) => scope !== operation.scope);
    // Where the kind has no other scope (governors' offices, the ministry), a key of another kind lacks it.
    const created = others.length > 0 ? await key(kind, others) : await key('police', ['cases:read']);
    const response = await apiFetch(await requestFor(operationId, created.token));
    expect(response.status).toBe(403);
  });

  it.each(operationIds.filter((operationId) => apiOperations.find((operation) => operation.operationId === operationId)!.path.startsWith('/notifications/')))(
    'answers another embassy’s notification as not found (404): %s',
    async (operationId) => {
      const created = await key('otherEmbassy', scopesOfKind.embassy);
      const response = await apiFetch(await requestFor(operationId, created.token));
      expect(response.status).toBe(404);
    },
  );

  it.each(operationIds)('answers no key, a revoked key and an expired key alike (401): %s', async (operationId) => {
    const kind = keyKinds.find((candidate) => (scopesOfKind[candidate] as readonly string[]).includes(apiOperations.find((operation) => operation.operationId === operationId)!.scope))!;
    const revoked = await key(kind, scopesOfKind[kind]);
    await revokeApiKey(adminOf[kind], { id: revoked.id });
    const expired = await key(kind, scopesOfKind[kind]);
    await getDb().update(apiKeys).set({ createdAt: new Date(Date.now() - 2 * 86_400_000), expiresAt: new Date(Date.now() - 86_400_000) }).where(eq(apiKeys.id, expired.id));
    for (const token of [null, revoked.token, expired.token, 'cbk_000000000000_not-a-real-secret-at-all-000000000000000000000']) {
      const response = await apiFetch(await requestFor(operationId, token));
      expect(response.status, String(token)).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toContain('Bearer');
    }
  });
});
