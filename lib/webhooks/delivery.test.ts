import { and, eq, inArray, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { mailDeliveries, notifications, outboxMessages, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { changeCaseStatus, createCase } from '@/lib/cases/commands';
import { DomainError } from '@/lib/domain-error';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { startTestWebhookReceiver, type TestWebhookReceiver } from '@/lib/testing/webhook-receiver';
import { redeliverWebhook, registerWebhookEndpoint, rotateWebhookSecret, setWebhookEndpointEnabled } from './commands';
import { attemptWebhookDelivery, retryDelayMs } from './deliver';
import { planWebhookDeliveries } from './fan-out';

// Attempts driven by hand with a clock: no workers run in this file, so nothing but the test sends.
withTestDatabase();

let receiver: TestWebhookReceiver;
let officer: Actor;
let embassyAdmin: Actor;
let embassyId: string;
const loopback = { allowLoopbackHttp: true, baseUrl: 'https://casebridge.example' };

beforeAll(async () => {
  receiver = await startTestWebhookReceiver();
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  const embassy = await createOrganisation({ kind: 'embassy', countryCode: 'CN' });
  embassyId = embassy.id;
  embassyAdmin = await actorFor(await createUser({ role: 'organisation_admin', organisationId: embassy.id }));
}, 60_000);

afterAll(async () => {
  await receiver.close();
});

async function newNotificationId(latinName: string): Promise<string> {
  const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN', latinName })] }));
  const [row] = await getDb()
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.caseId, created.id), eq(notifications.embassyOrganisationId, embassyId)));
  return row!.id;
}

/** Each test's endpoint is the embassy's only enabled one: the earlier tests' are switched off. */
async function registered(events: ('notification.created' | 'notification.updated' | 'notification.overdue')[] = ['notification.created']) {
  await getDb().update(webhookEndpoints).set({ enabled: false, disabledAt: new Date(), disabledReason: 'admin' }).where(and(eq(webhookEndpoints.organisationId, embassyId), eq(webhookEndpoints.enabled, true)));
  return registerWebhookEndpoint(embassyAdmin, { organisationId: embassyId, url: receiver.url, events }, loopback);
}

describe('webhook registration', () => {
  it('refuses private-range, metadata and plain-http URLs', async () => {
    for (const [url, reason] of [
      ['https://10.0.0.1/hook', 'private_address'],
      ['https://169.254.169.254/', 'private_address'],
      ['https://[fd00::1]/hook', 'private_address'],
      ['http://example.org/hook', 'https_required'],
    ] as const) {
      const refused = await registerWebhookEndpoint(embassyAdmin, { organisationId: embassyId, url, events: ['notification.created'] }, { allowLoopbackHttp: false }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).fieldErrors).toEqual({ url: [`webhooks.validation.${reason}`] });
    }
    // Without the setting, the test receiver itself is refused.
    await expect(registerWebhookEndpoint(embassyAdmin, { organisationId: embassyId, url: receiver.url, events: ['notification.created'] }, { allowLoopbackHttp: false })).rejects.toThrow(DomainError);
  });

  it("is the organisation admin's for their own organisation only", async () => {
    const other = await createOrganisation({ kind: 'embassy', countryCode: 'VN' });
    await expect(registerWebhookEndpoint(embassyAdmin, { organisationId: other.id, url: receiver.url, events: ['notification.created'] }, loopback)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(registerWebhookEndpoint(officer, { organisationId: embassyId, url: receiver.url, events: ['notification.created'] }, loopback)).rejects.toThrow();
  });
});

