import { z } from 'zod';
import { caseStatus, crimeType, notificationDeclineReason, notificationReason } from '@/db/schema/enums';
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

/** The embassy says the notification is not its to handle, and why (lib/notifications/answers.ts). */
export const declineNotificationSchema = z.object({
  notificationId: z.uuid(),
  reason: z.enum(notificationDeclineReason.enumValues, 'validation.chooseDeclineReason'),
  note: z.string().trim().max(2000, 'validation.tooLong'),
});
export type DeclineNotificationInput = z.infer<typeof declineNotificationSchema>;

/** The embassy sends the notification on to another of its country's missions on CaseBridge. */
export const redirectNotificationSchema = z.object({
  notificationId: z.uuid(),
  targetOrganisationId: z.uuid('validation.invalidChoice'),
  note: z.string().trim().max(2000, 'validation.tooLong'),
});
export type RedirectNotificationInput = z.infer<typeof redirectNotificationSchema>;

/**
 * The police confirm the nationality an embassy declined. A correction is not a form of its own: it is the edit
 * of the person (the case edit page), recorded as the resolution when it withdraws the notification.
 */
export const confirmNationalitySchema = z.object({
  notificationId: z.uuid(),
  note: z.string().trim().max(2000, 'validation.tooLong'),
});
export type ConfirmNationalityInput = z.infer<typeof confirmNationalitySchema>;
