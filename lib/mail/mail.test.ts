import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, mailDeliveries, notifications, organisations, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createCase } from '@/lib/cases/commands';
import { getCaseWorkspace } from '@/lib/cases/queries';
import { getNotificationRecord } from '@/lib/notifications/record';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { startTestSmtpServer, type TestSmtpServer } from '@/lib/testing/smtp-server';
import { withTestDatabase } from '@/lib/testing/test-database';
import type { MailConfig } from './config';
import { planNewNotificationMail } from './new-notification';
import { getOutboxMessage, listOutbox, outboxPageSize } from './queries';
import { parseFilters } from '@/lib/search-params';
import { outboxFilterFields, outboxFiltersSchema } from './schemas';
import { markMailDeliveryFailed, sendMailDelivery } from './send';

withTestDatabase();

const baseUrl = 'https://casebridge.example';
const stored: MailConfig = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl };
let smtp: TestSmtpServer;
let viaSmtp: MailConfig;

let officer: Actor;
let chinaId: string;
let khmerLiaison: typeof users.$inferSelect;
let chineseLiaison: typeof users.$inferSelect;
let englishLiaison: typeof users.$inferSelect;
let inactiveLiaison: typeof users.$inferSelect;
let vietnameseLiaison: typeof users.$inferSelect;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  viaSmtp = { ...stored, smtpUrl: smtp.url };
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  chinaId = (await createOrganisation({ kind: 'embassy', countryCode: 'CN', dutyEmailAddresses: ['duty@cn-embassy.example'] })).id;
  khmerLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, preferredLocale: 'km' });
  chineseLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, preferredLocale: 'zh-CN' });
  englishLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, preferredLocale: 'en' });
  inactiveLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaId, isActive: false });
  const vietnamId = (await createOrganisation({ kind: 'embassy', countryCode: 'VN', dutyEmailAddresses: ['duty@vn-embassy.example'] })).id;
  vietnameseLiaison = await createUser({ role: 'embassy_liaison', organisationId: vietnamId });
});

afterAll(async () => {
  await smtp.close();
});

/** A new case with a Chinese suspect (detained or not): its notification to the Chinese embassy. */
async function notifyChina(isDetained = false): Promise<{ caseId: string; referenceNumber: string; notificationId: string }> {
  const suspect = buildPersonInput({ nationality: 'CN', ...(isDetained ? { detentionStatus: 'detained' as const, detentionChangedAt: '2026-03-02T10:00' } : {}) });
  const created = await createCase(officer, buildCaseInput({ people: [suspect] }));
  const [notification] = await getDb().select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, created.id));
  if (!notification) throw new Error('no notification');
  return { caseId: created.id, referenceNumber: created.referenceNumber, notificationId: notification.id };
}

async function deliveriesOf(ids: string[]) {
  return getDb().select().from(mailDeliveries).where(inArray(mailDeliveries.id, ids));
}

/** Messages the test server received for an address since `since` (an index into `received`). */
const receivedBy = (address: string, since: number) => smtp.received.slice(since).filter((mail) => mail.envelopeTo.includes(address));

