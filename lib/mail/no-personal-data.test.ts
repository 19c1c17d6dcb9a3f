import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { caseMessages, casePeople, cooperationActions, mailDeliveries, notifications, organisations } from '@/db/schema';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';
import { withTestDatabase } from '@/lib/testing/test-database';
import { planNewNotificationMail } from './new-notification';
import { planActionRequestMail, planMessageRequestMail } from './requests';

// E-mail is not a protected channel: no message may carry a name, document number or date of birth. Every
// message of every demo notification, in every language, is scanned for every seeded person's.
withTestDatabase();

const now = new Date('2026-06-15T03:00:00Z');
const config = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'https://casebridge.example' };
let personalValues: string[];

/** Every value of `values` that some planned message of `kind` contains. */
async function leaksIn(kind: 'new_notification' | 'request', values: readonly string[]): Promise<{ locales: Set<string | null>; count: number; leaks: string[] }> {
  const messages = await getDb()
    .select({ locale: mailDeliveries.locale, subject: mailDeliveries.subject, text: mailDeliveries.textBody, html: mailDeliveries.htmlBody })
    .from(mailDeliveries)
    .where(eq(mailDeliveries.kind, kind));
  const leaks = messages.flatMap((message) => {
    const content = `${message.subject}\n${message.text}\n${message.html}`;
    return values.filter((value) => content.includes(value));
  });
  return { locales: new Set(messages.map((message) => message.locale)), count: messages.length, leaks };
}

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
    const { locales, count, leaks } = await leaksIn('new_notification', personalValues);
    // The demo's officers read English or Chinese; the duty addresses' messages hold all three languages.
    expect(locales).toEqual(new Set(['en', 'zh-CN', null]));
    expect(count).toBeGreaterThan(100);
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
    const { locales, count, leaks } = await leaksIn('request', [...personalValues, ...written]);
    expect(count).toBeGreaterThan(10);
    expect(locales.has(null)).toBe(false);
    expect(leaks).toEqual([]);
  });
});
