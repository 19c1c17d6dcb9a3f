import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { casePeople, mailDeliveries, notifications, notificationUpdates, users, type CaseStatus } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createCase } from '@/lib/cases/commands';
import { overrideDisclosure, recordConsent } from '@/lib/disclosure/commands';
import { appendCaseStatusUpdate, syncCaseNotifications } from '@/lib/notifications/sync';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import type { MailConfig } from './config';
import { planImmediateUpdateMail, planNotificationUpdateMail, updateBatchMs, updateBatchStartOf, updateCommitGraceMs } from './notification-updates';
import { formatMailTime } from './render';

withTestDatabase();

const baseUrl = 'https://casebridge.example';
const config: MailConfig = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl };
const dutyAddress = 'duty@cn-embassy.example';
const minute = 60_000;

let officer: Actor;
let supervisor: Actor;
let chinaId: string;
let englishLiaison: typeof users.$inferSelect;
let khmerLiaison: typeof users.$inferSelect;
let chineseLiaison: typeof users.$inferSelect;
let dailyLiaison: typeof users.$inferSelect;
let silentLiaison: typeof users.$inferSelect;
let inactiveLiaison: typeof users.$inferSelect;

beforeAll(async () => {
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  supervisor = await actorFor(await createUser({ role: 'police_supervisor', organisationId: police.id }));
  chinaId = (await createOrganisation({ kind: 'embassy', countryCode: 'CN', dutyEmailAddresses: [dutyAddress] })).id;
  englishLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, preferredLocale: 'en' });
  khmerLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, preferredLocale: 'km' });
  chineseLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, preferredLocale: 'zh-CN' });
  dailyLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, updateMailFrequency: 'daily' });
  silentLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, updateMailFrequency: 'off' });
  inactiveLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, isActive: false });
});

interface NotifiedCase {
  caseId: string;
  referenceNumber: string;
  notificationId: string;
  /** A batch boundary a day after the notification was sent: the test's updates happen from here on. */
  base: Date;
}

/** A new case with a Chinese suspect, notified to the embassy now (the real clock); its updates are made later, on the test's clock. */
async function notifyChina(people = [buildPersonInput({ nationality: 'CN' })]): Promise<NotifiedCase> {
  const created = await createCase(officer, buildCaseInput({ people }));
  const [notification] = await getDb().select().from(notifications).where(eq(notifications.caseId, created.id));
  if (!notification) throw new Error('no notification');
  return {
    caseId: created.id,
    referenceNumber: created.referenceNumber,
    notificationId: notification.id,
    base: new Date(updateBatchStartOf(notification.createdAt).getTime() + 24 * 60 * minute),
  };
}

const at = (notified: NotifiedCase, minutes: number) => new Date(notified.base.getTime() + minutes * minute);
/** When the job of the batch holding `moment` runs, on time. */
const batchJobTime = (moment: Date) => new Date(updateBatchStartOf(moment).getTime() + updateBatchMs + updateCommitGraceMs);

/** Through the write path's own functions, with the test's clock: nationals added (and detained), a status change. */
async function addNationals(notified: NotifiedCase, when: Date, count: number, { isDetained = false } = {}) {
  const after = Array.from({ length: count }, () => ({ id: randomUUID(), nationality: 'CN', detentionStatus: isDetained ? ('detained' as const) : ('not_detained' as const) }));
  await getDb().transaction((tx) => syncCaseNotifications(tx, { caseId: notified.caseId, provinceCode: 'KKG', actor: officer, before: [], after, now: when }));
}

async function detainNational(notified: NotifiedCase, when: Date) {
  const id = randomUUID();
  await getDb().transaction((tx) =>
    syncCaseNotifications(tx, {
      caseId: notified.caseId,
      provinceCode: 'KKG',
      actor: officer,
      before: [{ id, nationality: 'CN', detentionStatus: 'not_detained' }],
      after: [{ id, nationality: 'CN', detentionStatus: 'detained' }],
      now: when,
    }),
  );
}

async function changeStatus(notified: NotifiedCase, when: Date, from: CaseStatus, to: CaseStatus) {
  await getDb().transaction((tx) => appendCaseStatusUpdate(tx, { caseId: notified.caseId, from, to, now: when }));
}

async function deliveriesOf(ids: readonly string[]) {
  return ids.length === 0 ? [] : getDb().select().from(mailDeliveries).where(inArray(mailDeliveries.id, [...ids]));
}

