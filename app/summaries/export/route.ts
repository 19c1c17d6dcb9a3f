import { getLocale, getTranslations } from 'next-intl/server';
import { runRoute } from '@/lib/run-action';
import { exportSummaryTable, summaryExportSchema } from '@/lib/summaries/export';

export const dynamic = 'force-dynamic';

/** CSV of one summary table: `?table=crimeTypes&months=12` or `&from=2026-01&to=2026-06`, and `&province=` for the ministry. */
export async function GET(request: Request) {
  return runRoute(
    request,
    summaryExportSchema,
    async (actor, input) => {
      const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
      const { filename, body } = await exportSummaryTable(actor, input, { t: (key, values) => t(key, values), locale });
      return new Response(body, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${filename}"`,
          'Cache-Control': 'no-store',
        },
      });
    },
    { permission: 'view:area:summaries', whenSignedOut: 'sign_in' },
  );
}
