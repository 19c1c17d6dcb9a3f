import { z } from 'zod';
import { webhookEventTypes } from './events';

/** The form of /organisation/webhooks: where to send, which events, a note to tell endpoints apart. */
export const registerWebhookEndpointSchema = z.object({
  organisationId: z.uuid('validation.invalidChoice'),
  url: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong').refine(URL.canParse, 'webhooks.validation.invalidUrl'),
  description: z.string().trim().max(200, 'validation.tooLong').optional(),
  events: z.array(z.enum(webhookEventTypes, 'validation.invalidChoice')).min(1, 'webhooks.validation.eventsRequired'),
});
export type RegisterWebhookEndpointInput = z.infer<typeof registerWebhookEndpointSchema>;

/** Rotation, enabling and disabling name the version the admin saw: a second admin's change meanwhile is a conflict. */
export const webhookEndpointChangeSchema = z.object({ id: z.uuid('validation.invalidChoice'), version: z.coerce.number().int().min(1) });
export type WebhookEndpointChangeInput = z.infer<typeof webhookEndpointChangeSchema>;

export const setWebhookEndpointEnabledSchema = webhookEndpointChangeSchema.extend({ enabled: z.boolean() });
export type SetWebhookEndpointEnabledInput = z.infer<typeof setWebhookEndpointEnabledSchema>;

export const redeliverWebhookSchema = z.object({ deliveryId: z.uuid('validation.invalidChoice') });
export type RedeliverWebhookInput = z.infer<typeof redeliverWebhookSchema>;
