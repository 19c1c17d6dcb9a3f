import { eq, inArray, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { casePeople, mailDeliveries, notifications, notificationUpdates, organisations } from '@/db/schema';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';
import { withTestDatabase } from '@/lib/testing/test-database';
import { planDeadlineMail } from './deadlines';
import { planNewNotificationMail } from './new-notification';
import { planNotificationUpdateMail } from './notification-updates';

// E-mail is not a protected channel: no message may carry a name, document number or date of birth. Every
// message of every demo notification, in every language, is scanned for every seeded person's.
withTestDatabase();

const now = new Date('2026-06-15T03:00:00Z');
let personalValues: string[];

beforeAll(async () => {
  await seedDemoData(getDb(), { now });
  // Each embassy gets a duty address too, so the three-language message is scanned as well.
  const embassies = await getDb().select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(eq(organisations.kind, 'embassy'));
  for (const embassy of embassies) {
    await getDb().update(organisations).set({ dutyEmailAddresses: [`duty@${embassy.slug}.example`] }).where(eq(organisations.id, embassy.id));
  }
  const people = await getDb()
    .select({ latinName: casePeople.latinName, nativeName: casePeople.nativeName, idDocumentNumber: casePeople.idDocumentNumber, dateOfBirth: casePeople.dateOfBirth })
    .from(casePeople);
  personalValues = [
    ...new Set(people.flatMap((person) => [person.latinName, person.nativeName, person.idDocumentNumber, person.dateOfBirth]).filter((value): value is string => Boolean(value))),
  ];
});

describe('e-mails carry no personal data', () => {
  it('names no seeded person, document number or date of birth in any new-notification message', async () => {
    expect(personalValues.length).toBeGreaterThan(500);
    const config = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'https://casebridge.example' };
    for (const { id } of await getDb().select({ id: notifications.id }).from(notifications)) await planNewNotificationMail(id, now, config);
    const messages = await getDb().select({ locale: mailDeliveries.locale, subject: mailDeliveries.subject, text: mailDeliveries.textBody, html: mailDeliveries.htmlBody }).from(mailDeliveries);
    // The demo's officers read English or Chinese; the duty addresses' messages hold all three languages.
    expect(new Set(messages.map((message) => message.locale))).toEqual(new Set(['en', 'zh-CN', null]));
    expect(messages.length).toBeGreaterThan(100);
    const leaks = messages.flatMap((message) => {
      const content = `${message.subject}\n${message.text}\n${message.html}`;
      return personalValues.filter((value) => content.includes(value));
    });
    expect(leaks).toEqual([]);
  });

  it('names none in any update, detention, reminder or escalation message, nor a person\'s id or a disclosure\'s justification', async () => {
    const config = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'https://casebridge.example' };
    const hour = 3_600_000;
    // The demo's history counts as mailed (the seed says so); here every update is planned as if it were new.
    await getDb().update(notifications).set({ updatesMailedUntil: null });
    const updated = await getDb().selectDistinct({ id: notificationUpdates.notificationId }).from(notificationUpdates);
    for (const { id } of updated) await planNotificationUpdateMail(id, new Date(now.getTime() + 24 * hour), config);
    // Every waiting notification gets both moments: its reminder at `remindAt`, its escalation three hours later.
    const remindAt = new Date(now.getTime() + 48 * hour);
    await getDb()
      .update(notifications)
      .set({ createdAt: sql`${remindAt.toISOString()}::timestamptz - interval '40 hours'`, dueAt: new Date(remindAt.getTime() + 2 * hour), remindedAt: null, escalatedAt: null })
      .where(isNull(notifications.acknowledgedAt));
    await planDeadlineMail(remindAt, config);
    await planDeadlineMail(new Date(remindAt.getTime() + 3 * hour), config);

    const messages = await getDb()
      .select({ kind: mailDeliveries.kind, isUrgent: mailDeliveries.isUrgent, locale: mailDeliveries.locale, subject: mailDeliveries.subject, text: mailDeliveries.textBody, html: mailDeliveries.htmlBody })
      .from(mailDeliveries)
      .where(inArray(mailDeliveries.kind, ['notification_update', 'reminder', 'escalation']));
    const countOf = (kind: string, isUrgent?: boolean) => messages.filter((message) => message.kind === kind && (isUrgent === undefined || message.isUrgent === isUrgent)).length;
    // Batches and detentions, reminders, escalations to duty desks (every language) and to the Khmer-reading supervisor.
    expect(countOf('notification_update', false)).toBeGreaterThan(50);
    expect(countOf('notification_update', true)).toBeGreaterThan(5);
    expect(countOf('reminder')).toBeGreaterThan(5);
    expect(countOf('escalation')).toBeGreaterThan(5);
    expect(new Set(messages.filter((message) => message.kind === 'escalation').map((message) => message.locale))).toEqual(new Set([null, 'km']));
    // Updates' details hold a person's id, and an override's the supervisor's written justification.
    const people = await getDb().select({ id: casePeople.id, justification: casePeople.disclosureOverrideJustification }).from(casePeople);
    const forbidden = [...personalValues, ...people.flatMap((person) => [person.id, person.justification]).filter((value): value is string => Boolean(value))];
    const leaks = messages.flatMap((message) => {
      const content = `${message.subject}\n${message.text}\n${message.html}`;
      return forbidden.filter((value) => content.includes(value));
    });
    expect(leaks).toEqual([]);
  });
});
