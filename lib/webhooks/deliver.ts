import 'server-only';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { webhookDeliveries, webhookEndpoints, type WebhookAttempt } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { queueEndpointDisabledMail } from './disabled-mail';
import { signWebhook } from './signing';
import { endpointRefusal, isPublicAddress } from './url-safety';

/**
 * One attempt of one delivery, and what follows from it: delivered, retried later with exponential backoff
 * (30 s, 1, 2, 4 … minutes, at most 8 hours apart) for 24 hours from the event, or failed. An endpoint whose
 * attempts have all failed for 24 hours is disabled (failing_since, reason `failing`). The clock is a parameter
 * so tests drive the retries without waiting.
 */

export const deliveryTimeoutMs = 10_000;
export const webhookRetryWindowMs = 24 * 60 * 60 * 1000;
const firstRetryMs = 30_000;
const longestRetryMs = 8 * 60 * 60 * 1000;

export interface DeliveryOptions {
  now: Date;
  allowLoopbackHttp: boolean;
  /** The app's address, for the link in the e-mail to the administrators of an endpoint that is switched off. */
  baseUrl: string;
  timeoutMs?: number;
}

export type AttemptOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; nextAttemptAt: Date }
  | { kind: 'failed' }
  /** Not pending (delivered, failed, or attempted by another worker meanwhile): nothing was sent. */
  | { kind: 'skipped' };

/** The delay before attempt `attempt + 1`, after `attempt` failed ones. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(firstRetryMs * 2 ** (failedAttempts - 1), longestRetryMs);
}

/**
 * Resolves like the system resolver, but refuses a private address: checked at connection time, so a name that
 * passed the check before and now points inward (DNS rebinding) is refused too.
 */
function guardedLookup(allowLoopbackHttp: boolean, hostname: string): LookupFunction {
  return (host, options, callback) =>
    dnsLookup(host, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = addresses.filter((entry) => isPublicAddress(entry.address) || (allowLoopbackHttp && ['localhost', '127.0.0.1'].includes(hostname)));
      const first = allowed[0];
      if (!first || allowed.length !== addresses.length) return callback(new Error('the endpoint resolves to a private address'), '', 0);
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, allowed);
      callback(null, first.address, first.family);
    });
}

interface HttpAnswer {
  status: number | null;
  error: string | null;
}

function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number, allowLoopbackHttp: boolean): Promise<HttpAnswer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'CaseBridge-Webhooks/1' },
        lookup: guardedLookup(allowLoopbackHttp, target.hostname),
        timeout: timeoutMs,
      },
      (response) => {
        // The answer's body is not kept (it could be anything); reading it frees the socket.
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? null, error: null }));
        response.on('error', (error) => resolve({ status: response.statusCode ?? null, error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', (error) => resolve({ status: null, error: error.message }));
    request.end(body);
  });
}

const refusalMessages = {
  invalid_url: 'the endpoint URL is not valid',
  https_required: 'the endpoint must use https',
  credentials_in_url: 'the endpoint URL must not contain credentials',
  unresolvable: 'the endpoint host does not resolve',
  private_address: 'the endpoint resolves to a private address',
} as const;

