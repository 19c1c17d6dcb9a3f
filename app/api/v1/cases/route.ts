import { apiRoute } from '@/lib/api/v1/run-operation';
import { caseListOf, nextPageLink } from '@/lib/api/v1/views';
import { createCase } from '@/lib/cases/commands';
import { listCases } from '@/lib/cases/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('listCases', async ({ request, actor, query }) => {
  const page = await listCases(
    actor,
    { q: query.q ?? '', status: query.status, crimeType: query.crime_type, nationality: query.nationality, from: query.from, to: query.to, sort: query.sort, cursor: query.cursor },
    query.limit,
  );
  return { body: caseListOf(page), headers: nextPageLink(request, page.nextCursor) };
});

export const POST = apiRoute('createCase', async ({ actor, body, apiBaseUrl }) => {
  const created = await createCase(actor, body);
  return { body: { id: created.id }, headers: { Location: `${apiBaseUrl}/cases/${created.id}` } };
});
