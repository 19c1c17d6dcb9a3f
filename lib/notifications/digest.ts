import 'server-only';
import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { withActorScope } from '@/lib/auth/actor-scope';
import { cases, notifications, organisations } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can, NotFoundError } from '@/lib/auth/permissions';

export interface DigestItem {
  notificationId: string;
  caseId: string;
  caseReferenceNumber: string;
  embassy: { en: string; km: string; zh: string };
  kind: 'ordinary' | 'detention';
  dueAt: Date;
}

/** Midnight in Cambodia (UTC+7) at the start of `now`'s day. */
export function startOfCambodianDay(now: Date): Date {
  const shifted = new Date(now.getTime() + 7 * 3_600_000);
  shifted.setUTCHours(0, 0, 0, 0);
  return new Date(shifted.getTime() - 7 * 3_600_000);
}

/**
 * One digest a day instead of an alert per item: the notifications that were overdue and still
 * unacknowledged at the start of today. An embassy gets its own; a police supervisor gets their province's.
 */
export async function getOverdueDigest(actor: Actor, now = new Date()): Promise<{ asOf: Date; items: DigestItem[] }> {
  const asOf = startOfCambodianDay(now);
  const scope = can(actor, 'read:notification:own-embassy')
    ? eq(notifications.embassyOrganisationId, actor.organisationId)
    : can(actor, 'assign:case:own-province') && actor.provinceCode
      ? eq(cases.provinceCode, actor.provinceCode)
      : null;
  if (!scope) throw new NotFoundError('digest');
  return withActorScope(actor, async (db) => {
    const rows = await db
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
      .where(and(scope, isNull(notifications.acknowledgedAt), lt(notifications.dueAt, asOf)))
      .orderBy(asc(notifications.dueAt))
      .limit(200);
    return {
      asOf,
      items: rows.map(({ en, km, zh, ...row }) => ({ ...row, embassy: { en, km, zh } })),
    };
  });
}
