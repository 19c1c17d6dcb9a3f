import { z } from 'zod';
import { caseStatus, crimeType, notificationReason } from '@/db/schema/enums';
import { pageFilter } from '@/lib/search-params';
import { filterDayField } from '@/lib/time/date-fields';


/** The inbox's filters in its URL (lib/search-params.ts parses them, dropping and naming what it cannot read). */
export const inboxFilterFields = {
  state: z.enum(['pending', 'overdue', 'acknowledged']).optional(),
  reason: z.enum(notificationReason.enumValues).optional(),
  province: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  crimeType: z.enum(crimeType.enumValues).optional(),
  status: z.enum(caseStatus.enumValues).optional(),
  from: filterDayField.optional(),
  to: filterDayField.optional(),
  page: pageFilter(10_000),
};
export const inboxFiltersSchema = z.object(inboxFilterFields);
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

