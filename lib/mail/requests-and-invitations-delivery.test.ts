import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { mailDeliveries, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createCase } from '@/lib/cases/commands';
import { postCaseMessage, recordCooperationAction } from '@/lib/cooperation/commands';
import { createUserAccount } from '@/lib/directory/commands';
import { createUserSchema } from '@/lib/directory/schemas';
import { acceptInvitation, lookUpInvitation, reissueInvitation } from '@/lib/invitations/commands';
import { startWorkers, stopWorkers } from '@/lib/jobs/jobs';
import { defineAppQueues } from '@/lib/jobs/queues';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser, uniqueSuffix } from '@/lib/testing/factories';
import { startTestSmtpServer, type TestSmtpServer } from '@/lib/testing/smtp-server';
import { withTestDatabase } from '@/lib/testing/test-database';
import { mailConfig, type MailConfig } from './config';
import { removedTokenPlaceholder } from './invitation';

// Request and invitation e-mails the whole way production sends them: the committed change, the outbox relay, the
// topic's job, the send jobs, and a real SMTP server on 127.0.0.1.
withTestDatabase();

let smtp: TestSmtpServer;
let officer: Actor;
let admin: Actor;
let policeForceId: string;
const liaisonAddresses: string[] = [];
const dutyAddress = `duty-${uniqueSuffix()}@kr-embassy.example`;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  const config: MailConfig = { smtpUrl: smtp.url, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'https://casebridge.example' };
  await startWorkers({ queues: defineAppQueues({ configOf: () => config, retries: { limit: 4, delaySeconds: 1 } }), pollingIntervalSeconds: 0.5 });
  policeForceId = (await createOrganisation({ kind: 'police', provinceCode: 'KKG' })).id;
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: policeForceId }));
  admin = await actorFor(await createUser({ role: 'admin', organisationId: (await createOrganisation({ kind: 'platform' })).id }));
  const korea = await createOrganisation({ kind: 'embassy', countryCode: 'KR', dutyEmailAddresses: [dutyAddress] });
  for (let index = 0; index < 2; index++) liaisonAddresses.push((await createUser({ role: 'embassy_liaison', organisationId: korea.id })).email);
}, 90_000);

afterAll(async () => {
  await stopWorkers();
  await smtp.close();
});

const received = (address: string, since = 0) => smtp.received.slice(since).filter((mail) => mail.envelopeTo.includes(address));
const tokenIn = (text: string) => /\/invite\/([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? null;

describe('request e-mails, end to end', () => {
  it('reach each liaison officer once for a committed message, never with its text, and nothing for a rolled-back one', async () => {
    const { id: caseId, referenceNumber } = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'KR' })] }));
    // The notification's own e-mails (two officers and the duty address) arrive first.
    await vi.waitFor(() => expect([...liaisonAddresses, dutyAddress].map((address) => received(address).length)).toEqual([1, 1, 1]), { timeout: 30_000, interval: 200 });
    const since = smtp.received.length;
    const [korea] = await getDb().select({ organisationId: users.organisationId }).from(users).where(eq(users.email, liaisonAddresses[0]!));
    const body = 'Mr Kim Min-jun asks for a Korean-speaking lawyer.';
    // H3 without its restriction fails the database's check: the post rolls back, and nothing is sent for it.
    await expect(postCaseMessage(officer, { caseId, embassyOrganisationId: korea!.organisationId, body, handlingCode: 'H3', handlingNote: '' })).rejects.toThrow();
    await postCaseMessage(officer, { caseId, embassyOrganisationId: korea!.organisationId, body, handlingCode: 'H0', handlingNote: '' });
    // A police visit recorded as done is the police's own work: no e-mail.
    await recordCooperationAction(officer, {
      caseId,
      embassyOrganisationId: korea!.organisationId,
      actionType: 'consular_visit',
      status: 'done',
      actionDate: '2026-03-02',
      description: 'Visit by Mr Kim Min-jun\'s family.',
      handlingCode: 'H0',
      handlingNote: '',
      respondsToId: '',
    });
    await vi.waitFor(() => expect(smtp.received.length - since).toBe(2), { timeout: 30_000, interval: 200 });
    for (const address of liaisonAddresses) {
      const [mail] = received(address, since);
      expect(mail?.parsed.subject).toContain(referenceNumber);
      expect(`${mail?.parsed.text}${mail?.parsed.html}`).not.toContain('Kim Min-jun');
      expect(mail?.parsed.text).toContain(`https://casebridge.example/embassy/cases/${caseId}#thread-${korea!.organisationId}`);
    }
    // Nothing more arrives later: one message per recipient, none for the duty address or the visit.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(smtp.received.length - since).toBe(2);
  });
});

