// No `import 'server-only'`: `npm run audit:verify` runs this under tsx, outside React, where that import throws.
import { createHash } from 'node:crypto';
import { asc, gt, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { auditLog } from '@/db/schema';

/** The `prev_hash` of the very first entry. */
export const genesisHash = '0'.repeat(64);

export type AuditChainResult =
  | { ok: true; entries: number }
  | {
      ok: false;
      /** Entries that matched before the broken one. */
      entries: number;
      entryId: number;
      /** `prev_hash`: the link to the previous entry is wrong (an entry was removed or inserted); `hash`: the entry's content changed. */
      reason: 'prev_hash' | 'hash';
      expected: string;
      actual: string;
    };

/**
 * The canonical content of an entry, built by this query rather than by the database's own
 * `audit_log_canonical()`, so a replaced function in the database cannot vouch for altered rows. It must stay
 * identical to `audit_log_canonical` (db/migrations/0004_audit_chain_triggers.sql, user agent since 0022); the tests
 * prove both agree.
 */
const canonicalContent = sql<string>`(jsonb_build_array(
  ${auditLog.id},
  to_char(${auditLog.occurredAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  ${auditLog.actorUserId},
  ${auditLog.actorOrganisationId},
  ${auditLog.actorRole},
  ${auditLog.action},
  ${auditLog.outcome},
  ${auditLog.entityType},
  ${auditLog.entityId},
  ${auditLog.ipAddress},
  ${auditLog.details}
) || case when ${auditLog.userAgent} is null then '[]'::jsonb else jsonb_build_array(${auditLog.userAgent}) end)::text`;

export function auditEntryHash(previousHash: string, canonical: string): string {
  return createHash('sha256').update(previousHash + canonical, 'utf8').digest('hex');
}

/**
 * Walks the whole audit log in id order (which the chain trigger makes the chain's order), recomputing every
 * hash with Node's SHA-256, and stops at the first entry whose link or content does not match.
 */
export async function verifyAuditChain(db: Pick<Database, 'select'>, options: { batchSize?: number } = {}): Promise<AuditChainResult> {
  const batchSize = options.batchSize ?? 2000;
  let previousHash = genesisHash;
  let afterId = 0;
  let entries = 0;
  for (;;) {
    const batch = await db
      .select({ id: auditLog.id, prevHash: auditLog.prevHash, hash: auditLog.hash, canonical: canonicalContent })
      .from(auditLog)
      .where(gt(auditLog.id, afterId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    for (const entry of batch) {
      if (entry.prevHash !== previousHash) {
        return { ok: false, entries, entryId: entry.id, reason: 'prev_hash', expected: previousHash, actual: entry.prevHash };
      }
      const expected = auditEntryHash(previousHash, entry.canonical);
      if (entry.hash !== expected) return { ok: false, entries, entryId: entry.id, reason: 'hash', expected, actual: entry.hash };
      previousHash = entry.hash;
      entries++;
    }
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) return { ok: true, entries };
    afterId = last.id;
  }
}

/** One line for people: "ok, N entries" or where the chain breaks. */
export function describeAuditChainResult(result: AuditChainResult): string {
  if (result.ok) return `ok, ${result.entries} entries`;
  const what =
    result.reason === 'hash'
      ? 'its content does not match its hash (the entry was changed)'
      : 'it does not link to the entry before it (an entry was removed, inserted or reordered)';
  return `audit log broken at entry ${result.entryId}: ${what}; expected ${result.reason} ${result.expected}, found ${result.actual || '(empty)'} (${result.entries} ${result.entries === 1 ? 'entry' : 'entries'} before it verified)`;
}
