import { apiRoute } from '@/lib/api/v1/run-operation';
import { cooperationThreadOf } from '@/lib/api/v1/views';
import { getCooperationThread } from '@/lib/cooperation/queries';
import { getNotifiedCaseId } from '@/lib/notifications/embassy-queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('getCooperationThread', async ({ actor, params }) => {
  const caseId = await getNotifiedCaseId(actor, params.id);
  return { body: cooperationThreadOf(await getCooperationThread(actor, caseId)) };
});