async function allDeliveriesOf(notificationId: string) {
  return getDb()
    .select()
    .from(mailDeliveries)
    .where(and(eq(mailDeliveries.notificationId, notificationId), eq(mailDeliveries.kind, 'notification_update')));
}

const addressesOf = (rows: { recipientAddress: string }[]) => rows.map((row) => row.recipientAddress).sort();
const immediateAddresses = () => [englishLiaison.email, khmerLiaison.email, chineseLiaison.email].sort();

describe('batched update e-mails', () => {
  it('gathers the updates of 15 minutes into one message per immediate liaison officer, sent after the batch closes', async () => {
    const notified = await notifyChina();
    await addNationals(notified, at(notified, 1), 2);
    await changeStatus(notified, at(notified, 5), 'reported', 'under_investigation');
    await addNationals(notified, at(notified, 14), 1);

    // The topic's job plans nothing yet and names the batch to wait for.
    expect(await planImmediateUpdateMail(notified.notificationId, at(notified, 14), config)).toEqual({ deliveryIds: [], batchStart: notified.base });
    // Until a minute after the batch's end, the batch stays open.
    expect(await planNotificationUpdateMail(notified.notificationId, new Date(batchJobTime(notified.base).getTime() - 1), config)).toEqual([]);

    const ids = await planNotificationUpdateMail(notified.notificationId, batchJobTime(notified.base), config);
    const rows = await deliveriesOf(ids);
    expect(addressesOf(rows)).toEqual(immediateAddresses());
    expect(rows.every((row) => row.kind === 'notification_update' && row.organisationId === chinaId && !row.isUrgent && row.status === 'queued')).toBe(true);
    const english = rows.find((row) => row.recipientAddress === englishLiaison.email);
    expect(english?.subject).toBe(`Updates to case ${notified.referenceNumber} (Koh Kong)`);
    expect(english?.textBody).toContain('There are 4 updates to this case since the last e-mail:');
    expect(english?.textBody).toContain('• 3 nationals of your country were added to the case.');
    expect(english?.textBody).toContain('• The case status changed to Under investigation.');
    expect(english?.textBody).toContain(`${baseUrl}/embassy/cases/${notified.caseId}`);
    expect(english?.htmlBody).toContain('The case status changed to Under investigation.');

    const [state] = await getDb().select({ mailedUntil: notifications.updatesMailedUntil }).from(notifications).where(eq(notifications.id, notified.notificationId));
    expect(state?.mailedUntil).toEqual(at(notified, 15));
  });

  it('puts a later update in the next batch, and a re-run or a late job of an earlier batch plans nothing', async () => {
    const notified = await notifyChina();
    await changeStatus(notified, at(notified, 2), 'reported', 'under_investigation');
    const first = await planNotificationUpdateMail(notified.notificationId, batchJobTime(at(notified, 2)), config);
    expect(first).toHaveLength(3);

    await changeStatus(notified, at(notified, 20), 'under_investigation', 'referred_to_prosecutor');
    expect((await planImmediateUpdateMail(notified.notificationId, at(notified, 20), config)).batchStart).toEqual(at(notified, 15));
    const second = await deliveriesOf(await planNotificationUpdateMail(notified.notificationId, batchJobTime(at(notified, 20)), config));
    expect(addressesOf(second)).toEqual(immediateAddresses());
    const english = second.find((row) => row.recipientAddress === englishLiaison.email);
    expect(english?.textBody).toContain('There is 1 update to this case since the last e-mail:');
    expect(english?.textBody).toContain('The case status changed to Referred to prosecutor.');
    expect(english?.textBody).not.toContain('Under investigation');

    // The same job again, the first batch's job run late, and the topic's job of an update already covered.
    expect(await planNotificationUpdateMail(notified.notificationId, batchJobTime(at(notified, 20)), config)).toEqual([]);
    expect(await planNotificationUpdateMail(notified.notificationId, batchJobTime(at(notified, 2)), config)).toEqual([]);
    expect(await planImmediateUpdateMail(notified.notificationId, at(notified, 40), config)).toEqual({ deliveryIds: [], batchStart: null });
    expect(await allDeliveriesOf(notified.notificationId)).toHaveLength(6);
  });

  it('makes one message of a backlog when the job runs late', async () => {
    const notified = await notifyChina();
    await changeStatus(notified, at(notified, 2), 'reported', 'under_investigation');
    await changeStatus(notified, at(notified, 17), 'under_investigation', 'referred_to_prosecutor');
    // The workers were down: the first batch's job runs at 10:46 instead of 10:16, and covers the second batch too.
    const rows = await deliveriesOf(await planNotificationUpdateMail(notified.notificationId, at(notified, 46), config));
    expect(rows).toHaveLength(3);
    const english = rows.find((row) => row.recipientAddress === englishLiaison.email);
    expect(english?.textBody).toContain('There are 2 updates');
    expect(english?.textBody).toContain('Under investigation');
    expect(english?.textBody).toContain('Referred to prosecutor');
    expect(await planNotificationUpdateMail(notified.notificationId, batchJobTime(at(notified, 17)), config)).toEqual([]);
  });

  it('sends no batch to officers who chose daily or off, to a deactivated officer, or to the duty address', async () => {
    const notified = await notifyChina();
    await changeStatus(notified, at(notified, 3), 'reported', 'under_investigation');
    const rows = await deliveriesOf(await planNotificationUpdateMail(notified.notificationId, batchJobTime(at(notified, 3)), config));
    const addresses = addressesOf(rows);
    for (const excluded of [dailyLiaison.email, silentLiaison.email, inactiveLiaison.email, dutyAddress]) expect(addresses).not.toContain(excluded);
    expect(addresses).toEqual(immediateAddresses());
  });

  it('writes each officer in their language', async () => {
    const notified = await notifyChina();
    await addNationals(notified, at(notified, 1), 1);
    await changeStatus(notified, at(notified, 2), 'reported', 'under_investigation');
    const rows = await deliveriesOf(await planNotificationUpdateMail(notified.notificationId, batchJobTime(at(notified, 2)), config));
    const of = (address: string) => rows.find((row) => row.recipientAddress === address);
    expect(of(khmerLiaison.email)).toMatchObject({ locale: 'km', subject: `ព័ត៌មានថ្មីអំពីករណី ${notified.referenceNumber} (កោះកុង)` });
    expect(of(khmerLiaison.email)?.textBody).toContain('ស្ថានភាពករណីត្រូវបានប្ដូរទៅជា «កំពុងស៊ើបអង្កេត»។');
    expect(of(khmerLiaison.email)?.textBody).toContain('ជនជាតិរបស់អ្នកចំនួន 1 នាក់ ត្រូវបានបន្ថែមទៅក្នុងករណីនេះ។');
    expect(of(chineseLiaison.email)).toMatchObject({ locale: 'zh-CN', subject: `案件 ${notified.referenceNumber}（戈公）有更新` });
    expect(of(chineseLiaison.email)?.textBody).toContain('案件状态已更改为“调查中”。');
    expect(of(chineseLiaison.email)?.textBody).toContain('自上一封邮件以来，此案件有 2 项更新：');
  });

  it('names the kind of a consent or an override, never the victim or the supervisor\'s justification', async () => {
    const victim = buildPersonInput({ nationality: 'CN', roleInCase: 'victim', latinName: `Wang Fang ${randomUUID().slice(0, 6)}` });
    const notified = await notifyChina([victim]);
    const [person] = await getDb().select().from(casePeople).where(eq(casePeople.caseId, notified.caseId));
    const justification = 'She is seventeen and asked the interpreter for her embassy.';
    // The real commands, on the real clock.
    await recordConsent(officer, { caseId: notified.caseId, personId: person!.id, consent: 'no' });
    await overrideDisclosure(supervisor, { caseId: notified.caseId, personId: person!.id, justification });
    const updates = await getDb().select().from(notificationUpdates).where(eq(notificationUpdates.notificationId, notified.notificationId));
    const newest = new Date(Math.max(...updates.map((update) => update.createdAt.getTime())));
    const rows = await deliveriesOf(await planNotificationUpdateMail(notified.notificationId, new Date(batchJobTime(newest).getTime()), config));
    const english = rows.find((row) => row.recipientAddress === englishLiaison.email);
    expect(english?.textBody).toContain("A victim's consent to consular contact was recorded.");
    expect(english?.textBody).toContain("A police supervisor disclosed a victim's details to your embassy.");
    for (const row of rows) {
      const content = `${row.subject}\n${row.textBody}\n${row.htmlBody}`;
      for (const secret of [justification, victim.latinName, person!.id]) expect(content).not.toContain(secret);
    }
  });
});

