import 'server-only';
import { and, count, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { withActorScope } from '@/lib/auth/actor-scope';
import { cases, notifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import type { EmbassyDashboard } from './views';
import { DomainError } from '@/lib/domain-error';

export async function getEmbassyDashboard(actor: Actor, recentLimit = 10, now = new Date()): Promise<EmbassyDashboard> {
  requirePermission(actor, 'read:notification:own-embassy');
  const countryCode = actor.countryCode;
  if (!countryCode) throw DomainError.notFound('embassy');
  return withActorScope(actor, async (db) => {
    const ownEmbassy = eq(notifications.embassyOrganisationId, actor.organisationId);
    const pending = and(ownEmbassy, isNull(notifications.acknowledgedAt), isNull(notifications.withdrawnAt));
    const [[counts], recentNotifications] = await Promise.all([
      db
        .select({
          awaiting: count(),
          overdue: sql<number>`count(*) filter (where ${lt(notifications.dueAt, now)})`.mapWith(Number),
          detention: sql<number>`count(*) filter (where ${notifications.kind} = 'detention')`.mapWith(Number),
        })
        .from(notifications)
        .where(pending),
      db
        .select({
          id: notifications.id,
          caseReferenceNumber: cases.referenceNumber,
          provinceCode: cases.provinceCode,
          crimeType: cases.crimeType,
          caseStatus: cases.status,
          kind: notifications.kind,
          createdAt: notifications.createdAt,
          dueAt: notifications.dueAt,
          acknowledgedAt: notifications.acknowledgedAt,
        })
        .from(notifications)
        .innerJoin(cases, eq(cases.id, notifications.caseId))
        .where(ownEmbassy)
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(recentLimit),
    ]);
    return {
      countryCode,
      awaitingAcknowledgement: counts?.awaiting ?? 0,
      overdue: counts?.overdue ?? 0,
      detentionAwaiting: counts?.detention ?? 0,
      recentNotifications,
    };
  });
}
