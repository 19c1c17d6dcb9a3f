import { z } from 'zod';

/**
 * The events an endpoint can subscribe to, each raised by an outbox topic (lib/webhooks/fan-out.ts). Embassies
 * get the events of their notifications and threads; the police of a province get the cooperation events of that
 * province's cases, and `case.updated` when one of those cases is changed.
 */
export const webhookEventTypes = [
  'notification.created',
  'notification.updated',
  'notification.overdue',
  'cooperation.action_recorded',
  'cooperation.action_updated',
  'cooperation.message_posted',
  'case.updated',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
export const webhookEventTypeSchema = z.enum(webhookEventTypes);

/** Which organisation kinds an event can concern: what the registration form offers. */
export const eventTypesOfKind = {
  embassy: ['notification.created', 'notification.updated', 'notification.overdue', 'cooperation.action_recorded', 'cooperation.action_updated', 'cooperation.message_posted'],
  police: ['case.updated', 'cooperation.action_recorded', 'cooperation.action_updated', 'cooperation.message_posted'],
} as const satisfies Record<string, readonly WebhookEventType[]>;

export type WebhookOrganisationKind = keyof typeof eventTypesOfKind;

export function canHaveWebhooks(kind: string): kind is WebhookOrganisationKind {
  return kind in eventTypesOfKind;
}

/**
 * The whole body of a webhook: what happened, to which record, when, and the API address to fetch it with the
 * partner's key. Never personal data: no names, documents, descriptions or message texts. Also the OpenAPI
 * document's `webhooks` (lib/api/v1/openapi.ts).
 */
export const webhookPayloadSchema = z
  .object({
    type: webhookEventTypeSchema,
    timestamp: z.iso.datetime().meta({ description: 'When the change was relayed.' }),
    data: z.object({
      notificationId: z.uuid().optional(),
      caseId: z.uuid().optional(),
      actionId: z.uuid().optional(),
      messageId: z.uuid().optional(),
      url: z.url().meta({ description: 'The resource to fetch with the API key (/api/v1/…).' }),
    }),
  })
  .meta({ id: 'WebhookEvent' });
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
