import { inArray } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { casePeople, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import en from '@/lib/i18n/messages/en.json';
import zh from '@/lib/i18n/messages/zh-CN.json';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';
import { actorFor } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { exportSummaryTable } from './export';
import type { SummaryQuery } from './period';
import { getSummaryReport } from './queries';
import { summaryTablesOf, type TableLabels } from './tables';

withTestDatabase();

const now = new Date('2026-06-15T03:00:00Z');
const localisedLabels: TableLabels[] = [
  { t: createTranslator({ locale: 'en', messages: en }) as TableLabels['t'], locale: 'en' },
  { t: createTranslator({ locale: 'zh-CN', messages: zh }) as TableLabels['t'], locale: 'zh-CN' },
];

let governor: Actor;
let analyst: Actor;
/** Every name (both scripts), ID number and date of birth of every seeded person. */
let personalValues: string[];

beforeAll(async () => {
  await seedDemoData(getDb(), { now });
  const accounts = await getDb()
    .select()
    .from(users)
    .where(inArray(users.email, ['sophea.ly@kkg.governor.demo', 'chenda.heng@interior.demo']));
  const accountOf = (email: string) => {
    const account = accounts.find((row) => row.email === email);
    if (!account) throw new Error(`demo account ${email} missing`);
    return account;
  };
  governor = await actorFor(accountOf('sophea.ly@kkg.governor.demo'));
  analyst = await actorFor(accountOf('chenda.heng@interior.demo'));
  const people = await getDb()
    .select({ latinName: casePeople.latinName, nativeName: casePeople.nativeName, idDocumentNumber: casePeople.idDocumentNumber, dateOfBirth: casePeople.dateOfBirth })
    .from(casePeople);
  personalValues = [
    ...new Set(people.flatMap((person) => [person.latinName, person.nativeName, person.idDocumentNumber, person.dateOfBirth]).filter((value): value is string => Boolean(value))),
  ];
});

function leaksIn(text: string): string[] {
  return personalValues.filter((value) => text.includes(value));
}

const readers: [string, () => Actor, SummaryQuery[]][] = [
  ['governor', () => governor, [{}, { months: 3 }, { months: 24 }, { from: '2026-06', to: '2026-06' }]],
  ['ministry', () => analyst, [{}, { months: 24 }, { province: 'KKG' }, { province: 'PSN', months: 3 }, { province: 'PNH', from: '2026-06', to: '2026-06' }]],
];

describe('summaries carry no personal data', () => {
  it('has seeded people to look for', () => {
    expect(personalValues.length).toBeGreaterThan(500);
    const [someName] = personalValues;
    expect(leaksIn(JSON.stringify({ label: `x${someName}x` }))).toContain(someName);
  });

  for (const [reader, actorOf, queries] of readers) {
    it(`the ${reader}'s reports contain no name, ID number or date of birth`, async () => {
      for (const query of queries) {
        const report = await getSummaryReport(actorOf(), query, now);
        expect(report.headline.newCases, JSON.stringify(query)).not.toBe(0);
        expect(leaksIn(JSON.stringify(report)), JSON.stringify(query)).toEqual([]);
      }
    });

    it(`the ${reader}'s CSV exports of every table contain none either`, async () => {
      for (const query of queries) {
        const tables = summaryTablesOf(await getSummaryReport(actorOf(), query, now));
        for (const labels of localisedLabels) {
          for (const table of tables) {
            const exported = await exportSummaryTable(actorOf(), { ...query, table }, labels, now);
            expect(exported.body.startsWith('\uFEFF'), table).toBe(true);
            expect(leaksIn(exported.body), `${table} ${labels.locale} ${JSON.stringify(query)}`).toEqual([]);
          }
        }
      }
    });
  }
});
