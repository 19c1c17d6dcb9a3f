import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cases, mailDeliveries, notifications, outboxMessages, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { assignCase, createCase } from '@/lib/cases/commands';
import { getCaseWorkspace } from '@/lib/cases/queries';
import { postCaseMessage, recordCooperationAction } from '@/lib/cooperation/commands';
import type { RecordCooperationActionInput } from '@/lib/cooperation/schemas';
import { acknowledgeNotification, openEmbassyCase } from '@/lib/notifications/commands';
import { getNotificationRecord } from '@/lib/notifications/record';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import type { MailConfig } from './config';
import { planNewNotificationMail } from './new-notification';
import { planActionRequestMail, planMessageRequestMail } from './requests';
import { sendMailDelivery } from './send';

// The planners of request e-mails, called as the outbox topics' jobs call them (no workers run in this file, so
// nothing else plans the same messages meanwhile). lib/mail/requests-and-invitations-delivery.test.ts sends them
// through the workers and a real SMTP server.
withTestDatabase();

const baseUrl = 'https://casebridge.example';
const stored: MailConfig = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl };
const now = new Date('2026-03-02T03:00:00Z');

type User = typeof users.$inferSelect;
let policeForceId: string;
let secondForceId: string;
let embassyId: string;
let creator: Actor;
let supervisor: Actor;
let assignee: User;
let colleague: User;
let dailyOfficer: User;
let bystander: User;
let otherProvinceOfficer: User;
let englishLiaison: User;
let chineseLiaison: User;
let khmerLiaison: User;
let silentLiaison: User;
let formerLiaison: User;

beforeAll(async () => {
  const force = await createOrganisation({ kind: 'police', provinceCode: 'KKG', nameEn: 'Koh Kong Provincial Police', nameKm: 'ស្នងការដ្ឋាននគរបាលខេត្តកោះកុង', nameZh: '国公省警察局' });
  policeForceId = force.id;
  // A second police organisation of the same province: its officers work the same cases.
  secondForceId = (await createOrganisation({ kind: 'police', provinceCode: 'KKG' })).id;
  creator = await actorFor(await createUser({ role: 'police_officer', organisationId: policeForceId }));
  supervisor = await actorFor(await createUser({ role: 'police_supervisor', organisationId: policeForceId }));
  assignee = await createUser({ role: 'police_officer', organisationId: policeForceId, preferredLocale: 'km' });
  colleague = await createUser({ role: 'police_officer', organisationId: secondForceId });
  dailyOfficer = await createUser({ role: 'police_officer', organisationId: policeForceId, requestMailFrequency: 'daily' });
  bystander = await createUser({ role: 'police_officer', organisationId: policeForceId });
  otherProvinceOfficer = await createUser({ role: 'police_officer', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'PSN' })).id });
  embassyId = (await createOrganisation({ kind: 'embassy', countryCode: 'JP', nameEn: 'Embassy of Japan', nameKm: 'ស្ថានទូតជប៉ុន', nameZh: '日本大使馆', dutyEmailAddresses: ['duty@jp-embassy.example'] })).id;
  englishLiaison = await createUser({ role: 'embassy_liaison', organisationId: embassyId, preferredLocale: 'en' });
  chineseLiaison = await createUser({ role: 'embassy_liaison', organisationId: embassyId, preferredLocale: 'zh-CN' });
  khmerLiaison = await createUser({ role: 'embassy_liaison', organisationId: embassyId, preferredLocale: 'km' });
  silentLiaison = await createUser({ role: 'embassy_liaison', organisationId: embassyId, requestMailFrequency: 'off' });
  formerLiaison = await createUser({ role: 'embassy_liaison', organisationId: embassyId, isActive: false });
});

/** A new case of the creator with a Japanese suspect, and its notification to the embassy. */
async function newCase(): Promise<{ caseId: string; referenceNumber: string; notificationId: string }> {
  const created = await createCase(creator, buildCaseInput({ people: [buildPersonInput({ nationality: 'JP' })] }));
  const [notification] = await getDb().select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, created.id));
  return { caseId: created.id, referenceNumber: created.referenceNumber, notificationId: notification!.id };
}