describe('detention e-mails', () => {
  it('go out at once, urgent, to every active liaison officer whatever their preference and to the duty address, with the shortened deadline', async () => {
    const notified = await notifyChina();
    const [before] = await getDb().select().from(notifications).where(eq(notifications.id, notified.notificationId));
    await detainNational(notified, at(notified, 3));
    const [after] = await getDb().select().from(notifications).where(eq(notifications.id, notified.notificationId));
    expect(after!.dueAt.getTime()).toBeLessThan(before!.dueAt.getTime());

    const { deliveryIds, batchStart } = await planImmediateUpdateMail(notified.notificationId, at(notified, 3), config);
    const rows = await deliveriesOf(deliveryIds);
    expect(addressesOf(rows)).toEqual([...immediateAddresses(), dailyLiaison.email, silentLiaison.email, dutyAddress].sort());
    expect(rows.every((row) => row.isUrgent && row.kind === 'notification_update')).toBe(true);
    const english = rows.find((row) => row.recipientAddress === englishLiaison.email);
    expect(english?.subject).toBe(`[URGENT – DETENTION] A national detained: case ${notified.referenceNumber} (Koh Kong)`);
    expect(english?.textBody).toContain('A national of your country in this case has been detained.');
    expect(english?.textBody).toContain(formatMailTime(after!.dueAt, 'en'));
    const duty = rows.find((row) => row.recipientAddress === dutyAddress);
    expect(duty?.locale).toBeNull();
    for (const phrase of ['A national detained', 'ជនជាតិរបស់អ្នកត្រូវបានឃុំខ្លួន', '贵国公民被拘留']) expect(duty?.textBody).toContain(phrase);
    // The batch still closes over it, moving the mark, but lists nothing and sends nothing more.
    expect(batchStart).toEqual(notified.base);
    expect(await planImmediateUpdateMail(notified.notificationId, at(notified, 4), config)).toEqual({ deliveryIds: [], batchStart: notified.base });
    expect(await planNotificationUpdateMail(notified.notificationId, batchJobTime(notified.base), config)).toEqual([]);
    expect(await allDeliveriesOf(notified.notificationId)).toHaveLength(6);
  });

  it('leaves a batch of the other updates beside it, without the detention, and one message per save however many are detained', async () => {
    const notified = await notifyChina();
    await changeStatus(notified, at(notified, 1), 'reported', 'under_investigation');
    await addNationals(notified, at(notified, 6), 2, { isDetained: true });
    const detention = await deliveriesOf((await planImmediateUpdateMail(notified.notificationId, at(notified, 6), config)).deliveryIds);
    expect(detention).toHaveLength(6);
    expect(detention.find((row) => row.recipientAddress === englishLiaison.email)?.textBody).toContain('2 nationals of your country in this case have been detained.');

    const batch = await deliveriesOf(await planNotificationUpdateMail(notified.notificationId, batchJobTime(notified.base), config));
    expect(addressesOf(batch)).toEqual(immediateAddresses());
    const english = batch.find((row) => row.recipientAddress === englishLiaison.email);
    expect(english?.isUrgent).toBe(false);
    expect(english?.textBody).toContain('There are 3 updates');
    expect(english?.textBody).toContain('2 nationals of your country were added to the case.');
    expect(english?.textBody).not.toContain('detained');
  });

  it('is planned by the batch when its own job came after the batch had closed', async () => {
    const notified = await notifyChina();
    await detainNational(notified, at(notified, 3));
    const rows = await deliveriesOf(await planNotificationUpdateMail(notified.notificationId, batchJobTime(notified.base), config));
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row.isUrgent)).toBe(true);
    expect(await planImmediateUpdateMail(notified.notificationId, at(notified, 30), config)).toEqual({ deliveryIds: [], batchStart: null });
  });

  it('sends nothing to a deactivated officer', async () => {
    const notified = await notifyChina();
    await detainNational(notified, at(notified, 3));
    const rows = await deliveriesOf((await planImmediateUpdateMail(notified.notificationId, at(notified, 3), config)).deliveryIds);
    expect(addressesOf(rows)).not.toContain(inactiveLiaison.email);
  });
});
