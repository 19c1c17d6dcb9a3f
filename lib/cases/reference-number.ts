import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { caseReferenceCounters } from '@/db/schema';

export function formatReferenceNumber(provinceCode: string, year: number, sequence: number): string {
  return `${provinceCode}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The year a case's reference number belongs to: the year it was reported, in Cambodian time. */
export function referenceYearOf(reportedAt: Date): number {
  return new Date(reportedAt.getTime() + 7 * 3_600_000).getUTCFullYear();
}

/**
 * Takes the next number of a province-year inside the caller's transaction. The row lock taken by the
 * upsert serialises concurrent intakes, and a rolled-back intake rolls the counter back: no gaps, no repeats.
 */
export async function takeReferenceNumber(
  tx: Pick<Database, 'insert'>,
  provinceCode: string,
  year: number,
): Promise<{ referenceNumber: string; referenceYear: number; referenceSequence: number }> {
  const [row] = await tx
    .insert(caseReferenceCounters)
    .values({ provinceCode, year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [caseReferenceCounters.provinceCode, caseReferenceCounters.year],
      set: { lastNumber: sql`${caseReferenceCounters.lastNumber} + 1` },
    })
    .returning({ lastNumber: caseReferenceCounters.lastNumber });
  if (!row) throw new Error('The reference counter upsert returned no row');
  return {
    referenceNumber: formatReferenceNumber(provinceCode, year, row.lastNumber),
    referenceYear: year,
    referenceSequence: row.lastNumber,
  };
}
