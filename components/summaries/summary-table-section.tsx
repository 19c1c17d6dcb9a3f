import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import type { Cell, SummaryTable } from '@/lib/summaries/tables';

export type PrintSpan = 'quarter' | 'third' | 'half' | 'two-thirds' | 'full';

interface SummaryTableSectionProps {
  table: SummaryTable;
  /** Writes a count or an hour figure in the reader's language ("<3" and labels pass through). */
  formatCell: (cell: Cell) => string;
  csvHref: string;
  csvLabel: string;
  csvAccessibleName: string;
  emptyText: string;
  note?: string;
  /** The chart drawn from the same rows; the table is its accessible, copyable alternative. */
  chart?: React.ReactNode;
  /** Full width on screen (long tables, wide charts). */
  wide?: boolean;
  /** How much of the printed page's width the section takes (see the print rules in app/globals.css). */
  printSpan?: PrintSpan;
  /** Place on the printed page, where sections are packed into rows rather than stacked. */
  printOrder?: number;
}

/** Nothing to show when every figure is zero or missing. */
function hasFigures(table: SummaryTable): boolean {
  return table.rows.some((row) => row.slice(1).some((cell) => typeof cell === 'string' ? cell.startsWith('<') : typeof cell === 'number' && cell !== 0));
}

/** A titled section of a summary page: chart, the same figures as a table, and their CSV download. */
export function SummaryTableSection({ table, formatCell, csvHref, csvLabel, csvAccessibleName, emptyText, note, chart, wide = false, printSpan = 'quarter', printOrder }: SummaryTableSectionProps) {
  const headingId = `summary-${table.id}`;
  const isEmpty = !hasFigures(table);
  return (
    <section
      aria-labelledby={headingId}
      className={`summary-section summary-print-${printSpan} space-y-3`}
      style={printOrder === undefined ? undefined : ({ '--print-order': printOrder } as React.CSSProperties)}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {table.title}
        </h2>
        <a href={csvHref} download aria-label={csvAccessibleName} className="text-sm font-medium text-brand-700 underline print:hidden">
          {csvLabel}
        </a>
      </div>
      {note && <p className="text-sm text-slate-600">{note}</p>}
      {isEmpty ? (
        <EmptyState>{emptyText}</EmptyState>
      ) : (
        <div className={`grid items-start gap-4 ${wide ? '' : 'lg:grid-cols-2'}`}>
          {chart && <div className="print:hidden">{chart}</div>}
          <DataTable caption={table.title} columns={table.columns}>
            {table.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, cellIndex) =>
                  cellIndex === 0 ? (
                    <th key={cellIndex} scope="row" className="px-4 py-2 text-left font-normal">
                      {formatCell(cell)}
                    </th>
                  ) : (
                    <td key={cellIndex} className={`px-4 py-2 ${table.columns[cellIndex]?.align === 'end' ? 'text-right tabular-nums' : ''}`}>
                      {formatCell(cell)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </section>
  );
}
