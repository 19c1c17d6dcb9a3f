import { fieldErrorsOf } from '@/lib/action-result';
import { exportAuditCsv } from '@/lib/audit/export-audit';
import { requestIp } from '@/lib/audit/request-ip';
import { auditFiltersSchema } from '@/lib/audit/schemas';
import { can } from '@/lib/auth/permissions';
import { pendingStepOf } from '@/lib/auth/action-gate';
import { getActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/** GET /admin/audit/export?…filters: the audit entries matching the viewer's filters as CSV (admins only). */
export async function GET(request: Request): Promise<Response> {
  const actor = await getActor();
  // Another role, a pending password change or no session: the export does not exist for them.
  if (!actor || pendingStepOf(actor) || !can(actor, 'export:audit:all')) return new Response('Not found', { status: 404 });
  const parsed = auditFiltersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ message: 'invalid filters', fieldErrors: fieldErrorsOf(parsed.error) }, { status: 400 });
  const stream = await exportAuditCsv(actor, parsed.data, { ipAddress: await requestIp() });
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="casebridge-audit-${stamp}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
