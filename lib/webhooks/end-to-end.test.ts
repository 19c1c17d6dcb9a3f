import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createCase } from '@/lib/cases/commands';
import { startWorkers, stopWorkers } from '@/lib/jobs/jobs';
import { defineAppQueues } from '@/lib/jobs/queues';
import type { MailConfig } from '@/lib/mail/config';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { startTestWebhookReceiver, type TestWebhookReceiver } from '@/lib/testing/webhook-receiver';
import { registerWebhookEndpoint } from './commands';

// The whole path as production runs it: a police save commits an outbox message, the relay turns it into a topic
// job, the webhook fan-out plans a delivery and its job posts it, signed, to a receiver on 127.0.0.1.
withTestDatabase();

let receiver: TestWebhookReceiver;
let officer: Actor;
let secret: string;

beforeAll(async () => {
  receiver = await startTestWebhookReceiver();
  const mail: MailConfig = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'https://casebridge.example' };
  await startWorkers({
    queues: defineAppQueues({ configOf: () => mail }, { allowLoopbackHttp: () => true, baseUrl: () => 'https://casebridge.example' }),
    pollingIntervalSeconds: 0.5,
  });
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  const embassy = await createOrganisation({ kind: 'embassy', countryCode: 'CN' });
  const admin = await actorFor(await createUser({ role: 'organisation_admin', organisationId: embassy.id }));
  ({ secret } = await registerWebhookEndpoint(admin, { organisationId: embassy.id, url: receiver.url, events: ['notification.created'] }, { allowLoopbackHttp: true }));
}, 90_000);

afterAll(async () => {
  await stopWorkers();
  await receiver.close();
});

describe('webhooks, end to end', () => {
  it('reaches the embassy system within seconds of a police save, signed, once, and without personal data', async () => {
    const latinName = `Liu Yang ${Date.now()}`;
    const passport = `E${Date.now()}`;
    const startedAt = Date.now();
    const created = await createCase(
      officer,
      buildCaseInput({ people: [buildPersonInput({ nationality: 'CN', latinName, nativeName: '刘洋', idDocumentType: 'passport', idDocumentNumber: passport })] }),
    );
    await vi.waitFor(() => expect(receiver.received.length).toBe(1), { timeout: 20_000, interval: 100 });
    const elapsedMs = Date.now() - startedAt;
    expect(elapsedMs).toBeLessThan(10_000);

    const [request] = receiver.received;
    const event = new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>) as { type: string; data: Record<string, string> };
    expect(event.type).toBe('notification.created');
    expect(event.data.url).toBe(`https://casebridge.example/api/v1/notifications/${event.data.notificationId}`);
    for (const personal of [latinName, '刘洋', passport, created.referenceNumber]) expect(request!.body).not.toContain(personal);
    expect(Object.keys(event.data).sort()).toEqual(['notificationId', 'url']);

    // Nothing more arrives later: one delivery per event.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(receiver.received).toHaveLength(1);
  }, 60_000);
});
