import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { caseMessages, cooperationActions, mailDeliveries, notifications, notificationUpdates, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { changeCaseStatus, createCase } from '@/lib/cases/commands';
import { postCaseMessage, recordCooperationAction } from '@/lib/cooperation/commands';
import { startWorkers, stopWorkers } from '@/lib/jobs/jobs';
import { defineAppQueues } from '@/lib/jobs/queues';
import { acknowledgeNotification } from '@/lib/notifications/commands';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { startTestSmtpServer, type TestSmtpServer } from '@/lib/testing/smtp-server';
import { withTestDatabase } from '@/lib/testing/test-database';
import { cambodianDateOf, cambodianDayStart } from '@/lib/time/cambodia';
import type { MailConfig } from './config';
import { idempotencyKeyOf } from './deliveries';
import { planDailyDigests } from './digest';
import { defineMailQueues } from './queues';

withTestDatabase();

const baseUrl = 'https://casebridge.example';
const stored: MailConfig = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl };
const hour = 3_600_000;

// The digest's day, ten days ahead, so every notification made now is long past its deadline by then. Every
// moment below is set from it: the clock the planner is given, and the times the activity is moved to.
const day = cambodianDateOf(Date.now() + 10 * 24 * hour);
const dayBefore = (offset: number) => cambodianDateOf(cambodianDayStart(day, -offset));
const at = (someDay: string, hours: number) => new Date(cambodianDayStart(someDay).getTime() + hours * hour);
const digestTime = at(day, 7.5);

type User = typeof users.$inferSelect;
let officer: Actor;
let kohKong: { officer: User; officerDaily: User; supervisor: User; supervisorDaily: User };
let sihanoukSupervisor: User;
let china: { id: string; nameEn: string; immediate: User; daily: User; khmerDaily: User; duty: string };
let vietnamLiaison: User;
type CaseRecord = { id: string; referenceNumber: string; notificationId: string };
const records: Record<'updatedYesterday' | 'policeWroteYesterday' | 'updatedBefore' | 'acknowledged' | 'dueAfterMidnight' | 'dueBeforeMidnight', CaseRecord> = {} as never;

async function notifyChina(isDetained = false): Promise<CaseRecord> {
  const suspect = buildPersonInput({ nationality: 'CN', ...(isDetained ? { detentionStatus: 'detained' as const, detentionChangedAt: '2026-03-02T10:00' } : {}) });
  const created = await createCase(officer, buildCaseInput({ people: [suspect] }));
  const [notification] = await getDb().select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, created.id));
  return { ...created, notificationId: notification!.id };
}

const threadInput = (caseId: string, embassyOrganisationId: string) => ({ caseId, embassyOrganisationId, body: 'Please confirm.', handlingCode: 'H0' as const, handlingNote: '' });

