import 'server-only';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { withActorScope } from '@/lib/auth/actor-scope';

import { tableToCsv } from './csv';
import { periodRangeIsValid, summaryQueryFields } from './period';
import { getSummaryReport } from './queries';
import { buildSummaryTable, summaryTableIds, type TableLabels } from './tables';
import { DomainError, isDomainError } from '@/lib/domain-error';

/** The query of `/summaries/export`: which table, and the same period and province fields as the page. */
export const summaryExportSchema = z
  .object({ ...summaryQueryFields, table: z.enum(summaryTableIds) })
  .strict()
  .refine(periodRangeIsValid, { message: 'summaries.invalidPeriod', path: ['to'] });
export type SummaryExportInput = z.infer<typeof summaryExportSchema>;

export interface SummaryExport {
  filename: string;
  /** UTF-8 with a byte-order mark, so spreadsheet programs read Khmer and Chinese labels correctly. */
  body: string;
}

/**
 * One summary table as CSV, for the reader's own scope (through the same data-access function as the page,
 * so small counts are suppressed for a governor's office here too). Every export is audited, and so is an
 * attempt outside the reader's scope.
 */
export async function exportSummaryTable(
  actor: Actor,
  input: SummaryExportInput,
  labels: TableLabels,
  now = new Date(),
): Promise<SummaryExport> {
  const audit = { actor, action: 'summary.export', entityType: 'summary', entityId: input.table } as const;
  try {
    const report = await getSummaryReport(actor, input, now);
    const table = buildSummaryTable(report, input.table, labels);
    if (!table) throw DomainError.notFound('summary table');
    const { period, scope } = report;
    await withActorScope(actor, (tx) =>
      recordAudit(tx, {
        ...audit,
        details: { table: input.table, from: period.fromMonth, to: period.toMonth, province: scope.provinceCode, rows: table.rows.length },
      }),
    );
    return {
      filename: `casebridge-${table.id}-${(scope.provinceCode ?? 'national').toLowerCase()}-${period.fromMonth}-to-${period.toMonth}.csv`,
      body: `\uFEFF${tableToCsv(table)}`,
    };
  } catch (error) {
    if (isDomainError(error, 'not_found')) {
      await withActorScope(actor, (tx) => recordAudit(tx, { ...audit, outcome: 'denied', details: { table: input.table, province: input.province ?? null } }));
    }
    throw error;
  }
}
