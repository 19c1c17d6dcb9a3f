import { apiRoute } from '@/lib/api/v1/run-operation';
import { summaryOf } from '@/lib/api/v1/views';
import { getSummaryReport } from '@/lib/summaries/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('getSummary', async ({ actor, query }) => ({
  body: summaryOf(await getSummaryReport(actor, { from: query.from, to: query.to, province: query.province })),
}));
