import type { Actor } from './actor';
import type { Role } from '@/db/schema';
import { DomainError } from '@/lib/domain-error';

/**
 * What each role may do, as `action:entity:scope`. The scope part is enforced by the data-access
 * functions (their WHERE clauses); this table says which roles may attempt the action at all.
 */
export const permissionRoles = {
  'view:area:police': ['police_officer', 'police_supervisor'],
  'view:area:embassy': ['embassy_liaison'],
  'view:area:summaries': ['governor_viewer', 'ministry_analyst'],
  'view:area:admin': ['admin'],
  'view:area:organisation': ['organisation_admin'],
  'read:case:own-province': ['police_officer', 'police_supervisor'],
  'read:case:all-provinces': ['ministry_analyst'],
  'create:case:own-province': ['police_officer', 'police_supervisor'],
  'update:case:own-province': ['police_officer', 'police_supervisor'],
  'assign:case:own-province': ['police_supervisor'],
  'read:notification:own-embassy': ['embassy_liaison'],
  'acknowledge:notification:own-embassy': ['embassy_liaison'],
  /** Answer a notification with "not ours" (a reason) or send it on to another mission of the country. */
  'decline:notification:own-embassy': ['embassy_liaison'],
  'redirect:notification:own-embassy': ['embassy_liaison'],
  /** Confirm (or, by editing the person, correct) a nationality an embassy declined. */
  'resolve:nationality:own-province': ['police_officer', 'police_supervisor'],
  'override:disclosure:own-province': ['police_supervisor'],
  /** Whether a Cambodian dual national's other country is notified (Cambodia may treat them as its own). */
  'decide:dual-national:own-province': ['police_supervisor'],
  'read:summary:own-province': ['governor_viewer'],
  'read:summary:national': ['ministry_analyst'],
  'manage:directory:all': ['admin'],
  'read:audit:all': ['admin'],
  'export:audit:all': ['admin'],
  /** Every e-mail CaseBridge sent or stored, with its text: the outbox. */
  'read:mail:all': ['admin'],
  'read:jobs:all': ['admin'],
  'retry:jobs:all': ['admin'],
  /** Invite, deactivate and reset the users of the actor's own organisation (the platform admin: manage:directory:all). */
  'manage:users:own-organisation': ['organisation_admin'],
  /** API keys (and webhooks) of the actor's own organisation, or of every organisation for the platform admin. */
  'manage:api-keys:own-organisation': ['organisation_admin'],
  'manage:api-keys:all': ['admin'],
  'update:account:own': ['police_officer', 'police_supervisor', 'embassy_liaison', 'governor_viewer', 'ministry_analyst', 'admin', 'organisation_admin'],
  /** Their own e-mail settings: the roles that receive e-mail they may turn off (lib/mail/preferences.ts). */
  'update:mail-preferences:own': ['police_officer', 'police_supervisor', 'embassy_liaison'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionRoles;

export function can(actor: Pick<Actor, 'role'> | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  return (permissionRoles[permission] as readonly Role[]).includes(actor.role);
}

/** An action that isn't the actor's is "not found", like a record outside their scope. */
export function requirePermission(actor: Pick<Actor, 'role'> | null | undefined, permission: Permission): asserts actor {
  if (!can(actor, permission)) throw DomainError.notFound();
}

/** Where each role lands after signing in. */
export function homePathOf(role: Role): string {
  switch (role) {
    case 'police_officer':
    case 'police_supervisor':
      return '/police';
    case 'embassy_liaison':
      return '/embassy';
    case 'governor_viewer':
    case 'ministry_analyst':
      return '/summaries';
    case 'admin':
      return '/admin';
    case 'organisation_admin':
      return '/organisation';
  }
}
