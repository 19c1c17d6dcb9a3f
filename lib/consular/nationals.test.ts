import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { countryConsularRules, consularNotificationWish, detentionStatus, dualNationalDecision } from '@/db/schema';
import { withTestDatabase } from '@/lib/testing/test-database';
import { isNotifiedNational, routablePeopleOf, type ConsularPerson } from './nationals';

withTestDatabase();

const mandatory = (country: string) => country === 'MY';

beforeAll(async () => {
  await getDb().insert(countryConsularRules).values({ countryCode: 'MY', mandatoryNotification: true });
});

/** Every combination the rule looks at, for a country that is one of the person's nationalities or not. */
function combinations(): { person: ConsularPerson; country: string }[] {
  const nationalities: [string, string[]][] = [['ID', []], ['MY', []], ['KH', ['ID']], ['ID', ['KH']], ['ID', ['CN']], ['XX', []]];
  const result: { person: ConsularPerson; country: string }[] = [];
  for (const [nationality, otherNationalities] of nationalities)
    for (const status of detentionStatus.enumValues)
      for (const wish of [null, ...consularNotificationWish.enumValues])
        for (const decision of [null, ...dualNationalDecision.enumValues])
          for (const country of ['ID', 'MY', 'CN', 'KH', 'XX'])
            result.push({ person: { nationality, otherNationalities, detentionStatus: status, notificationWish: wish, dualNationalDecision: decision }, country });
  return result;
}

describe('who a country is told of', () => {
  it('agrees with its SQL twin behind the embassy’s row policy, for every combination', async () => {
    const cases = combinations();
    const disagreements: string[] = [];
    for (const { person, country } of cases) {
      const result = await getDb().execute(
        sql`select casebridge_is_notified_national(${person.nationality}, ${sql`${`{${person.otherNationalities.join(',')}}`}::text[]`}, ${person.detentionStatus}::detention_status, ${person.notificationWish}::consular_notification_wish, ${person.dualNationalDecision}::dual_national_decision, ${country}) as notified`,
      );
      const rows = (Array.isArray(result) ? result : (result as { rows: { notified: boolean }[] }).rows) as { notified: boolean }[];
      if (rows[0]?.notified !== isNotifiedNational(person, country, mandatory)) disagreements.push(JSON.stringify({ person, country }));
    }
    expect(disagreements).toEqual([]);
  });

  it('routes a dual national once per country told of them, and a declined detention nowhere unless mandatory', () => {
    const base = { detentionStatus: 'detained' as const, notificationWish: null, dualNationalDecision: null };
    expect(routablePeopleOf([{ ...base, nationality: 'ID', otherNationalities: ['CN'] }], mandatory).map((person) => person.nationality)).toEqual(['ID', 'CN']);
    expect(routablePeopleOf([{ ...base, nationality: 'ID', otherNationalities: [], notificationWish: 'declines' }], mandatory)).toEqual([]);
    expect(routablePeopleOf([{ ...base, nationality: 'MY', otherNationalities: [], notificationWish: 'declines' }], mandatory).map((person) => person.nationality)).toEqual(['MY']);
    expect(routablePeopleOf([{ ...base, nationality: 'KH', otherNationalities: ['ID'] }], mandatory)).toEqual([]);
    expect(routablePeopleOf([{ ...base, nationality: 'KH', otherNationalities: ['ID'], dualNationalDecision: 'notify' }], mandatory).map((person) => person.nationality)).toEqual(['ID']);
  });
});
