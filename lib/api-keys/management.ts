import type { Actor } from '@/lib/auth/actor';
import { can, requirePermission } from '@/lib/auth/permissions';

/** Whose keys (and webhooks) the actor manages: every organisation's for the platform admin, their own for an organisation admin. */
export function managedKeyOrganisationOf(actor: Actor): 'all' | string {
  if (can(actor, 'manage:api-keys:all')) return 'all';
  requirePermission(actor, 'manage:api-keys:own-organisation');
  return actor.organisationId;
}