const post = (actor: Actor, caseId: string, body: string) =>
  postCaseMessage(actor, { caseId, embassyOrganisationId: actor.role === 'embassy_liaison' ? '' : embassyId, body, handlingCode: 'H0', handlingNote: '' });

const record = (actor: Actor, caseId: string, action: Partial<RecordCooperationActionInput>) =>
  recordCooperationAction(actor, {
    caseId,
    embassyOrganisationId: actor.role === 'embassy_liaison' ? '' : embassyId,
    actionType: 'information_request',
    status: 'requested',
    actionDate: '2026-03-02',
    description: 'Please confirm the passport of the detained man.',
    handlingCode: 'H0',
    handlingNote: '',
    respondsToId: '',
    ...action,
  });

async function deliveriesOf(ids: string[]) {
  return getDb().select().from(mailDeliveries).where(inArray(mailDeliveries.id, ids)).orderBy(mailDeliveries.recipientAddress);
}

const addressesOf = (rows: { recipientAddress: string }[]) => rows.map((row) => row.recipientAddress).sort();

async function outboxPayloads(topic: 'cooperation.message_posted' | 'cooperation.action_recorded') {
  const rows = await getDb().select({ payload: outboxMessages.payload }).from(outboxMessages).where(eq(outboxMessages.topic, topic));
  return rows.map((row) => row.payload as Record<string, string>);
}

describe('the outbox messages of a thread', () => {
  it('are recorded in the scoped transaction of every message and every action, and not for one that rolls back', async () => {
    const { caseId } = await newCase();
    const message = await post(creator, caseId, 'Please call the provincial commissariat.');
    const visit = await record(creator, caseId, { actionType: 'consular_visit', status: 'done' });
    expect(await outboxPayloads('cooperation.message_posted')).toContainEqual({ messageId: message.id });
    // Recorded for every action, e-mailed or not: partner webhooks will want them all.
    expect(await outboxPayloads('cooperation.action_recorded')).toContainEqual({ actionId: visit.id });

    const [before] = await getDb().select({ total: sql<number>`count(*)::int` }).from(outboxMessages);
    // H3 without its restriction passes the TypeScript type but not the database's check: the post rolls back.
    await expect(postCaseMessage(creator, { caseId, embassyOrganisationId: embassyId, body: 'Rolled back', handlingCode: 'H3', handlingNote: '' })).rejects.toThrow();
    const [after] = await getDb().select({ total: sql<number>`count(*)::int` }).from(outboxMessages);
    expect(after?.total).toBe(before?.total);
  });
});