describe('invitation and password-reset e-mails, end to end', () => {
  it('send the invitation through the mail server, whose link sets the password, and keep no usable link once sent', async () => {
    const email = `vanna.${uniqueSuffix()}@kkg.police.test`;
    const created = await createUserAccount(
      admin,
      createUserSchema.parse({ name: 'Vanna Sok', email, role: 'police_officer', organisationId: policeForceId, preferredLocale: 'km', credential: 'emailed_invitation' }),
    );
    if (created.credential !== 'emailed_invitation') throw new Error('expected an e-mailed invitation');
    await vi.waitFor(() => expect(received(email)).toHaveLength(1), { timeout: 30_000, interval: 200 });
    const [mail] = received(email);
    expect(mail!.parsed.subject).toBe('គណនី CaseBridge របស់អ្នក៖ សូមជ្រើសរើសពាក្យសម្ងាត់');
    const token = tokenIn(mail!.parsed.text ?? '');
    expect(token).not.toBeNull();
    // Rendered by the admin's command, inside its transaction: with the app's own base URL, not the workers'.
    expect(mail!.parsed.html).toContain(`${mailConfig().baseUrl}/invite/${token}`);

    await vi.waitFor(async () => expect((await getDb().select().from(mailDeliveries).where(eq(mailDeliveries.id, created.emailed.deliveryId)))[0]?.status).toBe('sent'), {
      timeout: 10_000,
      interval: 200,
    });
    const [copy] = await getDb().select().from(mailDeliveries).where(eq(mailDeliveries.id, created.emailed.deliveryId));
    for (const part of [copy!.subject, copy!.textBody, copy!.htmlBody]) expect(part).not.toContain(token!);
    expect(copy!.textBody).toContain(removedTokenPlaceholder);
    expect(copy!.providerMessageId).toBeTruthy();

    // The link from the mail works, once.
    const ownPassword = 'rain over the cardamom mountains at dusk';
    expect(await acceptInvitation({ token: token!, newPassword: ownPassword, confirmPassword: ownPassword })).toEqual({ email });
    expect(await lookUpInvitation(token!)).toBeNull();
  });

  it('send a password reset to an account that has signed in before, and nothing for a refused reissue', async () => {
    const user = await createUser({ role: 'police_officer', organisationId: policeForceId, lastSignInAt: new Date('2026-02-01T02:00:00Z') });
    await expect(reissueInvitation(admin, { id: user.id, version: user.version + 5, sendByEmail: true })).rejects.toMatchObject({ kind: 'conflict' });
    const reissued = await reissueInvitation(admin, { id: user.id, version: user.version, sendByEmail: true });
    if (!('emailed' in reissued)) throw new Error('expected an e-mail');
    await vi.waitFor(() => expect(received(user.email)).toHaveLength(1), { timeout: 30_000, interval: 200 });
    expect(received(user.email)[0]!.parsed.subject).toBe('Set a new password for your CaseBridge account');
    const token = tokenIn(received(user.email)[0]!.parsed.text ?? '');
    expect(await lookUpInvitation(token!)).toMatchObject({ email: user.email });
    const deliveries = await getDb().select({ kind: mailDeliveries.kind }).from(mailDeliveries).where(inArray(mailDeliveries.recipientUserId, [user.id]));
    expect(deliveries).toEqual([{ kind: 'password_reset' }]);
  });
});