describe('webhook delivery', () => {
  it('retries a receiver that fails three times, then delivers once, with a log of four attempts', async () => {
    const endpoint = await registered();
    const latinName = `Zhang Wei ${Date.now()}`;
    const notificationId = await newNotificationId(latinName);
    const start = new Date();
    const [deliveryId, ...more] = await planWebhookDeliveries({ type: 'notification.created', notificationId }, crypto.randomUUID(), start, 'https://casebridge.example');
    expect(more).toEqual([]);
    const before = receiver.received.length;
    receiver.failNext(3);
    let now = start;
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const outcome = await attemptWebhookDelivery(deliveryId!, { now, ...loopback });
      outcomes.push(outcome.kind);
      if (outcome.kind === 'retry') {
        expect(outcome.nextAttemptAt.getTime() - now.getTime()).toBe(retryDelayMs(attempt));
        now = outcome.nextAttemptAt;
      }
    }
    expect(outcomes).toEqual(['retry', 'retry', 'retry', 'delivered']);
    // A fifth call sends nothing: the delivery is done.
    expect((await attemptWebhookDelivery(deliveryId!, { now, ...loopback })).kind).toBe('skipped');

    const requests = receiver.received.slice(before);
    expect(requests.map((request) => request.answered)).toEqual([503, 503, 503, 204]);
    // Every attempt carries the same event id, and each verifies with the endpoint's secret.
    const verifier = new Webhook(endpoint.secret);
    for (const request of requests) {
      expect(request.headers['webhook-id']).toBe(requests[0]!.headers['webhook-id']);
      expect(verifier.verify(request.body, request.headers as Record<string, string>)).toMatchObject({ type: 'notification.created', data: { notificationId } });
      expect(request.body).not.toContain(latinName);
    }
    const [delivery] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId!));
    expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 4, lastResponseStatus: 204, nextAttemptAt: null });
    expect(delivery!.attempts.map((attempt) => attempt.responseStatus)).toEqual([503, 503, 503, 204]);
    const [stored] = await getDb().select({ failingSince: webhookEndpoints.failingSince }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(stored!.failingSince).toBeNull();
  });

  it('disables an endpoint that has failed for 24 hours, and redelivers once it is enabled again', async () => {
    const endpoint = await registered(['notification.created', 'notification.updated']);
    const notificationId = await newNotificationId(`Li Na ${Date.now()}`);
    const start = new Date();
    const [deliveryId] = await planWebhookDeliveries({ type: 'notification.created', notificationId }, crypto.randomUUID(), start, 'https://casebridge.example');
    receiver.failNext(1_000);
    let now = start;
    let outcome = await attemptWebhookDelivery(deliveryId!, { now, ...loopback });
    let attempts = 1;
    while (outcome.kind === 'retry') {
      now = outcome.nextAttemptAt;
      outcome = await attemptWebhookDelivery(deliveryId!, { now, ...loopback });
      attempts++;
    }
    receiver.failNext(0);
    expect(outcome.kind).toBe('failed');
    // 30 s doubling to 8 hours apart fills 24 hours with a few more than a dozen attempts.
    expect(attempts).toBeGreaterThan(10);
    expect(attempts).toBeLessThan(16);
    expect(now.getTime() - start.getTime()).toBeLessThanOrEqual(24 * 60 * 60 * 1000);

    // The next failure, a day after the first, switches the endpoint off.
    const [second] = await planWebhookDeliveries({ type: 'notification.updated', notificationId }, crypto.randomUUID(), now, 'https://casebridge.example');
    receiver.failNext(1);
    expect((await attemptWebhookDelivery(second!, { now: new Date(start.getTime() + 24 * 60 * 60 * 1000 + 1), ...loopback })).kind).toBe('failed');
    receiver.failNext(0);
    const [disabled] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'failing' });
    // Its administrator is e-mailed, once, in the transaction that switched it off.
    const mail = await getDb().select().from(mailDeliveries).where(and(eq(mailDeliveries.kind, 'webhook_disabled'), eq(mailDeliveries.organisationId, embassyId)));
    expect(mail.map((delivery) => delivery.recipientUserId)).toEqual([embassyAdmin.userId]);
    expect(mail[0]!.textBody).toContain(`https://casebridge.example/organisation/webhooks/${endpoint.id}`);
    await expect(redeliverWebhook(embassyAdmin, { deliveryId: deliveryId! })).rejects.toMatchObject({ kind: 'refused' });

    await setWebhookEndpointEnabled(embassyAdmin, { id: endpoint.id, version: disabled!.version, enabled: true });
    expect(await redeliverWebhook(embassyAdmin, { deliveryId: deliveryId! })).toBe(deliveryId);
    expect((await attemptWebhookDelivery(deliveryId!, { now: new Date(), ...loopback })).kind).toBe('delivered');
  });

  it('signs with the new and the previous secret during a rotation; a stale version is a conflict', async () => {
    const endpoint = await registered();
    const [row] = await getDb().select({ version: webhookEndpoints.version }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    const rotated = await rotateWebhookSecret(embassyAdmin, { id: endpoint.id, version: row!.version });
    expect(rotated.secret).not.toBe(endpoint.secret);
    await expect(rotateWebhookSecret(embassyAdmin, { id: endpoint.id, version: row!.version })).rejects.toMatchObject({ kind: 'conflict' });

    const notificationId = await newNotificationId(`Wang Fang ${Date.now()}`);
    const [deliveryId] = await planWebhookDeliveries({ type: 'notification.created', notificationId }, crypto.randomUUID(), new Date(), 'https://casebridge.example');
    const before = receiver.received.length;
    expect((await attemptWebhookDelivery(deliveryId!, { now: new Date(), ...loopback })).kind).toBe('delivered');
    const request = receiver.received[before]!;
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [endpoint.secret, rotated.secret]) expect(() => new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
  });

  it("tells the province's police of a status change of one of its cases, and no embassy", async () => {
    const policeAdmin = await actorFor(await createUser({ role: 'organisation_admin', organisationId: officer.organisationId }));
    const police = await registerWebhookEndpoint(policeAdmin, { organisationId: officer.organisationId, url: receiver.url, events: ['case.updated'] }, loopback);
    // An embassy cannot subscribe to a case's changes: it sees cases only through its notifications.
    await expect(registerWebhookEndpoint(embassyAdmin, { organisationId: embassyId, url: receiver.url, events: ['case.updated'] }, loopback)).rejects.toMatchObject({ kind: 'invalid' });
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' })] }));
    await changeCaseStatus(officer, { caseId: created.id, version: 1, status: 'under_investigation', closureReason: '' });
    const [message] = await getDb()
      .select({ payload: outboxMessages.payload })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.topic, 'case.updated'), sql`${outboxMessages.payload}->>'caseId' = ${created.id}`));
    expect(message?.payload).toEqual({ caseId: created.id });

    const ids = await planWebhookDeliveries({ type: 'case.updated', caseId: created.id }, crypto.randomUUID(), new Date(), 'https://casebridge.example');
    const deliveries = await getDb().select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids));
    expect(deliveries.map((delivery) => delivery.endpointId)).toEqual([police.id]);
    expect(deliveries[0]!.payload).toMatchObject({ type: 'case.updated', data: { caseId: created.id, url: `https://casebridge.example/api/v1/cases/${created.id}` } });
  });

  it('tells the embassy subscribed to it that a notification is overdue, and nobody else', async () => {
    const endpoint = await registered(['notification.overdue']);
    const notificationId = await newNotificationId('Overdue Case Person');
    const ids = await planWebhookDeliveries({ type: 'notification.overdue', notificationId }, crypto.randomUUID(), new Date(), 'https://casebridge.example');
    const deliveries = await getDb().select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids));
    expect(deliveries.map((delivery) => delivery.endpointId)).toEqual([endpoint.id]);
    expect(deliveries[0]!.payload).toMatchObject({ type: 'notification.overdue', data: { notificationId, url: `https://casebridge.example/api/v1/notifications/${notificationId}` } });
  });

  it('resolves a host name through the guarded lookup (localhost, allowed by the setting)', async () => {
    await getDb().update(webhookEndpoints).set({ enabled: false, disabledAt: new Date(), disabledReason: 'admin' }).where(and(eq(webhookEndpoints.organisationId, embassyId), eq(webhookEndpoints.enabled, true)));
    await registerWebhookEndpoint(embassyAdmin, { organisationId: embassyId, url: receiver.url.replace('127.0.0.1', 'localhost'), events: ['notification.created'] }, loopback);
    const notificationId = await newNotificationId(`Zhou Min ${Date.now()}`);
    const [deliveryId] = await planWebhookDeliveries({ type: 'notification.created', notificationId }, crypto.randomUUID(), new Date(), 'https://casebridge.example');
    const outcome = await attemptWebhookDelivery(deliveryId!, { now: new Date(), ...loopback });
    const [delivery] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId!));
    expect({ outcome: outcome.kind, error: delivery!.lastError }).toEqual({ outcome: 'delivered', error: null });
  });

  it('refuses, at delivery time, an endpoint that is no longer allowed', async () => {
    const endpoint = await registered();
    const notificationId = await newNotificationId(`Chen Jie ${Date.now()}`);
    const [deliveryId] = await planWebhookDeliveries({ type: 'notification.created', notificationId }, crypto.randomUUID(), new Date(), 'https://casebridge.example');
    const before = receiver.received.length;
    // The setting was switched off after the endpoint was registered.
    expect((await attemptWebhookDelivery(deliveryId!, { now: new Date(), allowLoopbackHttp: false, baseUrl: 'https://casebridge.example' })).kind).toBe('retry');
    expect(receiver.received.length).toBe(before);
    const [delivery] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId!));
    expect(delivery).toMatchObject({ status: 'pending', lastResponseStatus: null, lastError: 'the endpoint must use https' });
    // A job that runs before the next attempt is due sends nothing and records nothing.
    expect((await attemptWebhookDelivery(deliveryId!, { now: new Date(), ...loopback })).kind).toBe('skipped');
    expect(receiver.received.length).toBe(before);
    expect(endpoint.id).toBe(delivery!.endpointId);
  });
});
