import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { cases, notifications, type CooperationSide } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { isCaseOpenToEmbassy } from '@/lib/disclosure/embassy-nationals';
import { DomainError } from '@/lib/domain-error';
import { caseNotificationPreference, inMissionScope, missionOrganisationIdsOf } from '@/lib/notifications/mission-scope';

export interface ThreadScope {
  caseId: string;
  embassyOrganisationId: string;
  side: CooperationSide;
}

/**
 * Who may work in the thread between the police and one embassy about one case: police of the case's
 * province (the embassy must have been notified), or that embassy (or the embassy of that post, decision 021)
 * while the case still concerns it.
 * Anything else is "not found". Once the notification is withdrawn the police still read the thread's
 * history, and nobody writes to it: the embassy no longer sees the case.
 */
export async function resolveThreadScope(
  db: Database | Transaction,
  actor: Actor,
  caseId: string,
  requestedEmbassyId: string,
  purpose: 'read' | 'write',
): Promise<ThreadScope> {
  if (can(actor, 'update:case:own-province') && actor.provinceCode) {
    if (!requestedEmbassyId) throw DomainError.notFound('thread');
    const [row] = await db
      .select({ id: notifications.id, withdrawnAt: notifications.withdrawnAt })
      .from(notifications)
      .innerJoin(cases, eq(cases.id, notifications.caseId))
      .where(and(eq(notifications.caseId, caseId), eq(notifications.embassyOrganisationId, requestedEmbassyId), eq(cases.provinceCode, actor.provinceCode)));
    if (!row) throw DomainError.notFound('thread');
    if (row.withdrawnAt && purpose === 'write') throw DomainError.refused('cooperation.errors.withdrawn');
    return { caseId, embassyOrganisationId: requestedEmbassyId, side: 'police' };
  }
  if (can(actor, 'read:notification:own-embassy') && actor.countryCode) {
    // The thread belongs to the notification: the embassy working on one of its posts' cases writes in the post's thread.
    const missionOrganisationIds = await missionOrganisationIdsOf(db, actor);
    if (requestedEmbassyId && !missionOrganisationIds.includes(requestedEmbassyId)) throw DomainError.notFound('thread');
    const [notification] = await db
      .select({ caseId: notifications.caseId, embassyOrganisationId: notifications.embassyOrganisationId, reason: notifications.reason, withdrawnAt: notifications.withdrawnAt })
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), inMissionScope(notifications.embassyOrganisationId, requestedEmbassyId ? [requestedEmbassyId] : missionOrganisationIds)))
      .orderBy(...caseNotificationPreference(actor))
      .limit(1);
    if (notification?.withdrawnAt && purpose === 'write') throw DomainError.refused('cooperation.errors.withdrawn');
    if (!notification || !(await isCaseOpenToEmbassy(db, { countryCode: actor.countryCode }, notification))) throw DomainError.notFound('thread');
    return { caseId, embassyOrganisationId: notification.embassyOrganisationId, side: 'embassy' };
  }
  throw DomainError.notFound('thread');
}
