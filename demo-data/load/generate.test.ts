import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { referenceYearOf } from '@/lib/cases/reference-number';
import { SeededRandom } from '@/demo-data/shared/prng';
import { generateBatch, loadTables, type GeneratorContext, type LoadEmbassy, type LoadProvince, type LoadUser } from './generate';
import { TimeOrderedIds } from './ids';
import { loadEmbassies } from './mix';
import { placesByProvince } from './places';
import { ReferenceNumberAllocator } from './reference-numbers';
import { tenYearsUntil } from './report-times';
import { provinceTable } from './weights';

const provinces = [
  { code: 'PNH', population: 2_281_951 },
  { code: 'BMC', population: 859_545 },
  { code: 'KKG', population: 123_618 },
  { code: 'KEP', population: 41_798 },
];
const user = (role: LoadUser['role']): LoadUser => ({ id: randomUUID(), role });

function contextFor(totalCases: number, counters: ConstructorParameters<typeof ReferenceNumberAllocator>[0] = []): GeneratorContext {
  const police = new Map<string, LoadProvince>(
    provinces.map((province) => [province.code, { code: province.code, policeOrganisationId: randomUUID(), officers: [user('police_officer'), user('police_officer')], supervisors: [user('police_supervisor')] }]),
  );
  const embassies: LoadEmbassy[] = loadEmbassies.map((embassy) => ({ id: randomUUID(), countryCode: embassy.countryCode, ackDeadlineHours: 72, detentionAckDeadlineHours: 24, liaisons: [user('embassy_liaison')], language: embassy.language }));
  const now = new Date('2026-06-01T05:00:00Z');
  return {
    rng: new SeededRandom(42),
    ids: new TimeOrderedIds(),
    now,
    window: tenYearsUntil(now),
    totalCases,
    provinceTable: provinceTable(provinces),
    provinces: police,
    embassies,
    places: placesByProvince(provinces.map((province) => province.code)),
    references: new ReferenceNumberAllocator(counters),
    audit: 'cases',
  };
}

function column(table: keyof typeof loadTables, name: string): number {
  return (loadTables[table] as readonly string[]).indexOf(name);
}

describe('generateBatch', () => {
  it('numbers the cases of every province-year gap-free, in the order they were reported, across batches', () => {
    const context = contextFor(3_000, [{ provinceCode: 'PNH', year: 2026, lastNumber: 41 }]);
    const lines = [0, 1_000, 2_000].flatMap((first) => generateBatch(context, first, 1_000).cases);
    expect(lines).toHaveLength(3_000);
    const rows = lines.map((line) => line.slice(0, -1).split('\t'));
    const byProvinceYear = new Map<string, { sequence: number; reportedAt: string; reference: string }[]>();
    for (const row of rows) {
      const province = row[column('cases', 'province_code')] ?? '';
      const year = Number(row[column('cases', 'reference_year')]);
      const reportedAt = row[column('cases', 'reported_at')] ?? '';
      expect(referenceYearOf(new Date(reportedAt))).toBe(year);
      const key = `${province}-${year}`;
      byProvinceYear.set(key, [...(byProvinceYear.get(key) ?? []), { sequence: Number(row[column('cases', 'reference_sequence')]), reportedAt, reference: row[column('cases', 'reference_number')] ?? '' }]);
    }
    for (const [key, cases] of byProvinceYear) {
      const first = key === 'PNH-2026' ? 42 : 1;
      expect(cases.map((entry) => entry.sequence)).toEqual(cases.map((_, index) => first + index));
      expect(cases.map((entry) => entry.reportedAt)).toEqual([...cases.map((entry) => entry.reportedAt)].sort());
      expect(cases[0]?.reference).toBe(`${key}-${String(first).padStart(6, '0')}`);
    }
    const counters = context.references.counters();
    expect(counters.find((counter) => counter.provinceCode === 'PNH' && counter.year === 2026)?.lastNumber).toBe(41 + (byProvinceYear.get('PNH-2026')?.length ?? 0));
    expect(counters.reduce((sum, counter) => sum + counter.lastNumber, 0)).toBe(3_000 + 41);
  });

  it('weights provinces by population and gives about three people per case, all pointing at generated cases', () => {
    const context = contextFor(2_000);
    const batch = generateBatch(context, 0, 2_000);
    const caseIds = new Set(batch.cases.map((line) => line.split('\t')[0]));
    const provinceShare = (code: string) => batch.cases.filter((line) => line.split('\t')[column('cases', 'province_code')] === code).length / 2_000;
    expect(provinceShare('PNH')).toBeGreaterThan(0.6);
    expect(provinceShare('KEP')).toBeLessThan(0.03);
    const peoplePerCase = batch.case_people.length / 2_000;
    expect(peoplePerCase).toBeGreaterThan(2.5);
    expect(peoplePerCase).toBeLessThan(3.5);
    for (const table of ['case_people', 'notifications', 'case_events'] as const) {
      const orphans = batch[table].filter((line) => !caseIds.has(line.split('\t')[column(table, 'case_id')]));
      expect(orphans).toEqual([]);
    }
    expect(batch.audit_log).toHaveLength(2_000);
    expect(batch.cases.filter((line) => line.split('\t').length !== loadTables.cases.length)).toEqual([]);
  });
});
