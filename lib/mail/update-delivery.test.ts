import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { casePeople, notifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createCase, updateCase } from '@/lib/cases/commands';
import { startWorkers, stopWorkers } from '@/lib/jobs/jobs';
import { defineAppQueues } from '@/lib/jobs/queues';
import { appendCaseStatusUpdate } from '@/lib/notifications/sync';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { startTestSmtpServer, type TestSmtpServer } from '@/lib/testing/smtp-server';
import { withTestDatabase } from '@/lib/testing/test-database';
import type { MailConfig } from './config';
import { updateBatchStartOf } from './notification-updates';

// Update e-mails as production sends them: the outbox relay, the `notification.updated` job, the batch job, the send
// jobs, and a real SMTP server on 127.0.0.1.
withTestDatabase();

let smtp: TestSmtpServer;
let officer: Actor;
let immediateAddress: string;
let dailyAddress: string;
const dutyAddress = `duty-${Date.now()}@kh-embassy-of-china.example`;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  const config: MailConfig = { smtpUrl: smtp.url, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'https://casebridge.example' };
  await startWorkers({ queues: defineAppQueues({ configOf: () => config, retries: { limit: 4, delaySeconds: 1 } }), pollingIntervalSeconds: 0.5 });
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  const china = await createOrganisation({ kind: 'embassy', countryCode: 'CN', dutyEmailAddresses: [dutyAddress] });
  immediateAddress = (await createUser({ role: 'embassy_liaison', organisationId: china.id })).email;
  dailyAddress = (await createUser({ role: 'embassy_liaison', organisationId: china.id, updateMailFrequency: 'daily' })).email;
}, 90_000);

afterAll(async () => {
  await stopWorkers();
  await smtp.close();
});

const received = (address: string, subjectPart: string) =>
  smtp.received.filter((mail) => mail.envelopeTo.includes(address) && (mail.parsed.subject ?? '').includes(subjectPart));

describe('update e-mails, end to end', () => {
  const suspect = buildPersonInput({ nationality: 'CN' });
  const input = buildCaseInput({ people: [suspect] });
  let caseId: string;
  let referenceNumber: string;

  it('sends one message for a batch of updates to the officer who chose immediate e-mails, and none to the others', async () => {
    ({ id: caseId, referenceNumber } = await createCase(officer, input));
    await vi.waitFor(() => expect(received(dutyAddress, 'New consular notification')).toHaveLength(1), { timeout: 30_000, interval: 200 });
    // A batch is sent a minute after its quarter hour ends, which a test cannot wait for: the case was notified two
    // hours ago and its status changed twice three quarters of an hour ago, written by the status change's own
    // function with that clock. The relay, the jobs and the mail server are the real ones.
    await getDb()
      .update(notifications)
      .set({ createdAt: sql`${notifications.createdAt} - interval '2 hours'` })
      .where(eq(notifications.caseId, caseId));
    const batchStart = updateBatchStartOf(new Date(Date.now() - 45 * 60_000));
    await getDb().transaction((tx) => appendCaseStatusUpdate(tx, { caseId, from: 'reported', to: 'under_investigation', now: new Date(batchStart.getTime() + 60_000) }));
    await getDb().transaction((tx) => appendCaseStatusUpdate(tx, { caseId, from: 'under_investigation', to: 'referred_to_prosecutor', now: new Date(batchStart.getTime() + 120_000) }));

    await vi.waitFor(() => expect(received(immediateAddress, 'Updates to case')).toHaveLength(1), { timeout: 60_000, interval: 250 });
    const [mail] = received(immediateAddress, 'Updates to case');
    expect(mail?.parsed.subject).toBe(`Updates to case ${referenceNumber} (Koh Kong)`);
    expect(mail?.parsed.text).toContain('There are 2 updates to this case since the last e-mail:');
    expect(mail?.parsed.text).toContain('The case status changed to Under investigation.');
    expect(mail?.parsed.text).toContain('The case status changed to Referred to prosecutor.');
    expect(mail?.parsed.html).toContain(`https://casebridge.example/embassy/cases/${caseId}`);
    // Both updates' jobs asked for the same batch: one message, and nothing for the others, even a little later.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(received(immediateAddress, 'Updates to case')).toHaveLength(1);
    expect(received(dailyAddress, 'Updates to case')).toEqual([]);
    expect(received(dutyAddress, 'Updates to case')).toEqual([]);
  }, 120_000);

  it('sends a detention at once, urgent, to every officer and the duty address', async () => {
    const [person] = await getDb().select().from(casePeople).where(eq(casePeople.caseId, caseId));
    await updateCase(officer, {
      caseId,
      version: 1,
      details: { ...input, people: [{ ...suspect, id: person!.id, detentionStatus: 'detained', detentionChangedAt: '2026-03-03T08:00' }] },
    });
    for (const address of [immediateAddress, dailyAddress, dutyAddress]) {
      await vi.waitFor(() => expect(received(address, 'A national detained')).toHaveLength(1), { timeout: 30_000, interval: 200 });
      const [mail] = received(address, 'A national detained');
      expect(mail?.parsed.subject).toContain(`[URGENT – DETENTION] A national detained: case ${referenceNumber}`);
      const headerLines = mail?.parsed.headerLines.map((header) => header.line) ?? [];
      expect(headerLines).toEqual(expect.arrayContaining([expect.stringMatching(/^Importance: High$/i)]));
    }
  }, 120_000);
});