export async function attemptWebhookDelivery(deliveryId: string, options: DeliveryOptions): Promise<AttemptOutcome> {
  const db = getDb();
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId))
    .limit(1);
  if (!row || row.delivery.status !== 'pending') return { kind: 'skipped' };
  const { delivery, endpoint } = row;
  // A job of an earlier schedule (before a redelivery, say) that runs before this attempt is due sends nothing.
  if (delivery.nextAttemptAt && delivery.nextAttemptAt > options.now) return { kind: 'skipped' };
  if (!endpoint.enabled) {
    await db.update(webhookDeliveries).set({ status: 'failed', nextAttemptAt: null, lastError: 'the endpoint is disabled', updatedAt: options.now }).where(eq(webhookDeliveries.id, deliveryId));
    return { kind: 'failed' };
  }

  const startedAt = Date.now();
  const refusal = await endpointRefusal(endpoint.url, { allowLoopbackHttp: options.allowLoopbackHttp });
  const body = JSON.stringify(delivery.payload);
  const answer: HttpAnswer = refusal
    ? { status: null, error: refusalMessages[refusal] }
    : await post(endpoint.url, body, signWebhook(endpoint, delivery.eventId, body, options.now), options.timeoutMs ?? deliveryTimeoutMs, options.allowLoopbackHttp);
  const succeeded = answer.status !== null && answer.status >= 200 && answer.status < 300;
  const attempt: WebhookAttempt = {
    at: options.now.toISOString(),
    responseStatus: answer.status,
    error: succeeded ? null : (answer.error ?? `HTTP ${answer.status}`),
    durationMs: Date.now() - startedAt,
  };
  const attemptCount = delivery.attemptCount + 1;
  const nextAttemptMs = options.now.getTime() + retryDelayMs(attemptCount);
  const outcome: AttemptOutcome = succeeded
    ? { kind: 'delivered' }
    : nextAttemptMs <= delivery.retryUntil.getTime()
      ? { kind: 'retry', nextAttemptAt: new Date(nextAttemptMs) }
      : { kind: 'failed' };

  return db.transaction(async (tx) => {
    // Only the worker that still finds the attempt count it read records its attempt: a second worker that ran
    // the same attempt concurrently (a redelivery, the sweep) records nothing twice.
    const [updated] = await tx
      .update(webhookDeliveries)
      .set({
        status: outcome.kind === 'delivered' ? 'delivered' : outcome.kind === 'retry' ? 'pending' : 'failed',
        attemptCount,
        attempts: sql`${webhookDeliveries.attempts} || ${JSON.stringify([attempt])}::jsonb`,
        lastResponseStatus: answer.status,
        lastError: attempt.error,
        nextAttemptAt: outcome.kind === 'retry' ? outcome.nextAttemptAt : null,
        deliveredAt: succeeded ? options.now : null,
        updatedAt: options.now,
      })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.attemptCount, delivery.attemptCount), eq(webhookDeliveries.status, 'pending')))
      .returning({ id: webhookDeliveries.id });
    if (!updated) return { kind: 'skipped' } as const;
    if (succeeded) {
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
      return outcome;
    }
    const failingSince = endpoint.failingSince ?? options.now;
    if (options.now.getTime() - failingSince.getTime() < webhookRetryWindowMs) {
      if (!endpoint.failingSince) await tx.update(webhookEndpoints).set({ failingSince }).where(eq(webhookEndpoints.id, endpoint.id));
      return outcome;
    }
    await disableFailingEndpoint(tx, { endpointId: endpoint.id, organisationId: endpoint.organisationId, url: endpoint.url }, options.now, options.baseUrl);
    return { kind: 'failed' } as const;
  });
}

/** 24 hours of failures: the endpoint is switched off, its waiting deliveries fail, it is audited and its administrators are e-mailed. */
async function disableFailingEndpoint(tx: Transaction, { endpointId, organisationId, url }: { endpointId: string; organisationId: string; url: string }, now: Date, baseUrl: string): Promise<void> {
  await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledAt: now, disabledReason: 'failing', updatedAt: now, version: sql`${webhookEndpoints.version} + 1` })
    .where(eq(webhookEndpoints.id, endpointId));
  await tx
    .update(webhookDeliveries)
    .set({ status: 'failed', nextAttemptAt: null, lastError: 'the endpoint was disabled after 24 hours of failures', updatedAt: now })
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'pending')));
  await recordAudit(tx, { actor: null, action: 'webhook_endpoint.disable_failing', entityType: 'webhook_endpoint', entityId: endpointId, details: { organisationId } });
  await queueEndpointDisabledMail(tx, organisationId, { endpointId, url, disabledAt: now, baseUrl });
}
