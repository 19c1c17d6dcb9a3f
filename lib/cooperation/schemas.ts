import { z } from 'zod';
import { cooperationActionStatus, cooperationActionType, handlingCode } from '@/db/schema/enums';
import { caseDayField } from '@/lib/time/date-fields';

const handlingFields = {
  handlingCode: z.enum(handlingCode.enumValues, 'validation.invalidChoice'),
  handlingNote: z.string().trim().max(500, 'validation.tooLong'),
};

/** H3 ("other restriction") means nothing without the restriction written out. */
function requireH3Note(value: { handlingCode: string; handlingNote: string }, context: z.RefinementCtx) {
  if (value.handlingCode === 'H3' && value.handlingNote === '') {
    context.addIssue({ code: 'custom', path: ['handlingNote'], message: 'cooperation.validation.h3NeedsNote' });
  }
}

export const recordCooperationActionSchema = z
  .object({
    caseId: z.uuid(),
    /** Police choose the embassy; for an embassy user it is always their own and this is ignored. */
    embassyOrganisationId: z.union([z.literal(''), z.uuid()]),
    actionType: z.enum(cooperationActionType.enumValues, 'validation.invalidChoice'),
    status: z.enum(cooperationActionStatus.enumValues, 'validation.invalidChoice'),
    actionDate: caseDayField,
    description: z.string().trim().min(1, 'validation.required').max(5000, 'validation.tooLong'),
    respondsToId: z.union([z.literal(''), z.uuid()]),
    ...handlingFields,
  })
  .superRefine(requireH3Note);
export type RecordCooperationActionInput = z.infer<typeof recordCooperationActionSchema>;

export const updateCooperationActionSchema = z.object({
  actionId: z.uuid(),
  version: z.number().int().positive(),
  status: z.enum(cooperationActionStatus.enumValues, 'validation.invalidChoice'),
});
export type UpdateCooperationActionInput = z.infer<typeof updateCooperationActionSchema>;

export const postMessageSchema = z
  .object({
    caseId: z.uuid(),
    embassyOrganisationId: z.union([z.literal(''), z.uuid()]),
    body: z.string().trim().min(1, 'validation.required').max(10_000, 'validation.tooLong'),
    ...handlingFields,
  })
  .superRefine(requireH3Note);
export type PostMessageInput = z.infer<typeof postMessageSchema>;
