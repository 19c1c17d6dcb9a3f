import type { Cell, SummaryTable } from './tables';

/** Spreadsheets run a cell that starts with one of these as a formula; a leading apostrophe keeps it text. */
const formulaStart = /^[=+\-@\t\r]/;

function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = formulaStart.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends) of a table: its headers, then one line per row. */
export function tableToCsv(table: Pick<SummaryTable, 'columns' | 'rows'>): string {
  const lines = [table.columns.map((column) => csvField(column.header)), ...table.rows.map((row) => row.map(csvField))];
  return lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}
