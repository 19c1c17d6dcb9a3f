import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { mailDeliveries, notifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createCase } from '@/lib/cases/commands';
import { startWorkers, stopWorkers } from '@/lib/jobs/jobs';
import { defineAppQueues } from '@/lib/jobs/queues';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { startTestSmtpServer, type TestSmtpServer } from '@/lib/testing/smtp-server';
import { withTestDatabase } from '@/lib/testing/test-database';
import type { MailConfig } from './config';

// The whole path as production runs it: a committed intake, the outbox relay, the e-mail plan and the send jobs, two
// workers in one process sharing the database, and a real SMTP server on 127.0.0.1.
withTestDatabase();

let smtp: TestSmtpServer;
let officer: Actor;
const liaisonAddresses: string[] = [];
const dutyAddress = `duty-${Date.now()}@kh-embassy-of-china.example`;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  const config: MailConfig = { smtpUrl: smtp.url, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'https://casebridge.example' };
  await startWorkers({ queues: defineAppQueues({ configOf: () => config, retries: { limit: 4, delaySeconds: 1 } }), pollingIntervalSeconds: 0.5 });
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  const china = await createOrganisation({ kind: 'embassy', countryCode: 'CN', dutyEmailAddresses: [dutyAddress] });
  for (let index = 0; index < 2; index++) liaisonAddresses.push((await createUser({ role: 'embassy_liaison', organisationId: china.id })).email);
}, 90_000);

afterAll(async () => {
  await stopWorkers();
  await smtp.close();
});

const received = (address: string) => smtp.received.filter((mail) => mail.envelopeTo.includes(address));

describe('e-mail of a new notification, end to end', () => {
  it('reaches every liaison officer and the duty address once, within seconds of the commit, and sends nothing for a rollback', async () => {
    const before = smtp.received.length;
    // 999 passes the TypeScript type but not the database's age check: the intake rolls back, so nothing is sent.
    await expect(createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN', approximateAge: '999' })] }))).rejects.toThrow();
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' })] }));
    await vi.waitFor(() => expect(smtp.received.length - before).toBe(3), { timeout: 30_000, interval: 200 });
    for (const address of [...liaisonAddresses, dutyAddress]) {
      expect(received(address)).toHaveLength(1);
      expect(received(address)[0]!.parsed.subject).toContain(created.referenceNumber);
    }
    // Nothing more arrives later: one message per recipient.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(smtp.received.length - before).toBe(3);
  });

  it('retries a refusing mail server and records the failed attempt: one delivery, no duplicates', async () => {
    const before = smtp.received.length;
    smtp.refuseNext(1);
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' })] }));
    await vi.waitFor(() => expect(smtp.received.length - before).toBe(3), { timeout: 100_000, interval: 250 });
    const [notification] = await getDb().select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, created.id));
    const deliveriesOf = () => getDb().select().from(mailDeliveries).where(inArray(mailDeliveries.notificationId, [notification!.id]));
    // The server has the third message a moment before the worker's transaction records it as sent.
    await vi.waitFor(async () => expect((await deliveriesOf()).every((delivery) => delivery.status === 'sent')).toBe(true), { timeout: 10_000, interval: 100 });
    const deliveries = await deliveriesOf();
    expect(deliveries).toHaveLength(3);
    expect(deliveries.every((delivery) => delivery.status === 'sent' && delivery.providerMessageId)).toBe(true);
    // The refusal fell on one of this notification's messages: its failed attempt is recorded beside the successes.
    expect(deliveries.reduce((total, delivery) => total + delivery.attempts, 0)).toBe(4);
  }, 120_000);
});
