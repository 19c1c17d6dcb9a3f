import type { OrganisationKind, Role } from '@/db/schema';
import type { Permission } from '@/lib/auth/permissions';

/**
 * What a partner system's key may do. A scope narrows a key below its organisation's role; it never widens it:
 * the key acts as the one role of `keyRoleOf` its organisation's kind, and every data-access function still
 * checks that role's permissions and scope.
 */
export const apiScopes = ['notifications:read', 'notifications:acknowledge', 'cooperation:write', 'cases:read', 'cases:write', 'summaries:read'] as const;
export type ApiScope = (typeof apiScopes)[number];

/** The role a key of each kind of organisation acts as: the ordinary member's, never a supervisor's or an admin's. */
export const keyRoleOf: Record<Exclude<OrganisationKind, 'platform'>, Role> = {
  police: 'police_officer',
  embassy: 'embassy_liaison',
  governor_office: 'governor_viewer',
  ministry: 'ministry_analyst',
};

/** The scopes that mean something for each kind: a key is refused any other. */
export const scopesOfKind: Record<Exclude<OrganisationKind, 'platform'>, readonly ApiScope[]> = {
  police: ['cases:read', 'cases:write'],
  embassy: ['notifications:read', 'notifications:acknowledge', 'cooperation:write'],
  governor_office: ['summaries:read'],
  ministry: ['summaries:read'],
};

export function canHaveApiKeys(kind: OrganisationKind): kind is Exclude<OrganisationKind, 'platform'> {
  return kind !== 'platform';
}

/** The permissions of the key's role an operation of each scope rests on (the access matrix lists them per route). */
export const permissionsOfScope: Record<ApiScope, readonly Permission[]> = {
  'notifications:read': ['read:notification:own-embassy'],
  'notifications:acknowledge': ['acknowledge:notification:own-embassy'],
  'cooperation:write': ['read:notification:own-embassy'],
  'cases:read': ['read:case:own-province'],
  'cases:write': ['create:case:own-province', 'update:case:own-province'],
  'summaries:read': ['read:summary:own-province', 'read:summary:national'],
};
