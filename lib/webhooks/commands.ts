import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { organisations, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { managedKeyOrganisationOf } from '@/lib/api-keys/management';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { DomainError } from '@/lib/domain-error';
import { env } from '@/lib/env';
import { webhookRetryWindowMs } from './deliver';
import { canHaveWebhooks, eventTypesOfKind } from './events';
import type { RedeliverWebhookInput, RegisterWebhookEndpointInput, SetWebhookEndpointEnabledInput, WebhookEndpointChangeInput } from './schemas';
import { generateWebhookSecret } from './signing';
import { endpointRefusal, type UrlSafetyOptions } from './url-safety';

/**
 * Endpoint management for the organisation admin (their own organisation) and the platform admin (any), with
 * the API keys' authorization (lib/api-keys/management.ts) and, like it, as the owner. Every change is audited;
 * secrets never are.
 */

/** A rotated-out secret keeps signing for a day, so the partner has time to switch. */
export const previousSecretValidityMs = 24 * 60 * 60 * 1000;

const urlSafetyDefaults = (): UrlSafetyOptions => ({ allowLoopbackHttp: env().WEBHOOKS_ALLOW_LOOPBACK_HTTP });

export interface RegisteredEndpoint {
  id: string;
  /** Shown once; the partner verifies with it. */
  secret: string;
}

export async function registerWebhookEndpoint(actor: Actor, input: RegisterWebhookEndpointInput, urlSafety: UrlSafetyOptions = urlSafetyDefaults()): Promise<RegisteredEndpoint> {
  const managed = managedKeyOrganisationOf(actor);
  if (managed !== 'all' && input.organisationId !== managed) throw DomainError.notFound('organisation');
  const refusal = await endpointRefusal(input.url, urlSafety);
  if (refusal) throw DomainError.invalid({ url: [`webhooks.validation.${refusal}`] });
  const secret = generateWebhookSecret();
  return getDb().transaction(async (tx) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId)).limit(1);
    if (!organisation) throw DomainError.notFound('organisation');
    if (!canHaveWebhooks(organisation.kind)) throw DomainError.invalid({ organisationId: ['webhooks.validation.noWebhooksForKind'] });
    const allowed: readonly string[] = eventTypesOfKind[organisation.kind];
    if (input.events.some((event) => !allowed.includes(event))) throw DomainError.invalid({ events: ['webhooks.validation.eventNotForKind'] });
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({ organisationId: organisation.id, url: input.url, description: input.description || null, events: [...new Set(input.events)], secret, createdBy: actor.userId })
      .returning({ id: webhookEndpoints.id });
    if (!created) throw new Error('endpoint not created');
    await recordAudit(tx, { actor, action: 'webhook_endpoint.create', entityType: 'webhook_endpoint', entityId: created.id, details: { organisationId: organisation.id, url: input.url, events: input.events } });
    return { id: created.id, secret };
  });
}

/** The endpoint the actor manages, at the version they saw; otherwise not found, or a conflict. */
async function changeEndpoint(
  actor: Actor,
  input: WebhookEndpointChangeInput,
  action: string,
  change: (now: Date) => PgUpdateSetSource<typeof webhookEndpoints>,
): Promise<typeof webhookEndpoints.$inferSelect> {
  const managed = managedKeyOrganisationOf(actor);
  const scope = managed === 'all' ? undefined : eq(webhookEndpoints.organisationId, managed);
  return getDb().transaction(async (tx) => {
    const now = new Date();
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({ ...change(now), version: sql`${webhookEndpoints.version} + 1`, updatedAt: now })
      .where(and(eq(webhookEndpoints.id, input.id), eq(webhookEndpoints.version, input.version), scope))
      .returning();
    if (!updated) {
      const [current] = await tx.select({ updatedAt: webhookEndpoints.updatedAt }).from(webhookEndpoints).where(and(eq(webhookEndpoints.id, input.id), scope)).limit(1);
      if (!current) throw DomainError.notFound('webhook_endpoint');
      throw DomainError.conflict('errors.conflict', { changedBy: null, changedAt: current.updatedAt });
    }
    await recordAudit(tx, { actor, action, entityType: 'webhook_endpoint', entityId: updated.id, details: { organisationId: updated.organisationId } });
    return updated;
  });
}

/** A new secret, shown once; the old one signs alongside it for a day (lib/webhooks/signing.ts). */
export async function rotateWebhookSecret(actor: Actor, input: WebhookEndpointChangeInput): Promise<RegisteredEndpoint> {
  const secret = generateWebhookSecret();
  const updated = await changeEndpoint(actor, input, 'webhook_endpoint.rotate_secret', (now) => ({
    secret,
    previousSecret: sql`${webhookEndpoints.secret}`,
    previousSecretExpiresAt: new Date(now.getTime() + previousSecretValidityMs),
  }));
  return { id: updated.id, secret };
}

/** Enabling clears the failure clock: the endpoint gets a fresh 24 hours. */
export async function setWebhookEndpointEnabled(actor: Actor, input: SetWebhookEndpointEnabledInput): Promise<void> {
  await changeEndpoint(actor, input, input.enabled ? 'webhook_endpoint.enable' : 'webhook_endpoint.disable', (now) =>
    input.enabled ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null } : { enabled: false, disabledAt: now, disabledReason: 'admin' },
  );
}

/**
 * Sends a logged delivery again — the same event id, so a receiver that had it deduplicates — with a fresh
 * 24-hour retry window. Returns the delivery id for the caller to enqueue its attempt.
 */
export async function redeliverWebhook(actor: Actor, input: RedeliverWebhookInput): Promise<string> {
  const managed = managedKeyOrganisationOf(actor);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: webhookDeliveries.id, status: webhookDeliveries.status, enabled: webhookEndpoints.enabled, organisationId: webhookEndpoints.organisationId })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.id, input.deliveryId), managed === 'all' ? undefined : eq(webhookEndpoints.organisationId, managed)))
      .limit(1);
    if (!row) throw DomainError.notFound('webhook_delivery');
    if (!row.enabled) throw DomainError.refused('webhooks.errors.endpointDisabled');
    if (row.status === 'pending') return row.id;
    const now = new Date();
    await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: now, retryUntil: new Date(now.getTime() + webhookRetryWindowMs), deliveredAt: null, updatedAt: now })
      .where(eq(webhookDeliveries.id, row.id));
    await recordAudit(tx, { actor, action: 'webhook_delivery.redeliver', entityType: 'webhook_delivery', entityId: row.id, details: { organisationId: row.organisationId } });
    return row.id;
  });
}
