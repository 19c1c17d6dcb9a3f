import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiIdempotencyRecords } from '@/db/schema';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Reservation =
  | { kind: 'reserved' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

export function requestHashOf(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
}

/**
 * Claims the key for this request before anything runs: the first request gets it, a retry gets the stored
 * answer (or "still running"), and the same key with another request is refused. One insert decides, so two
 * concurrent retries cannot both run.
 */
export async function reserveIdempotencyKey(apiKeyId: string, idempotencyKey: string, requestHash: string): Promise<Reservation> {
  const db = getDb();
  const inserted = await db.insert(apiIdempotencyRecords).values({ apiKeyId, idempotencyKey, requestHash }).onConflictDoNothing().returning({ key: apiIdempotencyRecords.idempotencyKey });
  if (inserted.length > 0) return { kind: 'reserved' };
  const [existing] = await db
    .select()
    .from(apiIdempotencyRecords)
    .where(and(eq(apiIdempotencyRecords.apiKeyId, apiKeyId), eq(apiIdempotencyRecords.idempotencyKey, idempotencyKey)));
  if (!existing || existing.requestHash !== requestHash) return { kind: 'mismatch' };
  if (existing.responseStatus === null) return { kind: 'in_progress' };
  return { kind: 'replay', response: { status: existing.responseStatus, headers: existing.responseHeaders ?? {}, body: existing.responseBody ?? '' } };
}

/** Stores the answer a retry will get. */
export async function completeIdempotencyKey(apiKeyId: string, idempotencyKey: string, response: StoredResponse): Promise<void> {
  await getDb()
    .update(apiIdempotencyRecords)
    .set({ completedAt: new Date(), responseStatus: response.status, responseHeaders: response.headers, responseBody: response.body })
    .where(and(eq(apiIdempotencyRecords.apiKeyId, apiKeyId), eq(apiIdempotencyRecords.idempotencyKey, idempotencyKey), isNull(apiIdempotencyRecords.completedAt)));
}

/** Gives the key back after a failure on our side, so the partner's retry runs again instead of replaying a 500. */
export async function releaseIdempotencyKey(apiKeyId: string, idempotencyKey: string): Promise<void> {
  await getDb()
    .delete(apiIdempotencyRecords)
    .where(and(eq(apiIdempotencyRecords.apiKeyId, apiKeyId), eq(apiIdempotencyRecords.idempotencyKey, idempotencyKey), isNull(apiIdempotencyRecords.completedAt)));
}

/** How long a retry is recognised: a day covers any partner's retry policy; older keys may be used again. */
export const idempotencyRetentionHours = 24;

/** Forgets the key's idempotency records older than the retention (called once a minute per key, at its window's first request). */
export async function pruneIdempotencyRecords(apiKeyId: string): Promise<void> {
  await getDb()
    .delete(apiIdempotencyRecords)
    .where(and(eq(apiIdempotencyRecords.apiKeyId, apiKeyId), lt(apiIdempotencyRecords.createdAt, new Date(Date.now() - idempotencyRetentionHours * 3_600_000))));
}
