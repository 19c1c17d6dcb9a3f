import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { casePeople, mailDeliveries, notifications, organisations } from '@/db/schema';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';
import { withTestDatabase } from '@/lib/testing/test-database';
import { planNewNotificationMail } from './new-notification';

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
});
