import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { casePeople, mailDeliveries, notifications, outboxMessages, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createCase, updateCase } from '@/lib/cases/commands';
import { acknowledgeNotification } from '@/lib/notifications/commands';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import type { MailConfig } from './config';
import { deadlineCatchUpMs, dueNotificationsQuery, planDeadlineMail } from './deadlines';
import { formatMailTime } from './render';

withTestDatabase();

const baseUrl = 'https://casebridge.example';
const config: MailConfig = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl };
const chinaDuty = 'duty@cn-embassy.example';
const hour = 3_600_000;

let officer: Actor;
let kohKongPoliceId: string;
let englishSupervisor: typeof users.$inferSelect;
let khmerSupervisor: typeof users.$inferSelect;
let inactiveSupervisor: typeof users.$inferSelect;
let otherProvinceSupervisor: typeof users.$inferSelect;
let officerUser: typeof users.$inferSelect;
let chinaId: string;
let englishLiaison: typeof users.$inferSelect;
let chineseLiaison: typeof users.$inferSelect;
let silentLiaison: typeof users.$inferSelect;
let inactiveLiaison: typeof users.$inferSelect;
let chinaLiaisonActor: Actor;
let vietnamLiaison: typeof users.$inferSelect;

beforeAll(async () => {
  kohKongPoliceId = (await createOrganisation({ kind: 'police', provinceCode: 'KKG' })).id;
  officerUser = await createUser({ role: 'police_officer', organisationId: kohKongPoliceId });
  officer = await actorFor(officerUser);
  englishSupervisor = await createUser({ role: 'police_supervisor', organisationId: kohKongPoliceId, preferredLocale: 'en' });
  khmerSupervisor = await createUser({ role: 'police_supervisor', organisationId: kohKongPoliceId, preferredLocale: 'km' });
  inactiveSupervisor = await createUser({ role: 'police_supervisor', organisationId: kohKongPoliceId, isActive: false });
  const sihanoukPoliceId = (await createOrganisation({ kind: 'police', provinceCode: 'PSN' })).id;
  otherProvinceSupervisor = await createUser({ role: 'police_supervisor', organisationId: sihanoukPoliceId });

  chinaId = (await createOrganisation({ kind: 'embassy', countryCode: 'CN', dutyEmailAddresses: [chinaDuty] })).id;
  englishLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, preferredLocale: 'en' });
  chineseLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, preferredLocale: 'zh-CN' });
  // Reminders cannot be turned off: the update preference does not apply to them.
  silentLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, updateMailFrequency: 'off' });
  inactiveLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, isActive: false });
  chinaLiaisonActor = await actorFor(englishLiaison);
  // An embassy without a duty address.
  const vietnamId = (await createOrganisation({ kind: 'embassy', countryCode: 'VN' })).id;
  vietnamLiaison = await createUser({ role: 'embassy_liaison', organisationId: vietnamId });
});

type NotificationRow = typeof notifications.$inferSelect;

/** A new Koh Kong case with a national of `nationality`, and its notification (72 hours to acknowledge). */
async function notify(nationality = 'CN'): Promise<{ caseId: string; referenceNumber: string; notification: NotificationRow }> {
  const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality })] }));
  return { caseId: created.id, referenceNumber: created.referenceNumber, notification: await notificationOf(created.id) };
}

async function notificationOf(caseId: string): Promise<NotificationRow> {
  const [row] = await getDb().select().from(notifications).where(eq(notifications.caseId, caseId));
  if (!row) throw new Error('no notification');
  return row;
}

async function deliveriesOf(notificationId: string, kind: 'reminder' | 'escalation') {
  return getDb()
    .select()
    .from(mailDeliveries)
    .where(and(eq(mailDeliveries.notificationId, notificationId), eq(mailDeliveries.kind, kind)));
}

