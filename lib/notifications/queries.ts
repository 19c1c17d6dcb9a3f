import 'server-only';
import { and, count, desc, eq, isNull, lt } from 'drizzle-orm';
import { withActorScope } from '@/lib/auth/actor-scope';
import { cases, embassyPageCounters, notifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { inMissionScope, missionOrganisationIdsOf } from './mission-scope';
import type { EmbassyDashboard } from './views';
import { DomainError } from '@/lib/domain-error';

export async function getEmbassyDashboard(actor: Actor, recentLimit = 10, now = new Date()): Promise<EmbassyDashboard> {
  requirePermission(actor, 'read:notification:own-embassy');
  const countryCode = actor.countryCode;
  if (!countryCode) throw DomainError.notFound('embassy');
  return withActorScope(actor, async (db) => {
    const missionOrganisationIds = await missionOrganisationIdsOf(db, actor);
    const ownEmbassy = inMissionScope(notifications.embassyOrganisationId, missionOrganisationIds);
    // Awaiting and detention come from the counter rows of the embassy and its posts (migration 0029); overdue
    // depends on the moment of asking, so it is counted along the pending index (embassy, due_at), reading the
    // overdue ones only.
    const [counters, [overdue], recentNotifications] = await Promise.all([
      db
        .select({ awaiting: embassyPageCounters.awaiting, detention: embassyPageCounters.detentionAwaiting })
        .from(embassyPageCounters)
        .where(inMissionScope(embassyPageCounters.embassyOrganisationId, missionOrganisationIds)),
      db
        .select({ total: count() })
        .from(notifications)
        .where(and(ownEmbassy, isNull(notifications.acknowledgedAt), isNull(notifications.withdrawnAt), isNull(notifications.declinedAt), lt(notifications.dueAt, now))),
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
      awaitingAcknowledgement: counters.reduce((total, counter) => total + counter.awaiting, 0),
      overdue: overdue?.total ?? 0,
      detentionAwaiting: counters.reduce((total, counter) => total + counter.detention, 0),
      recentNotifications,
    };
  });
}