describe('request e-mails', () => {
  it('tell every liaison officer who wants them at once, while nobody at the embassy has worked the thread — never its text', async () => {
    const { caseId, referenceNumber, notificationId } = await newCase();
    const body = 'The suspect Hiroshi Tanaka asks to see a consul.';
    const message = await post(creator, caseId, body);
    const ids = await planMessageRequestMail(message.id, now, stored);
    const rows = await deliveriesOf(ids);
    // Not the one who turned request e-mails off, not the deactivated one, not the duty address.
    expect(addressesOf(rows)).toEqual(addressesOf([englishLiaison, chineseLiaison, khmerLiaison].map((user) => ({ recipientAddress: user.email }))));
    expect(rows.every((row) => row.kind === 'request' && row.notificationId === notificationId && row.organisationId === embassyId && row.status === 'queued')).toBe(true);
    expect(rows.map((row) => row.recipientAddress)).not.toContain(silentLiaison.email);
    expect(rows.map((row) => row.recipientAddress)).not.toContain(formerLiaison.email);

    const english = rows.find((row) => row.recipientUserId === englishLiaison.id)!;
    expect(english.locale).toBe('en');
    expect(english.subject).toBe(`Koh Kong Provincial Police posted a message on case ${referenceNumber}`);
    expect(english.textBody).toContain(`${baseUrl}/embassy/cases/${caseId}#thread-${embassyId}`);
    expect(english.textBody).toContain('Koh Kong');
    expect(rows.find((row) => row.recipientUserId === chineseLiaison.id)!.subject).toBe(`国公省警察局在案件 ${referenceNumber} 中发布了一条消息`);
    expect(rows.find((row) => row.recipientUserId === khmerLiaison.id)!.subject).toContain('ស្នងការដ្ឋាននគរបាលខេត្តកោះកុង');
    for (const row of rows) {
      const content = `${row.subject}\n${row.textBody}\n${row.htmlBody}`;
      expect(content).not.toContain(body);
      expect(content).not.toContain('Tanaka');
    }
    // Planned again (a retried job, a second worker): nothing new.
    expect(await planMessageRequestMail(message.id, now, stored)).toEqual([]);
    expect(await getDb().select().from(mailDeliveries).where(and(eq(mailDeliveries.kind, 'request'), eq(mailDeliveries.notificationId, notificationId)))).toHaveLength(3);
  });

  it('once officers have worked the thread, tell only them: who wrote in it or opened or acknowledged the notification', async () => {
    const { caseId, notificationId } = await newCase();
    const english = await actorFor(englishLiaison);
    const chinese = await actorFor(chineseLiaison);
    await openEmbassyCase(english, caseId);
    const answer = await post(chinese, caseId, 'We will visit on Thursday.');
    const police = await post(creator, caseId, 'Thank you, the commissariat expects you.');
    expect(addressesOf(await deliveriesOf(await planMessageRequestMail(police.id, now, stored)))).toEqual([englishLiaison.email, chineseLiaison.email].sort());

    // Acknowledging counts as working it too.
    await acknowledgeNotification(await actorFor(khmerLiaison), { notificationId, note: '' });
    const later = await post(creator, caseId, 'One more question.');
    expect(addressesOf(await deliveriesOf(await planMessageRequestMail(later.id, now, stored)))).toEqual([englishLiaison.email, chineseLiaison.email, khmerLiaison.email].sort());
    // The embassy's own message went to the police only; never to its author.
    const toPolice = await deliveriesOf(await planMessageRequestMail(answer.id, now, stored));
    expect(toPolice.map((row) => row.recipientUserId)).not.toContain(chineseLiaison.id);
  });

  it('tell the police the case\'s creator while nobody is assigned, then the assigned officer, and every officer of the province who wrote in the thread', async () => {
    const { caseId } = await newCase();
    const liaison = await actorFor(englishLiaison);
    const first = await post(liaison, caseId, 'Could you share the arrest report?');
    const toCreator = await deliveriesOf(await planMessageRequestMail(first.id, now, stored));
    expect(toCreator.map((row) => row.recipientUserId)).toEqual([creator.userId]);
    expect(toCreator[0]).toMatchObject({ organisationId: policeForceId, kind: 'request' });
    expect(toCreator[0]!.subject).toContain('Embassy of Japan');
    expect(toCreator[0]!.textBody).toContain(`${baseUrl}/police/cases/${caseId}#thread-${embassyId}`);

    const [current] = await getDb().select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
    await assignCase(supervisor, { caseId, version: current!.version, assigneeId: assignee.id });
    await post(await actorFor(colleague), caseId, 'The report is being translated.');
    await post(await actorFor(dailyOfficer), caseId, 'I will bring it tomorrow.');
    const request = await record(liaison, caseId, { actionType: 'identity_verification' });
    const rows = await deliveriesOf(await planActionRequestMail(request.id, now, stored));
    // The assigned officer (in Khmer) and the colleague of the other police organisation, each with their own
    // organisation; not the creator (no longer responsible, never wrote), not the one who chose the daily digest,
    // not an officer who never touched the thread, not one of another province.
    expect(rows.map((row) => [row.recipientUserId, row.organisationId]).sort()).toEqual(
      [
        [assignee.id, policeForceId],
        [colleague.id, secondForceId],
      ].sort(),
    );
    for (const absent of [creator.userId, dailyOfficer.id, bystander.id, otherProvinceOfficer.id]) expect(rows.map((row) => row.recipientUserId)).not.toContain(absent);
    const khmer = rows.find((row) => row.recipientUserId === assignee.id)!;
    expect(khmer.locale).toBe('km');
    expect(khmer.subject).toContain('ការផ្ទៀងផ្ទាត់អត្តសញ្ញាណ');
    expect(`${khmer.textBody}${khmer.htmlBody}`).not.toContain('Please confirm the passport');
  });

  it('e-mail a request and an answer, but not an action a side records about its own work', async () => {
    const { caseId, referenceNumber } = await newCase();
    const liaison = await actorFor(englishLiaison);
    await post(liaison, caseId, 'Hello.');
    expect(await planActionRequestMail((await record(creator, caseId, { actionType: 'consular_visit', status: 'done' })).id, now, stored)).toEqual([]);
    expect(await planActionRequestMail((await record(creator, caseId, { actionType: 'interpreter', status: 'in_progress' })).id, now, stored)).toEqual([]);

    const request = await record(creator, caseId, {});
    const [asked] = await deliveriesOf(await planActionRequestMail(request.id, now, stored));
    expect(asked).toMatchObject({ recipientUserId: englishLiaison.id, kind: 'request' });
    expect(asked!.subject).toBe(`Koh Kong Provincial Police made a request on case ${referenceNumber}: Information request`);

    const answer = await record(liaison, caseId, { actionType: 'information_provided', status: 'done', respondsToId: request.id });
    const [answered] = await deliveriesOf(await planActionRequestMail(answer.id, now, stored));
    expect(answered).toMatchObject({ recipientUserId: creator.userId });
    expect(answered!.subject).toBe(`Embassy of Japan answered a request on case ${referenceNumber}: Information provided`);
    expect(answered!.textBody).toContain('Information provided (Done)');
  });

  it('are listed on the notification record within each side\'s scope, and not counted as the notification\'s own e-mail', async () => {
    const { caseId, notificationId } = await newCase();
    const notificationMail = await planNewNotificationMail(notificationId, now, stored);
    const liaison = await actorFor(englishLiaison);
    await openEmbassyCase(liaison, caseId);
    const toEmbassy = await planMessageRequestMail((await post(creator, caseId, 'A question.')).id, now, stored);
    const toPolice = await planMessageRequestMail((await post(liaison, caseId, 'An answer.')).id, now, stored);
    for (const id of [...notificationMail, ...toEmbassy, ...toPolice]) await sendMailDelivery(id, now, stored);

    const policeRecord = await getNotificationRecord(creator, notificationId);
    expect(policeRecord.deliveries.map((delivery) => delivery.id).sort()).toEqual([...notificationMail, ...toEmbassy, ...toPolice].sort());
    // Row-level security: the embassy sees the e-mails to its own people, not those to the police.
    const embassyRecord = await getNotificationRecord(liaison, notificationId);
    expect(embassyRecord.deliveries.map((delivery) => delivery.id).sort()).toEqual([...notificationMail, ...toEmbassy].sort());

    const workspace = await getCaseWorkspace(creator, caseId);
    // Three active liaison officers and the duty address were told of the notification; the request e-mails are not that.
    expect(workspace.notifications[0]?.mail).toMatchObject({ officers: 4, dutyAddresses: 1, isStoredOnly: true });
  });

  it('skip a recipient deactivated after planning', async () => {
    const { caseId } = await newCase();
    const leaving = await createUser({ role: 'embassy_liaison', organisationId: embassyId });
    const ids = await planMessageRequestMail((await post(creator, caseId, 'Are you there?')).id, now, stored);
    const mine = (await deliveriesOf(ids)).find((row) => row.recipientUserId === leaving.id)!;
    await getDb().update(users).set({ isActive: false }).where(eq(users.id, leaving.id));
    expect(await sendMailDelivery(mine.id, now, stored)).toBe('skipped');
  });
});
