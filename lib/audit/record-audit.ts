import 'server-only';
import type { Database, Transaction } from '@/db/client';
import { prebuilt, type Placeholders } from '@/db/prebuilt';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { activeRequestContext, type RequestContext } from './request-context';

export interface AuditEntry {
  actor?: Pick<Actor, 'userId' | 'organisationId' | 'role'> | null;
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  entityType?: string;
  entityId?: string;
  /** Where the request came from; inside the action runner it is the runner's, so only sign-in passes its own. */
  request?: RequestContext;
  details?: Record<string, unknown>;
}

/**
 * Appends to the audit log; pass the transaction of the write being audited so both commit together. The
 * database chains the entry to the previous one (`prev_hash`, `hash`) and refuses any later change to it
 * (docs/decisions/002-audit-hash-chain.md); the transaction must be READ COMMITTED, PostgreSQL's default.
 */
export async function recordAudit(db: Database | Transaction, entry: AuditEntry): Promise<void> {
  const request = entry.request ?? activeRequestContext();
  await insertAuditEntry(db, {
    actorUserId: entry.actor?.userId ?? null,
    actorOrganisationId: entry.actor?.organisationId ?? null,
    actorRole: entry.actor?.role ?? null,
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    ipAddress: normaliseIp(request?.ipAddress),
    userAgent: request?.userAgent?.slice(0, 512) || null,
    details: entry.details ?? {},
  });
}

type AuditValues = Required<Pick<typeof auditLog.$inferInsert, 'actorUserId' | 'actorOrganisationId' | 'actorRole' | 'action' | 'outcome' | 'entityType' | 'entityId' | 'ipAddress' | 'userAgent' | 'details'>>;

// Built once (db/prebuilt.ts): every audited read and write sends it. Values of an insert's placeholders go
// through their columns' encoders (details as JSON), unlike those of a condition.
const insertAuditEntry = prebuilt((db, p: Placeholders<AuditValues>) =>
  db.insert(auditLog).values({
    actorUserId: p.actorUserId,
    actorOrganisationId: p.actorOrganisationId,
    actorRole: p.actorRole,
    action: p.action,
    outcome: p.outcome,
    entityType: p.entityType,
    entityId: p.entityId,
    ipAddress: p.ipAddress,
    userAgent: p.userAgent,
    details: p.details,
  }),
);

/**
 * The client's address from an `X-Forwarded-For`-style value (its first entry), or null unless syntactically
 * valid, so a forged header can't make the insert fail. The sign-in rate limit keys on the same value.
 */
export function normaliseIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const first = ip.split(',')[0]?.trim() ?? '';
  const unwrapped = first.startsWith('::ffff:') ? first.slice(7) : first;
  const isIpv4 = /^(\d{1,3})(\.\d{1,3}){3}$/.test(unwrapped) && unwrapped.split('.').every((n) => Number(n) <= 255);
  const isIpv6 = /^[0-9a-f:]+$/i.test(unwrapped) && unwrapped.includes(':') && unwrapped.length <= 39;
  return isIpv4 || isIpv6 ? unwrapped : null;
}
