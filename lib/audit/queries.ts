import 'server-only';
import { and, asc, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { auditLog, organisations, users, type Role } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { withActorScope } from '@/lib/auth/actor-scope';
import { requirePermission } from '@/lib/auth/permissions';
import { isUuid } from '@/lib/ids';
import { containsPattern } from '@/lib/search/like-pattern';
import { cambodianDayStart } from '@/lib/time/cambodia';
import type { AuditFilters } from './schemas';
import type { LocalizedNames } from '@/lib/i18n/localized-name';

export const auditPageSize = 50;

/** One audit entry as the admin viewer and the CSV export show it. */
export interface AuditEntryView {
  id: number;
  occurredAt: Date;
  actor: { userId: string; name: string | null; email: string | null } | null;
  organisation: { id: string; names: LocalizedNames | null } | null;
  role: Role | null;
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  entityType: string | null;
  entityId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

const caseReferencePattern = /^[A-Z]{3}-\d{4}-\d{6}$/i;

/** The filters as one WHERE clause; a case reference number also finds the entries about that case's id. */
async function auditWhere(filters: AuditFilters): Promise<SQL | undefined> {
  const conditions: (SQL | undefined)[] = [];
  if (filters.user) {
    conditions.push(
      isUuid(filters.user)
        ? eq(auditLog.actorUserId, filters.user)
        : or(ilike(users.email, containsPattern(filters.user)), ilike(users.name, containsPattern(filters.user)), sql`${auditLog.details}->>'email' ilike ${containsPattern(filters.user)}`),
    );
  }
  if (filters.organisationId) conditions.push(eq(auditLog.actorOrganisationId, filters.organisationId));
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.entityId) {
    // The case's id comes from a database function: cases are under row-level security, and the administrator's
    // role learns the id of a reference number and nothing else of the case.
    conditions.push(
      caseReferencePattern.test(filters.entityId)
        ? sql`${auditLog.entityId} in (${filters.entityId}, casebridge_case_id_by_reference(${filters.entityId})::text)`
        : eq(auditLog.entityId, filters.entityId),
    );
  }
  if (filters.from) conditions.push(gte(auditLog.occurredAt, cambodianDayStart(filters.from)));
  if (filters.to) conditions.push(lt(auditLog.occurredAt, cambodianDayStart(filters.to, 1)));
  return and(...conditions);
}

function selectAuditRows(db: Transaction) {
  return db
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      actorEmail: users.email,
      actorOrganisationId: auditLog.actorOrganisationId,
      organisationNameEn: organisations.nameEn,
      organisationNameKm: organisations.nameKm,
      organisationNameZh: organisations.nameZh,
      role: auditLog.actorRole,
      action: auditLog.action,
      outcome: auditLog.outcome,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      ipAddress: auditLog.ipAddress,
      userAgent: auditLog.userAgent,
      details: auditLog.details,
      prevHash: auditLog.prevHash,
      hash: auditLog.hash,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditLog.actorOrganisationId))
    .$dynamic();
}

type AuditRow = Awaited<ReturnType<typeof selectAuditRows>>[number];

function toView(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    actor: row.actorUserId ? { userId: row.actorUserId, name: row.actorName, email: row.actorEmail } : null,
    organisation: row.actorOrganisationId
      ? {
          id: row.actorOrganisationId,
          names: row.organisationNameEn !== null ? { en: row.organisationNameEn, km: row.organisationNameKm ?? '', zh: row.organisationNameZh ?? '' } : null,
        }
      : null,
    role: row.role,
    action: row.action,
    outcome: row.outcome,
    entityType: row.entityType,
    entityId: row.entityId,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    details: (row.details ?? {}) as Record<string, unknown>,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** The cursor of the next (older) page, or null on the last page. */
  nextCursor: string | null;
}

/** Newest first, keyset-paginated on the id (which is also the hash chain's order). */
export async function listAuditEntries(actor: Actor, filters: AuditFilters): Promise<AuditPage> {
  requirePermission(actor, 'read:audit:all');
  const where = await auditWhere(filters);
  const rows = await withActorScope(actor, (db) =>
    selectAuditRows(db)
      .where(and(where, filters.cursor ? lt(auditLog.id, Number(filters.cursor)) : undefined))
      .orderBy(desc(auditLog.id))
      .limit(auditPageSize + 1),
  );
  const entries = rows.slice(0, auditPageSize).map(toView);
  return { entries, nextCursor: rows.length > auditPageSize ? String(entries.at(-1)?.id) : null };
}

/** Every action that appears in the log, for the viewer's action filter. */
export async function listAuditActions(actor: Actor): Promise<string[]> {
  requirePermission(actor, 'read:audit:all');
  const rows = await withActorScope(actor, (db) => db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)));
  return rows.map((row) => row.action);
}

/** Walks every entry matching the filters, newest first, in batches, up to `limit` entries. */
export async function* iterateAuditEntries(actor: Actor, filters: AuditFilters, limit: number, batchSize = 1000): AsyncGenerator<AuditEntryView> {
  requirePermission(actor, 'export:audit:all');
  const where = await auditWhere(filters);
  let cursor = filters.cursor ? Number(filters.cursor) : null;
  let yielded = 0;
  while (yielded < limit) {
    const wanted = Math.min(batchSize, limit - yielded);
    // One scoped transaction per batch: the stream may be read slowly, and a transaction must not wait on it.
    const batchCursor = cursor;
    const rows = await withActorScope(actor, (db) =>
      selectAuditRows(db)
        .where(and(where, batchCursor !== null ? lt(auditLog.id, batchCursor) : undefined))
        .orderBy(desc(auditLog.id))
        .limit(wanted),
    );
    for (const row of rows) yield toView(row);
    yielded += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < wanted) return;
    cursor = last.id;
  }
}
