import type postgres from 'postgres';
import type { Actor } from '@/lib/auth/actor';
import { createCase } from '@/lib/cases/commands';
import { referenceYearOf } from '@/lib/cases/reference-number';
import { createCaseSchema, type CreateCaseInput } from '@/lib/cases/schemas';
import { dateToCambodianLocal } from '@/lib/time/cambodia';

export interface IntakeResult {
  name: string;
  clients: number;
  provinces: string[];
  seconds: number;
  created: number;
  failed: number;
  casesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** Cases createCase reported as created but not found afterwards (must be 0). */
  lost: number;
  /** Province-years whose new numbers are not exactly counter-before + 1 … counter-after (must be none). */
  numberingProblems: string[];
  errors: string[];
}

function intakeInput(provinceCode: string, index: number): CreateCaseInput {
  const reportedAt = new Date(Date.now() - 10 * 60_000);
  return createCaseSchema.parse({
    crimeType: index % 3 === 0 ? 'online_scam' : index % 3 === 1 ? 'drug_trafficking' : 'human_trafficking',
    provinceCode,
    district: 'Benchmark district',
    commune: 'Benchmark commune',
    placeDescription: 'Recorded by the intake benchmark',
    occurredAt: dateToCambodianLocal(new Date(reportedAt.getTime() - 3_600_000)),
    reportedAt: dateToCambodianLocal(reportedAt),
    title: `Intake benchmark case ${index}`,
    narrative: 'Written by npm run bench to measure concurrent intake.',
    isNarrativeShareable: false,
    narrativeHandlingCode: 'H0',
    narrativeHandlingNote: '',
    people: [
      // Names and numbers of their own, so that cases added by a benchmark run never show up in the searches the
      // next run measures.
      { roleInCase: 'suspect', latinName: `Intake Bench Suspect ${index}`, nativeName: '', sex: 'male', dateOfBirth: '', approximateAge: '35', nationality: 'CN', idDocumentType: 'passport', idDocumentNumber: `IB${String(10_000_000 + index)}`, detentionStatus: 'not_detained', detentionChangedAt: '', isSensitiveVictim: false },
      { roleInCase: 'victim', latinName: `Intake Bench Victim ${index}`, nativeName: '', sex: 'female', dateOfBirth: '', approximateAge: '24', nationality: 'VN', idDocumentType: '', idDocumentNumber: '', detentionStatus: 'not_detained', detentionChangedAt: '', isSensitiveVictim: false },
      { roleInCase: 'witness', latinName: `Intake Bench Witness ${index}`, nativeName: '', sex: 'male', dateOfBirth: '', approximateAge: '40', nationality: 'KH', idDocumentType: '', idDocumentNumber: '', detentionStatus: 'not_detained', detentionChangedAt: '', isSensitiveVictim: false },
    ],
  });
}

/**
 * `clients` concurrent intakes through `createCase` (the function the intake form's server action calls) for
 * `seconds`, each client one officer in turn; then checks that every case createCase returned exists and that
 * the numbers taken in each province-year run on from the counter without a gap.
 */
export async function runIntake(raw: postgres.Sql, name: string, officers: readonly Actor[], clients: number, seconds: number): Promise<IntakeResult> {
  const year = referenceYearOf(new Date(Date.now() - 10 * 60_000));
  const provinces = [...new Set(officers.map((officer) => officer.provinceCode ?? ''))];
  const before = new Map(
    (await raw<{ provinceCode: string; lastNumber: number }[]>`select province_code as "provinceCode", last_number as "lastNumber" from case_reference_counters where year = ${year} and province_code = any(${provinces})`).map((row) => [row.provinceCode, row.lastNumber]),
  );
  const created: { id: string; referenceNumber: string }[] = [];
  const latencies: number[] = [];
  const errors: string[] = [];
  let failed = 0;
  let counter = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const officer = officers[client % officers.length] as Actor;
      while (performance.now() < deadline) {
        const index = (counter += 1);
        const requested = performance.now();
        try {
          created.push(await createCase(officer, intakeInput(officer.provinceCode ?? '', index)));
          latencies.push(performance.now() - requested);
        } catch (error) {
          failed += 1;
          if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;

  const ids = created.map((row) => row.id);
  const [found] = await raw<{ count: number }[]>`select count(*)::int as count from cases where id = any(${ids}::uuid[])`;
  const numberingProblems: string[] = [];
  for (const province of provinces) {
    const start = before.get(province) ?? 0;
    const [range] = await raw<{ count: number; lowest: number | null; highest: number | null; counter: number | null }[]>`
      select count(*)::int as count, min(reference_sequence) as lowest, max(reference_sequence) as highest,
             (select last_number from case_reference_counters where province_code = ${province} and year = ${year}) as counter
      from cases where province_code = ${province} and reference_year = ${year} and reference_sequence > ${start}`;
    const mine = created.filter((row) => row.referenceNumber.startsWith(`${province}-${year}-`)).length;
    if (!range || range.count !== mine || (mine > 0 && (range.lowest !== start + 1 || range.highest !== start + mine || range.counter !== start + mine))) {
      numberingProblems.push(`${province}-${year}: ${mine} created after #${start}, found ${range?.count} numbered ${range?.lowest}…${range?.highest}, counter ${range?.counter}`);
    }
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  return {
    name,
    clients,
    provinces,
    seconds: elapsed,
    created: created.length,
    failed,
    casesPerSecond: created.length / elapsed,
    p50Ms: at(50),
    p95Ms: at(95),
    lost: created.length - (found?.count ?? 0),
    numberingProblems,
    errors,
  };
}
