import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { caseMessages, casePeople, cooperationActions, mailDeliveries, notifications, notificationUpdates, organisations, users } from '@/db/schema';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';
import { withTestDatabase } from '@/lib/testing/test-database';
import { cambodianDateOf, cambodianDayStart } from '@/lib/time/cambodia';
import { planDeadlineMail } from './deadlines';
import { planDeclineMail } from './decline';
import { planDailyDigests } from './digest';
import { planNewNotificationMail } from './new-notification';
import { planNotificationUpdateMail } from './notification-updates';
import { planActionRequestMail, planMessageRequestMail } from './requests';

// E-mail is not a protected channel: no message may carry a name, document number or date of birth. Every
// message of every demo notification, in every language, is scanned for every seeded person's.
withTestDatabase();

const now = new Date('2026-06-15T03:00:00Z');
const config = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'https://casebridge.example' };
let personalValues: string[];

/** Every value of `values` that some planned message of `kind` contains. */
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
    for (const { id } of await getDb().select({ id: notifications.id }).from(notifications)) await planNewNotificationMail(id, now, config);
    const messages = await messagesOf('new_notification');
    // The demo's officers read English or Chinese; the duty addresses' messages hold all three languages.
    expect(new Set(messages.map((message) => message.locale))).toEqual(new Set(['en', 'zh-CN', null]));
    expect(messages.length).toBeGreaterThan(100);
    expect(leaksIn(messages)).toEqual([]);
  });

  it('names none in any daily digest, with every list of it filled from the demo data', async () => {
    // Everyone takes updates and requests in the digest, so every list a digest can hold is built.
    await getDb().update(users).set({ updateMailFrequency: 'daily', requestMailFrequency: 'daily' });
    // The demo's busiest days: each digest covers the day before its own.
    const moments = await Promise.all([
      getDb().select({ at: notificationUpdates.createdAt }).from(notificationUpdates),
      getDb().select({ at: caseMessages.createdAt }).from(caseMessages),
      getDb().select({ at: cooperationActions.createdAt }).from(cooperationActions),
    ]);
    const activity = new Map<string, number>();
    for (const { at } of moments.flat()) activity.set(cambodianDateOf(at), (activity.get(cambodianDateOf(at)) ?? 0) + 1);
    const busiest = [...activity].sort((a, b) => b[1] - a[1]).slice(0, 8);
    for (const [day] of busiest) await planDailyDigests(new Date(cambodianDayStart(day, 1).getTime() + 7.5 * 3_600_000), config);

    const digests = await messagesOf('digest');
    expect(digests.length).toBeGreaterThan(20);
    // Khmer (the Koh Kong supervisor), English, Chinese and the duty addresses' three languages.
    expect(new Set(digests.map((message) => message.locale))).toEqual(new Set(['en', 'km', 'zh-CN', null]));
    for (const heading of ['Overdue acknowledgements, longest overdue first', 'Notifications updated yesterday', 'New from the police yesterday', 'New from embassies yesterday']) {
      expect(digests.some((message) => message.text.includes(heading)), heading).toBe(true);
    }
    expect(leaksIn(digests)).toEqual([]);
  });

  it('names none in any update, detention, reminder or escalation message, nor a person\'s id or a disclosure\'s justification', async () => {
    const hour = 3_600_000;
    // Everyone takes updates at once here (the digest's test above moved them all to the digest).
    await getDb().update(users).set({ updateMailFrequency: 'immediate', requestMailFrequency: 'immediate' });
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

  it('names nobody, and quotes no message or action description, in any request message', async () => {
    const messages = await getDb().select({ id: caseMessages.id, body: caseMessages.body }).from(caseMessages);
    const actions = await getDb().select({ id: cooperationActions.id, description: cooperationActions.description }).from(cooperationActions);
    expect(messages.length).toBeGreaterThan(10);
    for (const { id } of messages) await planMessageRequestMail(id, now, config);
    for (const { id } of actions) await planActionRequestMail(id, now, config);
    // What the two sides wrote may name people: none of it, not even a sentence of it, reaches a request e-mail.
    const written = [...messages.map((message) => message.body), ...actions.map((action) => action.description)].flatMap((text) =>
      text
        .split(/(?<=[.!?。])\s*/)
        .map((sentence) => sentence.trim())
        .filter((sentence) => sentence.length >= 20),
    );
    expect(written.length).toBeGreaterThan(10);
    const requests = await messagesOf('request');
    expect(requests.length).toBeGreaterThan(10);
    // Requests go to people, never to a duty address (which has no single language).
    expect(requests.some((message) => message.locale === null)).toBe(false);
    const leaks = leaksIn(requests, [...personalValues, ...written]);
    expect(leaks).toEqual([]);
  });
});

describe('a decline e-mailed to the police', () => {
  it('names nobody, and never quotes the embassy\'s note, which here names the person', async () => {
    // Declined as the embassy would, with a note naming one of the case's people (lib/notifications/answers.ts).
    const standing = await getDb()
      .select({ id: notifications.id, caseId: notifications.caseId, decliner: users.id })
      .from(notifications)
      .innerJoin(users, and(eq(users.organisationId, notifications.embassyOrganisationId), eq(users.role, 'embassy_liaison')))
      .where(and(isNull(notifications.withdrawnAt), isNull(notifications.declinedAt)))
      .limit(20);
    expect(standing.length).toBeGreaterThan(5);
    const notes: string[] = [];
    for (const notification of standing) {
      const [person] = await getDb().select({ latinName: casePeople.latinName }).from(casePeople).where(eq(casePeople.caseId, notification.caseId)).limit(1);
      const note = `${person?.latinName ?? 'Someone'} holds another passport.`;
      notes.push(note);
      await getDb()
        .update(notifications)
        .set({ declinedAt: now, declinedBy: notification.decliner, declineReason: 'not_our_national', declineNote: note })
        .where(eq(notifications.id, notification.id));
      await planDeclineMail(notification.id, now, config);
    }
    const declines = await messagesOf('notification_declined');
    expect(declines.length).toBeGreaterThan(5);
    expect(leaksIn(declines, [...personalValues, ...notes])).toEqual([]);
  });
});

async function messagesOf(kind: (typeof mailDeliveries.$inferSelect)['kind']) {
  return getDb()
    .select({ locale: mailDeliveries.locale, subject: mailDeliveries.subject, text: mailDeliveries.textBody, html: mailDeliveries.htmlBody })
    .from(mailDeliveries)
    .where(eq(mailDeliveries.kind, kind));
}

function leaksIn(messages: { subject: string; text: string; html: string }[], forbidden: readonly string[] = personalValues): string[] {
  return messages.flatMap((message) => {
    const content = `${message.subject}\n${message.text}\n${message.html}`;
    return forbidden.filter((value) => content.includes(value));
  });
}