describe('planning the e-mails of a new notification', () => {
  it('creates one delivery per active liaison officer and duty address of the embassy, and nothing the second time', async () => {
    const { notificationId, caseId, referenceNumber } = await notifyChina();
    const ids = await planNewNotificationMail(notificationId, new Date('2026-03-02T10:01:00Z'), stored);
    const rows = await deliveriesOf(ids);
    expect(rows.map((row) => row.recipientAddress).sort()).toEqual([khmerLiaison.email, chineseLiaison.email, englishLiaison.email, 'duty@cn-embassy.example'].sort());
    expect(rows.map((row) => row.recipientAddress)).not.toContain(inactiveLiaison.email);
    expect(rows.map((row) => row.recipientAddress)).not.toContain(vietnameseLiaison.email);
    expect(rows.every((row) => row.status === 'queued' && row.kind === 'new_notification' && row.organisationId === chinaId && !row.isUrgent)).toBe(true);
    const duty = rows.find((row) => row.recipientUserId === null);
    expect(duty).toMatchObject({ recipientAddress: 'duty@cn-embassy.example', locale: null });
    for (const row of rows) {
      expect(row.subject).toContain(referenceNumber);
      expect(row.textBody).toContain(`${baseUrl}/embassy/cases/${caseId}`);
    }

    expect(await planNewNotificationMail(notificationId, new Date(), stored)).toEqual([]);
    const all = await getDb().select({ id: mailDeliveries.id }).from(mailDeliveries).where(eq(mailDeliveries.notificationId, notificationId));
    expect(all).toHaveLength(4);
  });

  it('writes each officer in their language, and the duty address in all three', async () => {
    const { notificationId } = await notifyChina();
    const rows = await deliveriesOf(await planNewNotificationMail(notificationId, new Date(), stored));
    const of = (address: string) => rows.find((row) => row.recipientAddress === address);
    expect(of(khmerLiaison.email)).toMatchObject({ locale: 'km', subject: expect.stringContaining('ការជូនដំណឹងកុងស៊ុលថ្មី') });
    expect(of(chineseLiaison.email)).toMatchObject({ locale: 'zh-CN', subject: expect.stringContaining('新的领事通知') });
    expect(of(englishLiaison.email)).toMatchObject({ locale: 'en', subject: expect.stringContaining('New consular notification') });
    const duty = of('duty@cn-embassy.example');
    for (const phrase of ['New consular notification', 'ការជូនដំណឹងកុងស៊ុលថ្មី', '新的领事通知']) {
      expect(duty?.textBody).toContain(phrase);
      expect(duty?.htmlBody).toContain(phrase);
    }
  });
});