const addressesOf = (rows: { recipientAddress: string }[]) => rows.map((row) => row.recipientAddress).sort();
const later = (moment: Date, ms: number) => new Date(moment.getTime() + ms);

describe('reminders', () => {
  it('come when three quarters of the time have passed, not a moment before, to every active liaison officer and the duty address', async () => {
    const { notification, caseId, referenceNumber } = await notify();
    expect(notification.remindAt).toEqual(later(notification.createdAt, 54 * hour));

    await planDeadlineMail(later(notification.remindAt, -1), config);
    expect(await deliveriesOf(notification.id, 'reminder')).toEqual([]);

    await planDeadlineMail(notification.remindAt, config);
    const rows = await deliveriesOf(notification.id, 'reminder');
    expect(addressesOf(rows)).toEqual([englishLiaison.email, chineseLiaison.email, silentLiaison.email, chinaDuty].sort());
    expect(addressesOf(rows)).not.toContain(inactiveLiaison.email);
    expect(rows.every((row) => row.organisationId === chinaId && !row.isUrgent && row.status === 'queued')).toBe(true);
    const english = rows.find((row) => row.recipientAddress === englishLiaison.email);
    expect(english?.subject).toBe(`Reminder: case ${referenceNumber} (Koh Kong) awaits your acknowledgement`);
    expect(english?.textBody).toContain('Three quarters of the time to acknowledge this notification have passed');
    expect(english?.textBody).toContain(formatMailTime(notification.dueAt, 'en'));
    expect(english?.textBody).toContain(`${baseUrl}/embassy/cases/${caseId}`);
    const chinese = rows.find((row) => row.recipientAddress === chineseLiaison.email);
    expect(chinese?.subject).toBe(`提醒：案件 ${referenceNumber}（戈公）尚待您确认`);
    const duty = rows.find((row) => row.recipientAddress === chinaDuty);
    for (const phrase of ['Three quarters of the time', 'បីភាគបួននៃរយៈពេល', '确认时限已过去四分之三']) expect(duty?.textBody).toContain(phrase);
    expect((await notificationOf(caseId)).remindedAt).toEqual(notification.remindAt);

    // Again, later: nothing more.
    await planDeadlineMail(later(notification.remindAt, hour), config);
    expect(await deliveriesOf(notification.id, 'reminder')).toHaveLength(4);
  });

  it('follow a deadline a detention shortened', async () => {
    const suspect = buildPersonInput({ nationality: 'CN' });
    const input = buildCaseInput({ people: [suspect] });
    const created = await createCase(officer, input);
    const before = await notificationOf(created.id);
    const [person] = await getDb().select().from(casePeople).where(eq(casePeople.caseId, created.id));
    await updateCase(officer, {
      caseId: created.id,
      version: 1,
      details: { ...input, people: [{ ...suspect, id: person!.id, detentionStatus: 'detained', detentionChangedAt: '2026-03-03T08:00' }] },
    });
    const after = await notificationOf(created.id);
    expect(after.dueAt.getTime()).toBeLessThan(before.dueAt.getTime());
    expect(after.remindAt.getTime()).toBeLessThan(before.remindAt.getTime());

    await planDeadlineMail(later(after.remindAt, -1), config);
    expect(await deliveriesOf(after.id, 'reminder')).toEqual([]);
    // Three quarters of an odd number of milliseconds leaves microseconds in remind_at, which a JavaScript Date drops.
    await planDeadlineMail(later(after.remindAt, 1), config);
    const rows = await deliveriesOf(after.id, 'reminder');
    expect(rows).toHaveLength(4);
    // A detention notification's reminder is urgent, and names the new deadline.
    expect(rows.every((row) => row.isUrgent)).toBe(true);
    expect(rows.find((row) => row.recipientAddress === englishLiaison.email)?.textBody).toContain(formatMailTime(after.dueAt, 'en'));
  });

  it('are marked without e-mail once their moment is more than 24 hours past, or the deadline has passed', async () => {
    // Long deadlines (10 and 20 days): the first one's reminder the workers missed by more than a day, before the
    // deadline; the second one's they reach just inside the window.
    const missed = await notify();
    const justInTime = await notify();
    for (const [{ notification }, days] of [
      [missed, 10],
      [justInTime, 20],
    ] as const) {
      await getDb().update(notifications).set({ dueAt: later(notification.createdAt, days * 24 * hour) }).where(eq(notifications.id, notification.id));
    }
    const missedRemindAt = (await notificationOf(missed.caseId)).remindAt;
    expect(missedRemindAt).toEqual(later(missed.notification.createdAt, 180 * hour));
    const justInTimeRemindAt = (await notificationOf(justInTime.caseId)).remindAt;

    await planDeadlineMail(later(missedRemindAt, deadlineCatchUpMs + 1), config);
    expect(await deliveriesOf(missed.notification.id, 'reminder')).toEqual([]);
    expect((await notificationOf(missed.caseId)).remindedAt).not.toBeNull();
    await planDeadlineMail(later(justInTimeRemindAt, deadlineCatchUpMs), config);
    expect(await deliveriesOf(justInTime.notification.id, 'reminder')).toHaveLength(4);

    // The workers were down across the whole window: at the deadline, the escalation speaks, not the reminder.
    const overtaken = await notify();
    await planDeadlineMail(overtaken.notification.dueAt, config);
    expect(await deliveriesOf(overtaken.notification.id, 'reminder')).toEqual([]);
    expect(await deliveriesOf(overtaken.notification.id, 'escalation')).not.toEqual([]);
  });
});

