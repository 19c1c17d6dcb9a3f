import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { apiIdempotencyRecords, apiKeys, auditLog, cases, notifications } from '@/db/schema';
import { createApiKey } from '@/lib/api-keys/commands';
import type { Actor } from '@/lib/auth/actor';
import { createCase, updateCase } from '@/lib/cases/commands';
import { createApiClient } from '@/lib/testing/api-client';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser, uniqueSuffix } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { sql } from 'drizzle-orm';
import { requestsPerMinute } from './rate-limit';

vi.mock('next-auth', () => ({ getServerSession: vi.fn() }));

// The partner API driven through the typed client generated from its OpenAPI document (lib/testing/api-client.ts),
// every answer validated against that document.
withTestDatabase();

let officer: Actor;
let embassyToken: string;
let policeToken: string;
let caseId: string;

async function keyFor(organisationId: string, scopes: Parameters<typeof createApiKey>[1]['scopes']) {
  const admin = await actorFor(await createUser({ role: 'organisation_admin', organisationId }));
  return (await createApiKey(admin, { organisationId, name: `Partner ${uniqueSuffix()}`, scopes, expiresInDays: 30 })).token;
}

beforeAll(async () => {
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  const embassy = await createOrganisation({ kind: 'embassy', countryCode: 'CN' });
  embassyToken = await keyFor(embassy.id, ['notifications:read', 'notifications:acknowledge', 'cooperation:write']);
  policeToken = await keyFor(police.id, ['cases:read', 'cases:write']);
  const created = await createCase(
    officer,
    buildCaseInput({ isNarrativeShareable: true, narrative: 'Shared.', people: [buildPersonInput({ latinName: 'Zhang Wei', nationality: 'CN', detentionStatus: 'detained', detentionChangedAt: '2026-03-02T10:00' })] }),
  );
  caseId = created.id;
});