beforeAll(async () => {
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  kohKong = {
    officer: await createUser({ role: 'police_officer', organisationId: police.id }),
    officerDaily: await createUser({ role: 'police_officer', organisationId: police.id, requestMailFrequency: 'daily' }),
    supervisor: await createUser({ role: 'police_supervisor', organisationId: police.id }),
    supervisorDaily: await createUser({ role: 'police_supervisor', organisationId: police.id, requestMailFrequency: 'daily', preferredLocale: 'km' }),
  };
  officer = await actorFor(kohKong.officer);
  sihanoukSupervisor = await createUser({ role: 'police_supervisor', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'PSN' })).id });
  const chinaOrganisation = await createOrganisation({ kind: 'embassy', countryCode: 'CN', dutyEmailAddresses: ['duty@cn-embassy.example'] });
  china = {
    id: chinaOrganisation.id,
    nameEn: chinaOrganisation.nameEn,
    immediate: await createUser({ role: 'embassy_liaison', organisationId: chinaOrganisation.id }),
    daily: await createUser({ role: 'embassy_liaison', organisationId: chinaOrganisation.id, updateMailFrequency: 'daily', requestMailFrequency: 'daily' }),
    khmerDaily: await createUser({ role: 'embassy_liaison', organisationId: chinaOrganisation.id, updateMailFrequency: 'daily', preferredLocale: 'km' }),
    duty: 'duty@cn-embassy.example',
  };
  vietnamLiaison = await createUser({ role: 'embassy_liaison', organisationId: (await createOrganisation({ kind: 'embassy', countryCode: 'VN' })).id, updateMailFrequency: 'daily', requestMailFrequency: 'daily' });
  const chinaActor = await actorFor(china.immediate);

  records.updatedYesterday = await notifyChina();
  await changeCaseStatus(officer, { caseId: records.updatedYesterday.id, version: 1, status: 'under_investigation', closureReason: '' });
  records.policeWroteYesterday = await notifyChina(true);
  await postCaseMessage(officer, threadInput(records.policeWroteYesterday.id, china.id));
  await recordCooperationAction(officer, {
    ...threadInput(records.policeWroteYesterday.id, china.id),
    actionType: 'consular_visit',
    status: 'requested',
    actionDate: '2026-03-05',
    description: 'A visit to the detained national.',
    respondsToId: '',
  });
  records.updatedBefore = await notifyChina();
  await changeCaseStatus(officer, { caseId: records.updatedBefore.id, version: 1, status: 'under_investigation', closureReason: '' });
  // The embassy writes in this thread yesterday: news for the police of Koh Kong.
  await postCaseMessage(chinaActor, threadInput(records.updatedBefore.id, ''));
  records.acknowledged = await notifyChina();
  await acknowledgeNotification(chinaActor, { notificationId: records.acknowledged.notificationId, note: '' });
  // The police write here this morning, before the digest: that is tomorrow's news.
  await postCaseMessage(officer, threadInput(records.acknowledged.id, china.id));
  records.dueAfterMidnight = await notifyChina();
  records.dueBeforeMidnight = await notifyChina();

  // The controllable clock: the day's activity is moved to the hours it is meant to have happened in.
  const db = getDb();
  const moveUpdates = (record: CaseRecord, moment: Date) => db.update(notificationUpdates).set({ createdAt: moment }).where(eq(notificationUpdates.notificationId, record.notificationId));
  await moveUpdates(records.updatedYesterday, at(dayBefore(1), 10));
  await moveUpdates(records.updatedBefore, at(dayBefore(2), 23.5));
  await db.update(caseMessages).set({ createdAt: at(dayBefore(1), 0.25) }).where(eq(caseMessages.caseId, records.policeWroteYesterday.id));
  await db.update(cooperationActions).set({ createdAt: at(dayBefore(1), 23.75) }).where(eq(cooperationActions.caseId, records.policeWroteYesterday.id));
  await db.update(caseMessages).set({ createdAt: at(dayBefore(1), 15) }).where(eq(caseMessages.caseId, records.updatedBefore.id));
  await db.update(caseMessages).set({ createdAt: at(day, 6) }).where(eq(caseMessages.caseId, records.acknowledged.id));
  // Overdue is as of the digest day's midnight, as in the inbox: due half an hour after it is not in yet.
  await db.update(notifications).set({ dueAt: at(day, 0.5) }).where(eq(notifications.id, records.dueAfterMidnight.notificationId));
  await db.update(notifications).set({ dueAt: at(dayBefore(1), 23.5) }).where(eq(notifications.id, records.dueBeforeMidnight.notificationId));
});

/** The digest an address got for a day, if any. */
async function digestOf(address: string, ofDay = day) {
  const [row] = await getDb().select().from(mailDeliveries).where(eq(mailDeliveries.idempotencyKey, idempotencyKeyOf('digest', ofDay, address)));
  return row;
}

async function digestsOfDay(ofDay = day) {
  return getDb().select().from(mailDeliveries).where(and(eq(mailDeliveries.kind, 'digest'), like(mailDeliveries.idempotencyKey, `digest:${ofDay}:%`)));
}

const overdueLine = (record: CaseRecord, side: 'embassy' | 'police') => new RegExp(`^- ${record.referenceNumber} · (Ordinary|Detention)( · [^:]+)? · due [^\\n]+: ${baseUrl}/${side}/cases/${record.id}$`, 'm');
const overdueOf = (text: string) => [...text.matchAll(/^- ([A-Z]{3}-\d{4}-\d+) · (?:Ordinary|Detention)/gm)].map((match) => match[1]);
const overdueRecords = () => [records.updatedYesterday, records.policeWroteYesterday, records.updatedBefore, records.dueBeforeMidnight].map((record) => record.referenceNumber).sort();

