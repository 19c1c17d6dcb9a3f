import 'server-only';
import { and, count, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { prebuilt, prebuiltByShape, type Placeholders } from '@/db/prebuilt';
import { withActorScope } from '@/lib/auth/actor-scope';
import { cases, embassyPageCounters, notifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { inMissionScopeOf, missionOrganisationIdsOf, missionScopeOf } from './mission-scope';
import type { EmbassyDashboard } from './views';
import { DomainError } from '@/lib/domain-error';

type DashboardValues = { missionIds: string; now: string; recentLimit: number };
const missionsKey = (missions: 'one' | 'many') => missions;

// Built once per shape of the mission's scope (db/prebuilt.ts). Awaiting and detention come from the counter rows
// of the embassy and its posts (migration 0029); overdue depends on the moment of asking, so it is counted along
// the pending index (embassy, due_at), reading the overdue ones only.
const selectDashboardCounters = prebuilt((db) =>
  db
    .select({ awaiting: embassyPageCounters.awaiting, detention: embassyPageCounters.detentionAwaiting })
    .from(embassyPageCounters)
    .where(sql`${embassyPageCounters.embassyOrganisationId} = any(casebridge_scope_mission_organisations())`),
);

const countOverdue = prebuiltByShape(missionsKey, (db, p: Placeholders<DashboardValues>, missions: 'one' | 'many') =>
  db
    .select({ total: count() })
    .from(notifications)
    .where(
      and(
        inMissionScopeOf(notifications.embassyOrganisationId, missions, p.missionIds),
        isNull(notifications.acknowledgedAt),
        isNull(notifications.withdrawnAt),
        isNull(notifications.declinedAt),
        lt(notifications.dueAt, p.now),
      ),
    ),
);

const selectRecentNotifications = prebuiltByShape(missionsKey, (db, p: Placeholders<DashboardValues>, missions: 'one' | 'many') =>
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
    .where(inMissionScopeOf(notifications.embassyOrganisationId, missions, p.missionIds))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(p.recentLimit),
);

export async function getEmbassyDashboard(actor: Actor, recentLimit = 10, now = new Date()): Promise<EmbassyDashboard> {
  requirePermission(actor, 'read:notification:own-embassy');
  const countryCode = actor.countryCode;
  if (!countryCode) throw DomainError.notFound('embassy');
  return withActorScope(actor, async (db) => {
    const { missions, missionIds } = missionScopeOf(await missionOrganisationIdsOf(db, actor));
    const values = { missionIds, now: now.toISOString(), recentLimit };
    const [counters, [overdue], recentNotifications] = await Promise.all([
      selectDashboardCounters(db, {}),
      countOverdue(db, missions, values),
      selectRecentNotifications(db, missions, values),
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
