import { z } from 'zod';
import { caseStatus, crimeType, notificationReason } from '@/db/schema/enums';
import { filterDayField } from '@/lib/time/date-fields';


/** Inbox filters from the URL; anything malformed falls back to "no filter". */
export const inboxFiltersSchema = z.object({
  state: z.enum(['pending', 'overdue', 'acknowledged']).optional().catch(undefined),
  reason: z.enum(notificationReason.enumValues).optional().catch(undefined),
  province: z.string().regex(/^[A-Z]{3}$/).optional().catch(undefined),
  crimeType: z.enum(crimeType.enumValues).optional().catch(undefined),
  status: z.enum(caseStatus.enumValues).optional().catch(undefined),
  from: filterDayField.optional().catch(undefined),
  to: filterDayField.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

export const acknowledgeNotificationSchema = z.object({
  notificationId: z.uuid(),
  note: z.string().trim().max(2000, 'validation.tooLong'),
});
export type AcknowledgeNotificationInput = z.infer<typeof acknowledgeNotificationSchema>;

export const manualNotificationSchema = z.object({
  caseId: z.uuid(),
  embassyOrganisationId: z.uuid('validation.invalidChoice'),
  reason: z.string().trim().min(1, 'validation.required').max(1000, 'validation.tooLong'),
});
export type ManualNotificationInput = z.infer<typeof manualNotificationSchema>;