describe('planning the daily digest', () => {
  it('plans each address once per Cambodian day, even when two workers plan it at the same time', async () => {
    const [first, second] = await Promise.all([planDailyDigests(digestTime, stored), planDailyDigests(digestTime, stored)]);
    const rows = await digestsOfDay();
    expect(first.length + second.length).toBe(rows.length);
    expect(new Set([...first, ...second]).size).toBe(rows.length);
    // Later the same day (a retried or late run) plans nothing more.
    expect(await planDailyDigests(new Date(digestTime.getTime() + 10 * hour), stored)).toEqual([]);
    expect(rows.every((row) => row.status === 'queued' && row.notificationId === null && !row.isUrgent)).toBe(true);
  });

  it("gives an embassy's liaison officers and duty address what was overdue at midnight, and yesterday's news only to those who chose the digest", async () => {
    const immediate = await digestOf(china.immediate.email);
    expect(immediate).toMatchObject({ locale: 'en', organisationId: china.id, recipientUserId: china.immediate.id });
    expect(immediate?.subject).toBe(`CaseBridge daily digest for ${new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))}`);
    expect(overdueOf(immediate!.textBody).sort()).toEqual(overdueRecords());
    expect(immediate?.textBody).toMatch(overdueLine(records.policeWroteYesterday, 'embassy'));
    expect(immediate?.textBody).toMatch(/^- [A-Z]{3}-\d{4}-\d+ · Detention · due /m);
    expect(immediate?.textBody).toContain(`See every overdue notification: ${baseUrl}/embassy?state=overdue`);
    expect(immediate?.textBody).toContain('Overdue acknowledgements: 4');
    expect(immediate?.textBody).not.toContain('updated yesterday');
    expect(immediate?.textBody).not.toContain('New from the police');
    // Only who chose the digest for yesterday's lists is told where that choice is made.
    expect(immediate?.textBody).not.toContain(`${baseUrl}/account`);

    const daily = await digestOf(china.daily.email);
    expect(overdueOf(daily!.textBody).sort()).toEqual(overdueRecords());
    expect(daily?.textBody).toContain(`change that at ${baseUrl}/account`);
    expect(daily?.textBody).toContain('Notifications updated yesterday: 1');
    expect(daily?.textBody).toContain(`- ${records.updatedYesterday.referenceNumber}: 1 update: ${baseUrl}/embassy/cases/${records.updatedYesterday.id}`);
    // The day before yesterday's update is not yesterday's.
    expect(daily?.textBody).not.toContain(`- ${records.updatedBefore.referenceNumber}: 1 update`);
    expect(daily?.textBody).toContain('Cooperation threads with news yesterday: 1');
    expect(daily?.textBody).toContain(`- ${records.policeWroteYesterday.referenceNumber}: 1 message, 1 action: ${baseUrl}/embassy/cases/${records.policeWroteYesterday.id}`);
    // Its own message is not news for the embassy, and this morning's police message waits for tomorrow.
    expect(daily?.textBody).not.toContain(`- ${records.updatedBefore.referenceNumber}: 1 message`);
    expect(daily?.textBody).not.toContain(`- ${records.acknowledged.referenceNumber}:`);
    expect(daily?.htmlBody).toContain(`<a href="${baseUrl}/embassy/cases/${records.updatedYesterday.id}" style="color:#1d4ed8">${records.updatedYesterday.referenceNumber}: 1 update</a>`);

    const khmer = await digestOf(china.khmerDaily.email);
    expect(khmer).toMatchObject({ locale: 'km' });
    expect(khmer?.subject).toContain('សេចក្ដីសង្ខេបប្រចាំថ្ងៃរបស់ CaseBridge');
    expect(khmer?.textBody).toContain('ការជូនដំណឹងដែលមានបច្ចុប្បន្នភាពកាលពីម្សិលមិញ');
    // Updates only: the requests stay immediate for this officer.
    expect(khmer?.textBody).not.toContain('ថ្មីពីនគរបាលកាលពីម្សិលមិញ');

    const duty = await digestOf(china.duty);
    expect(duty).toMatchObject({ locale: null, recipientUserId: null, organisationId: china.id });
    for (const phrase of ['CaseBridge daily digest', 'សេចក្ដីសង្ខេបប្រចាំថ្ងៃរបស់ CaseBridge', 'CaseBridge 每日摘要']) expect(duty?.subject).toContain(phrase);
    expect(overdueOf(duty!.textBody).sort()).toEqual(overdueRecords());
    expect(duty?.textBody).not.toContain(`${baseUrl}/account`);
    expect(duty?.textBody).not.toContain('updated yesterday');
  });

  it("gives a province's supervisors its overdue notifications, and the embassies' news of yesterday to police who chose the digest", async () => {
    const supervisor = await digestOf(kohKong.supervisor.email);
    expect(overdueOf(supervisor!.textBody).sort()).toEqual(overdueRecords());
    // The police see which embassy each one waits for.
    expect(supervisor?.textBody).toContain(`- ${records.updatedYesterday.referenceNumber} · Ordinary · ${china.nameEn} · due `);
    expect(supervisor?.textBody).toMatch(overdueLine(records.updatedYesterday, 'police'));
    expect(supervisor?.textBody).not.toContain('New from embassies');
    expect(supervisor?.textBody).toContain(`Open CaseBridge: ${baseUrl}/police`);

    const officerDaily = await digestOf(kohKong.officerDaily.email);
    expect(overdueOf(officerDaily!.textBody)).toEqual([]);
    expect(officerDaily?.textBody).not.toContain('Overdue acknowledgements');
    expect(officerDaily?.textBody).toContain(`- ${records.updatedBefore.referenceNumber} · ${china.nameEn}: 1 message, 0 actions: ${baseUrl}/police/cases/${records.updatedBefore.id}`);
    // The police's own messages are not news to them.
    expect(officerDaily?.textBody).not.toContain(`- ${records.policeWroteYesterday.referenceNumber} · `);

    const supervisorDaily = await digestOf(kohKong.supervisorDaily.email);
    expect(supervisorDaily).toMatchObject({ locale: 'km' });
    expect(supervisorDaily?.textBody).toContain(`${baseUrl}/police/cases/${records.updatedBefore.id}`);
    expect(supervisorDaily?.textBody).toContain(`${baseUrl}/police/cases/${records.dueBeforeMidnight.id}`);
    expect(supervisorDaily?.textBody).not.toContain(`${baseUrl}/police/cases/${records.dueAfterMidnight.id}`);
  });

  it('sends nothing to whoever has nothing to read: an empty digest is not sent', async () => {
    // An officer with immediate e-mail, a supervisor of a province with nothing overdue, an embassy with nothing at all.
    for (const user of [kohKong.officer, sihanoukSupervisor, vietnamLiaison]) expect(await digestOf(user.email)).toBeUndefined();
    const addresses = (await digestsOfDay()).map((row) => row.recipientAddress).sort();
    expect(addresses).toEqual([china.immediate.email, china.daily.email, china.khmerDaily.email, china.duty, kohKong.officerDaily.email, kohKong.supervisor.email, kohKong.supervisorDaily.email].sort());
  });

  it("the next day's digest still lists what is overdue, and no longer yesterday's news", async () => {
    const nextDay = cambodianDateOf(cambodianDayStart(day, 1));
    await planDailyDigests(at(nextDay, 7.5), stored);
    const daily = await digestOf(china.daily.email, nextDay);
    // Now also the one due half an hour after the previous midnight.
    expect(overdueOf(daily!.textBody).sort()).toEqual([...overdueRecords(), records.dueAfterMidnight.referenceNumber].sort());
    expect(daily?.textBody).not.toContain('1 update');
    // This morning's message of the police, the day before, is now yesterday's news.
    expect(daily?.textBody).toContain(`- ${records.acknowledged.referenceNumber}: 1 message, 0 actions`);
    expect(await digestOf(kohKong.officerDaily.email, nextDay)).toBeUndefined();
  });
});

