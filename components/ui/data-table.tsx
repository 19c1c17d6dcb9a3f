export interface Column {
  header: string;
  align?: 'start' | 'end';
}

/**
 * The bordered, scrollable table used across the app: column headers with `scope="col"`, rows given as
 * children so each page keeps its own cells (and `<th scope="row">` where a row has a name).
 */
export function DataTable({ columns, children, caption }: { columns: Column[]; children: React.ReactNode; caption?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50 text-left">
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={`px-4 py-2 font-medium ${column.align === 'end' ? 'text-right' : ''}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