describe('escalations', () => {
  it('come when the deadline passes, not before: urgent, to the duty address and the province\'s active supervisors, each with their link', async () => {
    const { notification, caseId, referenceNumber } = await notify();
    await planDeadlineMail(later(notification.dueAt, -1), config);
    expect(await deliveriesOf(notification.id, 'escalation')).toEqual([]);

    await planDeadlineMail(notification.dueAt, config);
    const rows = await deliveriesOf(notification.id, 'escalation');
    expect(addressesOf(rows)).toEqual([chinaDuty, englishSupervisor.email, khmerSupervisor.email].sort());
    for (const excluded of [inactiveSupervisor.email, otherProvinceSupervisor.email, officerUser.email, englishLiaison.email]) expect(addressesOf(rows)).not.toContain(excluded);
    expect(rows.every((row) => row.isUrgent)).toBe(true);

    const duty = rows.find((row) => row.recipientAddress === chinaDuty);
    expect(duty).toMatchObject({ organisationId: chinaId, locale: null });
    expect(duty?.subject).toContain(`[OVERDUE] Not acknowledged in time: case ${referenceNumber} (Koh Kong)`);
    expect(duty?.textBody).toContain(`${baseUrl}/embassy/cases/${caseId}`);
    expect(duty?.textBody).toContain('Please open the case and acknowledge the notification now.');
    for (const phrase of ['[ហួសកាលកំណត់]', '【已逾期】']) expect(duty?.subject).toContain(phrase);

    const english = rows.find((row) => row.recipientAddress === englishSupervisor.email);
    expect(english).toMatchObject({ organisationId: kohKongPoliceId, locale: 'en' });
    expect(english?.subject).toMatch(new RegExp(`^\\[OVERDUE\\] Not acknowledged in time: case ${referenceNumber} – Test embassy`));
    expect(english?.textBody).toContain(`${baseUrl}/police/cases/${caseId}`);
    expect(english?.textBody).not.toContain('/embassy/cases/');
    expect(english?.textBody).toContain(formatMailTime(notification.dueAt, 'en'));
    const khmer = rows.find((row) => row.recipientAddress === khmerSupervisor.email);
    expect(khmer?.subject).toContain('មិនបានបញ្ជាក់ទទួលទាន់ពេល');
    expect(khmer?.textBody).toContain('អ្នកអាចពិចារណាទាក់ទងស្ថានទូតនោះដោយផ្ទាល់។');
    expect((await notificationOf(caseId)).escalatedAt).toEqual(notification.dueAt);
    // Partner systems hear of it too, once (their webhooks).
    const overdue = () =>
      getDb()
        .select({ payload: outboxMessages.payload })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.topic, 'notification.overdue'), sql`${outboxMessages.payload}->>'notificationId' = ${notification.id}`));
    expect((await overdue()).map((message) => message.payload)).toEqual([{ notificationId: notification.id }]);

    await planDeadlineMail(later(notification.dueAt, hour), config);
    expect(await deliveriesOf(notification.id, 'escalation')).toHaveLength(3);
    expect(await overdue()).toHaveLength(1);
  });

  it('reach the supervisors when the embassy has no duty address', async () => {
    const { notification } = await notify('VN');
    await planDeadlineMail(notification.dueAt, config);
    const addresses = addressesOf(await deliveriesOf(notification.id, 'escalation'));
    // Escalations go to the embassy's desk, not to each officer again.
    expect(addresses).toEqual([englishSupervisor.email, khmerSupervisor.email].sort());
    expect(addresses).not.toContain(vietnamLiaison.email);
  });

  it('are marked without e-mail when the deadline passed more than 24 hours ago', async () => {
    const { notification, caseId } = await notify();
    await planDeadlineMail(later(notification.dueAt, deadlineCatchUpMs + 1), config);
    expect(await deliveriesOf(notification.id, 'escalation')).toEqual([]);
    expect(await deliveriesOf(notification.id, 'reminder')).toEqual([]);
    const marked = await notificationOf(caseId);
    expect(marked.escalatedAt).not.toBeNull();
    expect(marked.remindedAt).not.toBeNull();
  });
});

