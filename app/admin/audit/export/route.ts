import { exportAuditCsv } from '@/lib/audit/export-audit';
import { auditFiltersSchema } from '@/lib/audit/schemas';
import { runRoute } from '@/lib/run-action';

export const dynamic = 'force-dynamic';

/** GET /admin/audit/export?…filters: the audit entries matching the viewer's filters as CSV (admins only). */
export async function GET(request: Request): Promise<Response> {
  return runRoute(
    request,
    auditFiltersSchema,
    async (actor, filters) => {
      const stream = await exportAuditCsv(actor, filters);
      const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      return new Response(stream, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="casebridge-audit-${stamp}.csv"`,
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        },
      });
    },
    { permission: 'export:audit:all' },
  );
}
