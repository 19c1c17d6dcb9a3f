import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { getLocale, getTranslations } from 'next-intl/server';
import { can, NotFoundError } from '@/lib/auth/permissions';
import { pendingStepOf } from '@/lib/auth/action-gate';
import { getActor } from '@/lib/auth/session';
import { exportSummaryTable, summaryExportSchema } from '@/lib/summaries/export';

export const dynamic = 'force-dynamic';

/** CSV of one summary table: `?table=crimeTypes&months=12` or `&from=2026-01&to=2026-06`, and `&province=` for the ministry. */
export async function GET(request: NextRequest) {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  // A pending setup step (one-time password) allows no data, as on every page and action.
  if (pendingStepOf(actor) || !can(actor, 'view:area:summaries')) return new Response('Not found', { status: 404 });

  const parsed = summaryExportSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) {
    return Response.json({ error: 'invalid_query', fields: parsed.error.issues.map((issue) => issue.path.join('.')) }, { status: 400 });
  }
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  try {
    const { filename, body } = await exportSummaryTable(actor, parsed.data, { t: (key, values) => t(key, values), locale }, { ipAddress: request.headers.get('x-forwarded-for') });
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return new Response('Not found', { status: 404 });
    throw error;
  }
}