describe('either moment', () => {
  it('never comes for a notification acknowledged before it', async () => {
    const { notification } = await notify();
    await acknowledgeNotification(chinaLiaisonActor, { notificationId: notification.id, note: '' });
    await planDeadlineMail(notification.remindAt, config);
    await planDeadlineMail(notification.dueAt, config);
    expect(await deliveriesOf(notification.id, 'reminder')).toEqual([]);
    expect(await deliveriesOf(notification.id, 'escalation')).toEqual([]);
  });

  it('is planned once by two workers at the same time', async () => {
    const { notification } = await notify();
    const runs = await Promise.all([planDeadlineMail(notification.remindAt, config), planDeadlineMail(notification.remindAt, config)]);
    const reminders = await deliveriesOf(notification.id, 'reminder');
    expect(reminders).toHaveLength(4);
    const created = runs.flat();
    expect(new Set(created).size).toBe(created.length);
    expect(created).toEqual(expect.arrayContaining(reminders.map((row) => row.id)));
  });

  it('works a backlog through in batches', async () => {
    const backlog = [await notify(), await notify(), await notify()];
    const latest = backlog.reduce((max, { notification }) => Math.max(max, notification.dueAt.getTime()), 0);
    await planDeadlineMail(new Date(latest), config, { batchSize: 2 });
    for (const { notification } of backlog) expect(await deliveriesOf(notification.id, 'escalation')).toHaveLength(3);
  });

  it('scans along the partial indexes', async () => {
    // Seq scans off: on a small table the planner rightly prefers one; this proves each scan's conditions match its
    // index's predicate, so at national scale the index range is what the planner can use.
    for (const [moment, index] of [
      ['reminder', 'notifications_reminder_due_idx'],
      ['escalation', 'notifications_escalation_due_idx'],
    ] as const) {
      const plan = await getDb().transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        const result = await tx.execute(sql`explain ${dueNotificationsQuery(tx, moment, new Date(), 100)}`);
        const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { 'QUERY PLAN': string }[];
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain(`Index Scan using ${index} on notifications`);
    }
  });
});
