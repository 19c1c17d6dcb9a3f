import { apiRoute } from '@/lib/api/v1/run-operation';
import { embassyCaseOf } from '@/lib/api/v1/views';
import { openEmbassyCase } from '@/lib/notifications/commands';
import { getEmbassyCaseView, getNotifiedCaseId } from '@/lib/notifications/embassy-queries';

export const dynamic = 'force-dynamic';

// As the embassy's case page does: the first fetch records the opening and marks the updates read, then reads.
export const GET = apiRoute('getNotifiedCase', async ({ actor, params }) => {
  const caseId = await getNotifiedCaseId(actor, params.id);
  await openEmbassyCase(actor, caseId);
  return { body: embassyCaseOf(await getEmbassyCaseView(actor, caseId)) };
});
