import 'server-only';
import { and, arrayContains, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { caseMessages, cases, cooperationActions, notifications, organisations, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { webhookRetryWindowMs } from './deliver';
import type { WebhookEventType, WebhookPayload } from './events';

/**
 * Turns one event into one delivery per subscribed, enabled endpoint of the organisations it concerns: the
 * notification's embassy, and for cooperation the police of the case's province too (both are parties to the
 * thread). `eventId` is fixed by the outbox message (the topic job's id), so a retried topic job adds nothing.
 * Returns the ids of the deliveries to attempt.
 */

export type WebhookEvent =
  | { type: 'notification.created' | 'notification.updated' | 'notification.overdue'; notificationId: string }
  | { type: 'cooperation.action_recorded' | 'cooperation.action_updated'; actionId: string }
  | { type: 'case.updated'; caseId: string }
  | { type: 'cooperation.message_posted'; messageId: string };

interface Resolved {
  organisationIds: string[];
  data: WebhookPayload['data'];
}

async function resolve(event: WebhookEvent, baseUrl: string): Promise<Resolved | null> {
  const db = getDb();
  if ('notificationId' in event) {
    const [row] = await db
      .select({ embassy: notifications.embassyOrganisationId })
      .from(notifications)
      .where(eq(notifications.id, event.notificationId))
      .limit(1);
    if (!row) return null;
    return { organisationIds: [row.embassy], data: { notificationId: event.notificationId, url: `${baseUrl}/api/v1/notifications/${event.notificationId}` } };
  }
  if ('caseId' in event) {
    const police = await policeOfCase(event.caseId);
    return { organisationIds: police, data: { caseId: event.caseId, url: `${baseUrl}/api/v1/cases/${event.caseId}` } };
  }
  const ids: { actionId: string } | { messageId: string } = 'actionId' in event ? { actionId: event.actionId } : { messageId: event.messageId };
  const thread = await threadOf(ids);
  if (!thread) return null;
  const [notification] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.caseId, thread.caseId), eq(notifications.embassyOrganisationId, thread.embassy)))
    .limit(1);
  const police = await policeOfCase(thread.caseId);
  return {
    organisationIds: [thread.embassy, ...police],
    data: {
      caseId: thread.caseId,
      ...(notification ? { notificationId: notification.id } : {}),
      ...ids,
      // The embassy reads the thread through its notification; the police read the case.
      url: notification ? `${baseUrl}/api/v1/notifications/${notification.id}/cooperation` : `${baseUrl}/api/v1/cases/${thread.caseId}`,
    },
  };
}

/** The police organisations of the case's province. */
async function policeOfCase(caseId: string): Promise<string[]> {
  const rows = await getDb()
    .select({ id: organisations.id })
    .from(organisations)
    .innerJoin(cases, eq(cases.provinceCode, organisations.provinceCode))
    .where(and(eq(cases.id, caseId), eq(organisations.kind, 'police')));
  return rows.map((row) => row.id);
}

async function threadOf(ids: { actionId: string } | { messageId: string }): Promise<{ caseId: string; embassy: string } | undefined> {
  const db = getDb();
  if ('actionId' in ids) {
    const [row] = await db
      .select({ caseId: cooperationActions.caseId, embassy: cooperationActions.embassyOrganisationId })
      .from(cooperationActions)
      .where(eq(cooperationActions.id, ids.actionId))
      .limit(1);
    return row;
  }
  const [row] = await db
    .select({ caseId: caseMessages.caseId, embassy: caseMessages.embassyOrganisationId })
    .from(caseMessages)
    .where(eq(caseMessages.id, ids.messageId))
    .limit(1);
  return row;
}

export async function planWebhookDeliveries(event: WebhookEvent, eventId: string, at: Date, baseUrl: string): Promise<string[]> {
  const resolved = await resolve(event, baseUrl);
  if (!resolved) return [];
  const endpoints = await getDb()
    .select({ id: webhookEndpoints.id, organisationId: webhookEndpoints.organisationId })
    .from(webhookEndpoints)
    .where(
      and(
        inArray(webhookEndpoints.organisationId, resolved.organisationIds),
        eq(webhookEndpoints.enabled, true),
        arrayContains(webhookEndpoints.events, [event.type satisfies WebhookEventType]),
      ),
    );
  if (endpoints.length === 0) return [];
  const payload: WebhookPayload = { type: event.type, timestamp: at.toISOString(), data: resolved.data };
  await getDb()
    .insert(webhookDeliveries)
    .values(endpoints.map((endpoint) => ({ endpointId: endpoint.id, eventId, eventType: event.type, payload, nextAttemptAt: at, retryUntil: new Date(at.getTime() + webhookRetryWindowMs) })))
    .onConflictDoNothing({ target: [webhookDeliveries.endpointId, webhookDeliveries.eventId] });
  // Those of an earlier run of the same topic job too: their attempt jobs are keyed, so enqueueing again adds nothing.
  const pending = await getDb()
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.eventId, eventId), eq(webhookDeliveries.status, 'pending')));
  return pending.map((row) => row.id);
}
