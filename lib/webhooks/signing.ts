import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, the `standardwebhooks` package): the headers
 * `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256>`, space-separated
 * when there are several). During a secret rotation the body is signed with the new and the previous secret, so
 * a receiver that still holds the old one keeps verifying until it switches.
 */

/** A new endpoint secret in the specification's format: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export interface SigningSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

export type WebhookHeaders = Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;

export function signWebhook(secrets: SigningSecrets, eventId: string, body: string, at: Date): WebhookHeaders {
  const valid = [secrets.secret];
  if (secrets.previousSecret && secrets.previousSecretExpiresAt && secrets.previousSecretExpiresAt > at) valid.push(secrets.previousSecret);
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': valid.map((secret) => new Webhook(secret).sign(eventId, at, body)).join(' '),
  };
}
