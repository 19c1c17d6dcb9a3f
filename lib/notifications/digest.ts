import 'server-only';
import { and, asc, count, eq, isNull, lt } from 'drizzle-orm';
import { withActorScope } from '@/lib/auth/actor-scope';
import { cases, notifications, organisations, type NotificationKind } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { cappedTotalOf, totalCountCap, type CappedTotal } from '@/lib/pagination/capped-total';
import type { LocalizedNames } from '@/lib/i18n/localized-name';
import { DomainError } from '@/lib/domain-error';

export interface DigestItem {
  notificationId: string;
  caseId: string;
  caseReferenceNumber: string;
  embassy: LocalizedNames;
  kind: NotificationKind;
  dueAt: Date;
}

/** Midnight in Cambodia (UTC+7) at the start of `now`'s day. */
export function startOfCambodianDay(now: Date): Date {
  const shifted = new Date(now.getTime() + 7 * 3_600_000);
  shifted.setUTCHours(0, 0, 0, 0);
  return new Date(shifted.getTime() - 7 * 3_600_000);
}

export interface OverdueDigest extends CappedTotal {
  asOf: Date;
  /** The longest overdue first, at most `digestItemLimit`; the rest are counted in `total`. */
  items: DigestItem[];
}

/** A digest names this many and counts the rest: it is read at a glance, the inbox lists them all. */
export const digestItemLimit = 10;

/**
 * One digest a day instead of an alert per item: the notifications that were overdue and still
 * unacknowledged at the start of today. An embassy gets its own; a police supervisor gets their province's.
 */
export async function getOverdueDigest(actor: Actor, now = new Date()): Promise<OverdueDigest> {
  const asOf = startOfCambodianDay(now);
  const scope = can(actor, 'read:notification:own-embassy')
    ? eq(notifications.embassyOrganisationId, actor.organisationId)
    : can(actor, 'assign:case:own-province') && actor.provinceCode
      ? eq(cases.provinceCode, actor.provinceCode)
      : null;
  if (!scope) throw DomainError.notFound('digest');
  return withActorScope(actor, async (db) => {
    const overdue = and(scope, isNull(notifications.acknowledgedAt), lt(notifications.dueAt, asOf));
    const [rows, [counted]] = await Promise.all([
      db
        .select({
          notificationId: notifications.id,
          caseId: cases.id,
          caseReferenceNumber: cases.referenceNumber,
          en: organisations.nameEn,
          km: organisations.nameKm,
          zh: organisations.nameZh,
          kind: notifications.kind,
          dueAt: notifications.dueAt,
        })
        .from(notifications)
        .innerJoin(cases, eq(cases.id, notifications.caseId))
        .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
        .where(overdue)
        .orderBy(asc(notifications.dueAt), asc(notifications.id))
        .limit(digestItemLimit),
      db
        .select({ total: count() })
        .from(db.select({ id: notifications.id }).from(notifications).innerJoin(cases, eq(cases.id, notifications.caseId)).where(overdue).limit(totalCountCap + 1).as('overdue')),
    ]);
    return {
      asOf,
      items: rows.map(({ en, km, zh, ...row }) => ({ ...row, embassy: { en, km, zh } })),
      ...cappedTotalOf(counted?.total ?? 0),
    };
  });
}
