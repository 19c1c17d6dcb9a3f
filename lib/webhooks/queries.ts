import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { webhookDeliveries, webhookEndpoints, type WebhookDeliveryStatus } from '@/db/schema';
import { managedKeyOrganisationOf } from '@/lib/api-keys/management';
import type { Actor } from '@/lib/auth/actor';
import { DomainError } from '@/lib/domain-error';
import type { WebhookEventType } from './events';

/** An endpoint as its managers see it: never its secrets. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  enabled: boolean;
  disabledAt: Date | null;
  disabledReason: string | null;
  failingSince: Date | null;
  /** A rotation is under way until then: the previous secret still signs. */
  previousSecretExpiresAt: Date | null;
  version: number;
  createdAt: Date;
}

/** One line of the delivery log. */
export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attemptCount: number;
  lastResponseStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  events: webhookEndpoints.events,
  enabled: webhookEndpoints.enabled,
  disabledAt: webhookEndpoints.disabledAt,
  disabledReason: webhookEndpoints.disabledReason,
  failingSince: webhookEndpoints.failingSince,
  previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
  version: webhookEndpoints.version,
  createdAt: webhookEndpoints.createdAt,
};

function organisationScope(actor: Actor) {
  const managed = managedKeyOrganisationOf(actor);
  return managed === 'all' ? undefined : eq(webhookEndpoints.organisationId, managed);
}

export async function listWebhookEndpoints(actor: Actor, organisationId: string): Promise<WebhookEndpointView[]> {
  const managed = managedKeyOrganisationOf(actor);
  if (managed !== 'all' && managed !== organisationId) throw DomainError.notFound('organisation');
  const rows = await getDb().select(endpointColumns).from(webhookEndpoints).where(eq(webhookEndpoints.organisationId, organisationId)).orderBy(desc(webhookEndpoints.createdAt));
  return rows.map((row) => ({ ...row, events: row.events as WebhookEventType[] }));
}

/** An endpoint and its latest deliveries (the log shows the last hundred). */
export async function getWebhookEndpointLog(actor: Actor, endpointId: string): Promise<{ endpoint: WebhookEndpointView; deliveries: WebhookDeliveryView[] }> {
  const [endpoint] = await getDb().select(endpointColumns).from(webhookEndpoints).where(and(eq(webhookEndpoints.id, endpointId), organisationScope(actor))).limit(1);
  if (!endpoint) throw DomainError.notFound('webhook_endpoint');
  const deliveries = await getDb()
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attemptCount: webhookDeliveries.attemptCount,
      lastResponseStatus: webhookDeliveries.lastResponseStatus,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
      updatedAt: webhookDeliveries.updatedAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(100);
  return { endpoint: { ...endpoint, events: endpoint.events as WebhookEventType[] }, deliveries };
}
