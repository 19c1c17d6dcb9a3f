import { requirePermission } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/actor';
import { DomainError } from '@/lib/domain-error';
import { isUuid } from '@/lib/ids';

/** The embassy an embassy liaison acts for; anyone else is "not found". */
export function ownEmbassy(actor: Actor): { organisationId: string; countryCode: string } {
  requirePermission(actor, 'read:notification:own-embassy');
  if (!actor.countryCode) throw DomainError.notFound('embassy');
  return { organisationId: actor.organisationId, countryCode: actor.countryCode };
}

/** A case id from the address bar: anything but a uuid is a case that does not exist, not a database error. */
export function assertCaseId(caseId: string): void {
  if (!isUuid(caseId)) throw DomainError.notFound('case');
}
