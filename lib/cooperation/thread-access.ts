import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { casePeople, cases, notifications, organisations, type CooperationSide } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/domain-error';

export interface ThreadScope {
  caseId: string;
  embassyOrganisationId: string;
  side: CooperationSide;
}

/**
 * Who may work in the thread between the police and one embassy about one case: police of the case's
 * province (the embassy must have been notified), or that embassy while the case still concerns it.
 * Anything else is "not found".
 */
export async function resolveThreadScope(db: Pick<Database, 'select'>, actor: Actor, caseId: string, requestedEmbassyId: string): Promise<ThreadScope> {
  if (can(actor, 'update:case:own-province') && actor.provinceCode) {
    if (!requestedEmbassyId) throw DomainError.notFound('thread');
    const [row] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .innerJoin(cases, eq(cases.id, notifications.caseId))
      .where(and(eq(notifications.caseId, caseId), eq(notifications.embassyOrganisationId, requestedEmbassyId), eq(cases.provinceCode, actor.provinceCode)));
    if (!row) throw DomainError.notFound('thread');
    return { caseId, embassyOrganisationId: requestedEmbassyId, side: 'police' };
  }
  if (can(actor, 'read:notification:own-embassy') && actor.countryCode) {
    if (requestedEmbassyId && requestedEmbassyId !== actor.organisationId) throw DomainError.notFound('thread');
    const [row] = await db
      .select({ reason: notifications.reason })
      .from(notifications)
      .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
      .where(and(eq(notifications.caseId, caseId), eq(notifications.embassyOrganisationId, actor.organisationId)));
    if (!row) throw DomainError.notFound('thread');
    if (row.reason !== 'manual') {
      const [national] = await db
        .select({ id: casePeople.id })
        .from(casePeople)
        .where(and(eq(casePeople.caseId, caseId), eq(casePeople.nationality, actor.countryCode)))
        .limit(1);
      if (!national) throw DomainError.notFound('thread');
    }
    return { caseId, embassyOrganisationId: actor.organisationId, side: 'embassy' };
  }
  throw DomainError.notFound('thread');
}