describe('the embassy’s side', () => {
  it('lists, reads and acknowledges its notification, once per Idempotency-Key', async () => {
    const client = createApiClient(embassyToken);
    const listed = await client.GET('/notifications', { params: { query: { limit: 10 } } });
    expect(listed.response.status).toBe(200);
    const notification = listed.data?.items.find((item) => item.state === 'open' && item.caseId === caseId);
    expect(notification).toMatchObject({ kind: 'detention', caseStatus: 'reported' });
    expect(listed.response.headers.get('RateLimit-Policy')).toBe(`${requestsPerMinute};w=60`);
    const id = notification!.id;

    const one = await client.GET('/notifications/{id}', { params: { path: { id } } });
    expect(one.data?.id).toBe(id);
    const view = await client.GET('/notifications/{id}/case', { params: { path: { id } } });
    expect(view.data?.nationals).toEqual([expect.objectContaining({ disclosure: 'full', latinName: 'Zhang Wei' })]);

    const headers = { 'Idempotency-Key': `ack-${uniqueSuffix()}` };
    const first = await client.POST('/notifications/{id}/acknowledgement', { params: { path: { id }, header: headers }, body: { note: 'Received by the consular section.' } });
    expect(first.response.status).toBe(200);
    const retry = await client.POST('/notifications/{id}/acknowledgement', { params: { path: { id }, header: headers }, body: { note: 'Received by the consular section.' } });
    expect(retry.response.status).toBe(200);
    expect(retry.response.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.data?.acknowledgedAt).toBe(first.data?.acknowledgedAt);
    const reused = await client.POST('/notifications/{id}/acknowledgement', { params: { path: { id }, header: headers }, body: { note: 'Another note' } });
    expect(reused.response.status).toBe(422);
    const again = await client.POST('/notifications/{id}/acknowledgement', { params: { path: { id }, header: { 'Idempotency-Key': `ack-${uniqueSuffix()}` } }, body: { note: '' } });
    expect(again.response.status).toBe(409);

    // Every call is audited with the key's name.
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.action, 'api.request'));
    expect(entries.length).toBeGreaterThanOrEqual(6);
    expect(entries.every((entry) => typeof (entry.details as { keyName?: unknown }).keyName === 'string')).toBe(true);
  });

  it('records cooperation and messages in the thread', async () => {
    const client = createApiClient(embassyToken);
    const [notification] = await getDb().select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, caseId));
    const id = notification!.id;
    const action = await client.POST('/notifications/{id}/cooperation/actions', {
      params: { path: { id }, header: { 'Idempotency-Key': `action-${uniqueSuffix()}` } },
      body: { actionType: 'consular_visit', status: 'requested', actionDate: '2026-03-03', description: 'We ask to visit Mr Zhang.', respondsToId: '', handlingCode: 'H0', handlingNote: '' },
    });
    expect(action.response.status).toBe(201);
    const message = await client.POST('/notifications/{id}/cooperation/messages', { params: { path: { id }, header: { 'Idempotency-Key': `message-${uniqueSuffix()}` } }, body: { body: 'Interpreter available.', handlingCode: 'H0', handlingNote: '' } });
    expect(message.response.status).toBe(201);
    const thread = await client.GET('/notifications/{id}/cooperation', { params: { path: { id } } });
    expect(thread.data?.actions.map((entry) => entry.id)).toContain(action.data?.id);
    expect(thread.data?.messages.map((entry) => entry.body)).toContain('Interpreter available.');
    const invalid = await client.POST('/notifications/{id}/cooperation/messages', { params: { path: { id }, header: { 'Idempotency-Key': `message-${uniqueSuffix()}` } }, body: { body: '', handlingCode: 'H0', handlingNote: '' } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.response.headers.get('content-type')).toBe('application/problem+json');
    expect(invalid.error?.errors).toEqual([expect.objectContaining({ field: 'body', code: 'validation.required' })]);
  });

  it('pages through changes with a cursor and Link header, and syncs from updated_since', async () => {
    for (let index = 0; index < 3; index++) {
      await createCase(officer, buildCaseInput({ people: [buildPersonInput({ latinName: `Li Na ${index}`, nationality: 'CN' })] }));
    }
    const client = createApiClient(embassyToken);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await client.GET('/notifications', { params: { query: { limit: 2, ...(cursor ? { cursor } : {}) } } });
      seen.push(...(result.data?.items.map((item) => item.id) ?? []));
      const link = result.response.headers.get('Link');
      cursor = result.data?.nextCursor ?? undefined;
      if (!cursor) {
        expect(link).toBeNull();
        break;
      }
      expect(link).toContain('rel="next"');
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    const future = await client.GET('/notifications', { params: { query: { updated_since: new Date(Date.now() + 60_000).toISOString() } } });
    expect(future.data?.items).toEqual([]);
  });
});

describe('a withdrawn notification', () => {
  it('reaches the sync as withdrawn, without its case, which is no longer the embassy’s to read', async () => {
    const input = buildCaseInput({ people: [buildPersonInput({ latinName: 'Chen Jie', nationality: 'CN' })] });
    const created = await createCase(officer, input);
    await updateCase(officer, { caseId: created.id, version: 1, details: { ...input, people: [buildPersonInput({ roleInCase: 'witness', nationality: 'KH', latinName: 'Sok Dara' })] } });
    const [notification] = await getDb().select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, created.id));
    const client = createApiClient(embassyToken);
    const read = await client.GET('/notifications/{id}', { params: { path: { id: notification!.id } } });
    expect(read.data).toEqual(expect.objectContaining({ state: 'withdrawn', id: notification!.id }));
    expect(JSON.stringify(read.data)).not.toContain(created.id);
    const synced = await client.GET('/notifications', { params: { query: { limit: 100 } } });
    expect(synced.data?.items.find((item) => item.id === notification!.id)?.state).toBe('withdrawn');
    expect((await client.GET('/notifications/{id}/case', { params: { path: { id: notification!.id } } })).response.status).toBe(404);
    expect((await client.GET('/notifications/{id}/cooperation', { params: { path: { id: notification!.id } } })).response.status).toBe(404);
  });
});

