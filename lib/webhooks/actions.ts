'use server';

import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { redeliverWebhook, registerWebhookEndpoint, rotateWebhookSecret, setWebhookEndpointEnabled, type RegisteredEndpoint } from './commands';
import { redeliverWebhookSchema, registerWebhookEndpointSchema, setWebhookEndpointEnabledSchema, webhookEndpointChangeSchema } from './schemas';

const webhookOptions = { notFoundMessage: 'admin.errors.notFound', revalidate: ['/organisation', '/admin'] } as const;

/** The secret is in the answer once; the page shows it and it is never readable there again. */
export async function registerWebhookEndpointAction(input: unknown): Promise<ActionResult<RegisteredEndpoint>> {
  return runAction(registerWebhookEndpointSchema, input, (actor, data) => registerWebhookEndpoint(actor, data), webhookOptions);
}

export async function rotateWebhookSecretAction(input: unknown): Promise<ActionResult<RegisteredEndpoint>> {
  return runAction(webhookEndpointChangeSchema, input, rotateWebhookSecret, webhookOptions);
}

export async function setWebhookEndpointEnabledAction(input: unknown): Promise<ActionResult<void>> {
  return runAction(setWebhookEndpointEnabledSchema, input, setWebhookEndpointEnabled, webhookOptions);
}

/** The delivery is due at once; the webhook sweep (every minute) sends it. */
export async function redeliverWebhookAction(input: unknown): Promise<ActionResult<string>> {
  return runAction(redeliverWebhookSchema, input, redeliverWebhook, webhookOptions);
}
