import { apiRoute } from '@/lib/api/v1/run-operation';
import { policeCaseOf } from '@/lib/api/v1/views';
import { updateCase } from '@/lib/cases/commands';
import { getCaseWorkspace } from '@/lib/cases/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('getCase', async ({ actor, params }) => {
  const view = await getCaseWorkspace(actor, params.id);
  return { body: policeCaseOf(view), headers: { ETag: `"${view.version}"` } };
});

// updateCase refuses a stale version as a conflict, which the runner answers 412 for a conditional request.
export const PATCH = apiRoute('updateCase', async ({ actor, params, body, ifMatch }) => {
  await updateCase(actor, { caseId: params.id, version: ifMatch ?? 0, details: body });
  const view = await getCaseWorkspace(actor, params.id);
  return { body: policeCaseOf(view), headers: { ETag: `"${view.version}"` } };
});