describe('idempotency records', () => {
  it('are forgotten after 24 hours, at the key’s next window', async () => {
    const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
    const token = await keyFor(police.id, ['cases:write', 'cases:read']);
    const [key] = await getDb().select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.prefix, token.split('_')[1] ?? ''));
    await getDb().insert(apiIdempotencyRecords).values({ apiKeyId: key!.id, idempotencyKey: 'old', requestHash: '0'.repeat(64), createdAt: new Date(Date.now() - 25 * 3_600_000) });
    await getDb().insert(apiIdempotencyRecords).values({ apiKeyId: key!.id, idempotencyKey: 'recent', requestHash: '0'.repeat(64) });
    await createApiClient(token).GET('/cases', {});
    const kept = await getDb().select({ key: apiIdempotencyRecords.idempotencyKey }).from(apiIdempotencyRecords).where(eq(apiIdempotencyRecords.apiKeyId, key!.id));
    expect(kept.map((row) => row.key)).toEqual(['recent']);
  });
});

describe('the police’s side', () => {
  it('records a case with the intake form’s rules and numbering, reads it and changes it with If-Match', async () => {
    const client = createApiClient(policeToken);
    const input = buildCaseInput({ title: `From the provincial system ${uniqueSuffix()}` });
    const created = await client.POST('/cases', { params: { header: { 'Idempotency-Key': `case-${uniqueSuffix()}` } }, body: input });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    expect(created.response.headers.get('Location')).toMatch(new RegExp(`/api/v1/cases/${id}$`));
    const [row] = await getDb().select({ referenceNumber: cases.referenceNumber }).from(cases).where(eq(cases.id, id));
    expect(row?.referenceNumber).toMatch(/^KKG-/);

    const read = await client.GET('/cases/{id}', { params: { path: { id } } });
    expect(read.response.headers.get('ETag')).toBe('"1"');
    const changed = await client.PATCH('/cases/{id}', { params: { path: { id }, header: { 'If-Match': '"1"' } }, body: { ...input, title: `${input.title} (updated)` } });
    expect(changed.response.status).toBe(200);
    expect(changed.data?.version).toBe(2);
    const stale = await client.PATCH('/cases/{id}', { params: { path: { id }, header: { 'If-Match': '"1"' } }, body: input });
    expect(stale.response.status).toBe(412);
    const unconditional = await client.PATCH('/cases/{id}', { params: { path: { id }, header: {} as { 'If-Match': string } }, body: input });
    expect(unconditional.response.status).toBe(428);

    const searched = await client.GET('/cases', { params: { query: { q: '(updated)' } } });
    expect(searched.data?.items.map((item) => item.id)).toEqual([id]);
  });

  it('refuses the intake form’s invalid input with field errors, and does it once per Idempotency-Key', async () => {
    const client = createApiClient(policeToken);
    const invalid = await client.POST('/cases', { params: { header: { 'Idempotency-Key': `case-${uniqueSuffix()}` } }, body: { ...buildCaseInput(), title: '' } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'title', code: 'validation.required' })]));
    const key = `case-${uniqueSuffix()}`;
    const input = buildCaseInput();
    const first = await client.POST('/cases', { params: { header: { 'Idempotency-Key': key } }, body: input });
    const second = await client.POST('/cases', { params: { header: { 'Idempotency-Key': key } }, body: input });
    expect(second.data?.id).toBe(first.data?.id);
    const [counted] = await getDb().select({ total: sql<number>`count(*)`.mapWith(Number) }).from(cases).where(eq(cases.title, input.title));
    expect(counted?.total).toBe(1);
  });

  it('answers 429 past the key’s limit in the window, with Retry-After', async () => {
    const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
    const token = await keyFor(police.id, ['cases:read']);
    const client = createApiClient(token);
    expect((await client.GET('/cases', {})).response.status).toBe(200);
    // Fill this minute's window (and the next, should the minute turn) as other instances' requests would have.
    const [key] = await getDb().select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.prefix, token.split('_')[1] ?? ''));
    for (const minutesAhead of [0, 1]) {
      await getDb().execute(sql`insert into api_rate_limit_counters (api_key_id, window_started_at, requests)
        values (${key?.id}, date_trunc('minute', now()) + ${minutesAhead} * interval '1 minute', ${requestsPerMinute})
        on conflict (api_key_id, window_started_at) do update set requests = excluded.requests`);
    }
    const limited = await client.GET('/cases', {});
    expect(limited.response.status).toBe(429);
    expect(Number(limited.response.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(limited.response.headers.get('RateLimit')).toContain('remaining=0');
  });
});