describe('sending a delivery', () => {
  it('sends one message per delivery through the SMTP server, in the recipient\'s language, as text and HTML', async () => {
    const since = smtp.received.length;
    const { notificationId, referenceNumber } = await notifyChina();
    const ids = await planNewNotificationMail(notificationId, new Date(), viaSmtp);
    for (const id of ids) expect(await sendMailDelivery(id, new Date(), viaSmtp)).toBe('sent');
    // A job run again after success sends nothing.
    for (const id of ids) expect(await sendMailDelivery(id, new Date(), viaSmtp)).toBe('sent');
    expect(smtp.received.length - since).toBe(ids.length);

    const [khmer] = receivedBy(khmerLiaison.email, since);
    expect(receivedBy(khmerLiaison.email, since)).toHaveLength(1);
    expect(khmer?.parsed.subject).toContain('ការជូនដំណឹងកុងស៊ុលថ្មី');
    expect(khmer?.parsed.text).toContain('លេខយោងករណី');
    expect(khmer?.parsed.html).toContain('lang="km"');
    const [chinese] = receivedBy(chineseLiaison.email, since);
    expect(chinese?.parsed.subject).toBe(`新的领事通知：案件 ${referenceNumber}（戈公）`);
    expect(chinese?.parsed.text).toContain('案件编号');
    expect(chinese?.parsed.html).toContain('在 CaseBridge 中打开案件');
    expect(chinese?.parsed.from?.text).toContain('no-reply@casebridge.example');
    expect(chinese?.parsed.headerLines.map((header) => header.key)).not.toContain('importance');

    const rows = await deliveriesOf(ids);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, providerMessageId: `<${row.id}@casebridge.example>` });
      expect(row.finishedAt).not.toBeNull();
    }
    const audits = await getDb().select().from(auditLog).where(inArray(auditLog.entityId, ids));
    expect(audits.map((entry) => entry.action)).toEqual(ids.map(() => 'mail.sent'));
    // The audit keeps the recipient's user id, never an address.
    for (const entry of audits) expect(JSON.stringify(entry.details)).not.toMatch(/@test\.example|@cn-embassy\.example/);
  });

  it('marks a detention notification urgent', async () => {
    const since = smtp.received.length;
    const { notificationId } = await notifyChina(true);
    const ids = await planNewNotificationMail(notificationId, new Date(), viaSmtp);
    for (const id of ids) await sendMailDelivery(id, new Date(), viaSmtp);
    const [english] = receivedBy(englishLiaison.email, since);
    expect(english?.parsed.subject).toMatch(/^\[URGENT – DETENTION\] New consular notification/);
    const headerLines = english?.parsed.headerLines.map((header) => header.line) ?? [];
    expect(headerLines).toEqual(expect.arrayContaining([expect.stringMatching(/^Importance: High$/i), expect.stringMatching(/^X-Priority: 1/i)]));
    expect(english?.parsed.text).toContain('is detained');
    expect((await deliveriesOf(ids)).every((row) => row.isUrgent)).toBe(true);
  });

  it('keeps the server\'s refusal and the attempts, and sends once when the server accepts again', async () => {
    const since = smtp.received.length;
    const { notificationId } = await notifyChina();
    const [id] = (await deliveriesOf(await planNewNotificationMail(notificationId, new Date(), viaSmtp))).filter((row) => row.recipientUserId === chineseLiaison.id).map((row) => row.id);
    if (!id) throw new Error('no delivery');
    smtp.refuseNext(2);
    await expect(sendMailDelivery(id, new Date(), viaSmtp)).rejects.toThrow(/451/);
    await expect(sendMailDelivery(id, new Date(), viaSmtp)).rejects.toThrow(/451/);
    const [failing] = await deliveriesOf([id]);
    expect(failing).toMatchObject({ status: 'queued', attempts: 2, lastError: expect.stringContaining('451') });
    expect(await sendMailDelivery(id, new Date(), viaSmtp)).toBe('sent');
    expect(receivedBy(chineseLiaison.email, since)).toHaveLength(1);
    const [sent] = await deliveriesOf([id]);
    expect(sent).toMatchObject({ status: 'sent', attempts: 3, lastError: expect.stringContaining('451') });
  });

  it('is kept as failed, with its error, when the job layer gives up', async () => {
    const { notificationId } = await notifyChina();
    const [id] = await planNewNotificationMail(notificationId, new Date(), viaSmtp);
    if (!id) throw new Error('no delivery');
    smtp.refuseNext(1);
    const error = await sendMailDelivery(id, new Date(), viaSmtp).catch((caught: unknown) => caught);
    await markMailDeliveryFailed(id, error);
    const [failed] = await deliveriesOf([id]);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('451') });
    expect(await sendMailDelivery(id, new Date(), viaSmtp)).toBe('failed');
  });

  it('stores the message without SMTP_URL: nothing leaves the machine, and it is audited', async () => {
    const since = smtp.received.length;
    const { notificationId } = await notifyChina();
    const ids = await planNewNotificationMail(notificationId, new Date(), stored);
    for (const id of ids) expect(await sendMailDelivery(id, new Date(), stored)).toBe('stored');
    expect(smtp.received.length).toBe(since);
    expect((await deliveriesOf(ids)).every((row) => row.status === 'stored' && row.attempts === 0 && row.finishedAt !== null)).toBe(true);
    const audits = await getDb().select({ action: auditLog.action }).from(auditLog).where(inArray(auditLog.entityId, ids));
    expect(audits.map((entry) => entry.action)).toEqual(ids.map(() => 'mail.stored'));
  });

  it('skips a recipient deactivated, or whose embassy was deactivated, before the message went out', async () => {
    const since = smtp.received.length;
    const embassyId = (await createOrganisation({ kind: 'embassy', countryCode: 'TH', dutyEmailAddresses: ['duty@th-embassy.example'] })).id;
    const leaving = await createUser({ role: 'embassy_liaison', organisationId: embassyId });
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'TH' })] }));
    const [notification] = await getDb().select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, created.id));
    const ids = await planNewNotificationMail(notification!.id, new Date(), viaSmtp);
    expect(ids).toHaveLength(2);
    await getDb().update(users).set({ isActive: false }).where(eq(users.id, leaving.id));
    const rows = await deliveriesOf(ids);
    const personal = rows.find((row) => row.recipientUserId === leaving.id)!;
    const duty = rows.find((row) => row.recipientUserId === null)!;
    expect(await sendMailDelivery(personal.id, new Date(), viaSmtp)).toBe('skipped');
    await getDb().update(organisations).set({ isActive: false }).where(eq(organisations.id, embassyId));
    expect(await sendMailDelivery(duty.id, new Date(), viaSmtp)).toBe('skipped');
    expect(smtp.received.length).toBe(since);
  });
});

