import { apiRoute } from '@/lib/api/v1/run-operation';
import { recordCooperationActionSchema } from '@/lib/cooperation/schemas';
import { recordCooperationAction } from '@/lib/cooperation/commands';
import { DomainError } from '@/lib/domain-error';
import { fieldErrorsOf } from '@/lib/action-result';
import { getNotifiedCaseId } from '@/lib/notifications/embassy-queries';

export const dynamic = 'force-dynamic';

export const POST = apiRoute('recordCooperationAction', async ({ actor, params, body, apiBaseUrl }) => {
  const caseId = await getNotifiedCaseId(actor, params.id);
  // The form's own schema decides what is valid; the path supplies the case, the key the embassy.
  const input = recordCooperationActionSchema.safeParse({ ...body, caseId: caseId, embassyOrganisationId: '' });
  if (!input.success) throw DomainError.invalid(fieldErrorsOf(input.error));
  const created = await recordCooperationAction(actor, input.data);
  return { body: created, headers: { Location: `${apiBaseUrl}/notifications/${params.id}/cooperation` } };
});