describe('the mail.digest schedule', () => {
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });

  afterAll(async () => {
    await stopWorkers();
    await smtp.close();
  });

  it('runs at 07:30 Cambodian time and sends what it plans through the send queue, reading the clock it is given', async () => {
    const scheduledDay = cambodianDateOf(cambodianDayStart(day, 2));
    const options = { configOf: () => ({ ...stored, smtpUrl: smtp.url }), retries: { limit: 2, delaySeconds: 1 }, now: () => at(scheduledDay, 7.5) };
    const digestQueue = defineMailQueues(options).queues.find((queue) => queue.name === 'mail.digest');
    // No time zone of its own: lib/jobs reads every cron in Asia/Phnom_Penh.
    expect(digestQueue?.schedule).toEqual({ cron: '30 7 * * *', data: {} });
    await startWorkers({ queues: defineAppQueues(options), pollingIntervalSeconds: 0.5 });
    // What pg-boss does at the tick.
    await digestQueue!.handler({}, { id: 'test', retryCount: 0 });
    const planned = await digestsOfDay(scheduledDay);
    expect(planned.map((row) => row.recipientAddress)).toContain(china.duty);
    // The workers also relay this file's earlier outbox messages and sweep its earlier digests: only this day's count.
    const messageIds = new Set(planned.map((row) => `<${row.id}@casebridge.example>`));
    const arrived = () => smtp.received.filter((mail) => messageIds.has(mail.parsed.messageId ?? ''));
    await vi.waitFor(() => expect(arrived()).toHaveLength(planned.length), { timeout: 30_000, interval: 200 });
    expect(arrived().flatMap((mail) => mail.envelopeTo).sort()).toEqual(planned.map((row) => row.recipientAddress).sort());
    expect(arrived().find((mail) => mail.envelopeTo.includes(china.duty))?.parsed.subject).toContain('CaseBridge daily digest');
    // The digest cannot be unsubscribed from in one click: its overdue part cannot be turned off.
    expect(arrived().every((mail) => !mail.parsed.headerLines.some((header) => header.key === 'list-unsubscribe'))).toBe(true);
  }, 90_000);
});