describe('the proof of delivery', () => {
  it('lists every delivery on the notification record for the case\'s police and the notified embassy, and counts them in the police workspace', async () => {
    const { caseId, notificationId } = await notifyChina();
    const ids = await planNewNotificationMail(notificationId, new Date(), viaSmtp);
    const chineseDelivery = (await deliveriesOf(ids)).find((row) => row.recipientUserId === chineseLiaison.id)!;
    smtp.refuseNext(1);
    await expect(sendMailDelivery(chineseDelivery.id, new Date(), viaSmtp)).rejects.toThrow(/451/);
    const sentAt = new Date('2026-03-02T03:02:00Z');
    for (const id of ids) await sendMailDelivery(id, sentAt, viaSmtp);

    const record = await getNotificationRecord(officer, notificationId);
    expect(record.deliveries).toHaveLength(4);
    expect(record.deliveries.find((delivery) => delivery.id === chineseDelivery.id)).toMatchObject({
      recipientAddress: chineseLiaison.email,
      kind: 'new_notification',
      status: 'sent',
      attempts: 2,
      lastError: expect.stringContaining('451'),
      providerMessageId: `<${chineseDelivery.id}@casebridge.example>`,
      isDutyAddress: false,
      finishedAt: sentAt,
    });
    expect(record.deliveries.filter((delivery) => delivery.isDutyAddress).map((delivery) => delivery.recipientAddress)).toEqual(['duty@cn-embassy.example']);
    // The embassy sees its own deliveries on its record; nothing else of the table reaches it (the body is not granted).
    const embassyRecord = await getNotificationRecord(await actorFor(englishLiaison), notificationId);
    expect(embassyRecord.deliveries.map((delivery) => delivery.id).sort()).toEqual(ids.sort());
    await expect(getNotificationRecord(await actorFor(vietnameseLiaison), notificationId)).rejects.toMatchObject({ kind: 'not_found' });

    const workspace = await getCaseWorkspace(officer, caseId);
    expect(workspace.notifications[0]?.mail).toEqual({ officers: 3, dutyAddresses: 1, at: sentAt, isStoredOnly: false, pending: 0, failed: 0 });
  });
});

describe('the administrator\'s outbox', () => {
  it('lists every delivery newest first, filtered by status and kind, and shows a message as it was sent', async () => {
    const admin = await actorFor(await createUser({ role: 'admin' }));
    const { notificationId, referenceNumber } = await notifyChina(true);
    const ids = await planNewNotificationMail(notificationId, new Date(Date.now() + 60_000), stored);
    const [storedId] = ids;
    await sendMailDelivery(storedId!, new Date(), stored);

    const newest = await listOutbox(admin, outboxFiltersSchema.parse({}));
    expect(newest.items.slice(0, ids.length).map((item) => item.id).sort()).toEqual([...ids].sort());
    expect(newest.items.length).toBeLessThanOrEqual(outboxPageSize);
    const onlyStored = await listOutbox(admin, outboxFiltersSchema.parse({ status: 'stored', kind: 'new_notification' }));
    expect(onlyStored.items.map((item) => item.id)).toContain(storedId);
    expect(onlyStored.items.every((item) => item.status === 'stored')).toBe(true);
    expect((await listOutbox(admin, outboxFiltersSchema.parse({ kind: 'digest' }))).items).toEqual([]);
    // A nonsense filter falls back to none.
    expect(parseFilters(outboxFilterFields, { status: 'lost', page: '-3' })).toEqual({ filters: { status: '', kind: '', page: 1 }, notUnderstood: ['status', 'page'] });

    const message = await getOutboxMessage(admin, storedId!);
    const [row] = await deliveriesOf([storedId!]);
    expect(message).toMatchObject({ subject: row?.subject, textBody: row?.textBody, htmlBody: row?.htmlBody, isUrgent: true, caseReferenceNumber: referenceNumber, status: 'stored' });

    await expect(listOutbox(officer, outboxFiltersSchema.parse({}))).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getOutboxMessage(await actorFor(englishLiaison), storedId!)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getOutboxMessage(admin, 'not-an-id')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
