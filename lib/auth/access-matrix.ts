import { apiOperations } from '@/lib/api/v1/contract';
import { permissionsOfScope, type ApiScope } from '@/lib/api-keys/scopes';
import type { PendingStep } from './action-gate';
import { permissionRoles, type Permission } from './permissions';
import { roles } from './roles';
import type { Role } from '@/db/schema';

/**
 * The access-control matrix: every page, route handler and exported server action of `app/`, with who may use
 * it and in which scope. It is the single list the access tests drive (lib/auth/access-matrix.test.ts checks it
 * against the files on disk, lib/auth/access-matrix-actions.test.ts calls every action as every kind of actor,
 * e2e/access-matrix.spec.ts requests every page and route as every demo account).
 *
 * Roles come from lib/auth/permissions.ts wherever a permission guards the entry, so the matrix cannot drift
 * from the checks the code makes. Adding a page, route or action without an entry here fails the tests.
 *
 * `scope` says which records of an allowed role are in reach; a record out of scope is "not found":
 * - `own-province`: police (and governor summaries) see only their province's cases;
 * - `own-embassy`: an embassy sees only cases notified to its own country (its own nationals);
 * - `own-province-or-own-embassy`: the case's police, or the embassy the case was notified to;
 * - `own-account`: the signed-in user's own account only;
 * - `platform`: admins, over the whole directory and audit log;
 * - `own-organisation`: an organisation administrator's own organisation (the platform admin: every one);
 * - `national`: every province (ministry), or the actor's province for a governor;
 * - `signed-in`: any active user (no record scope);
 * - `public`: no session needed.
 */
export type AccessScope =
  | 'public'
  | 'signed-in'
  | 'own-account'
  | 'own-province'
  | 'own-embassy'
  | 'own-province-or-own-embassy'
  | 'national'
  | 'platform'
  /** An organisation administrator's own organisation (its users, keys), or any for the platform admin. */
  | 'own-organisation';

export type Access =
  /** Anyone, with or without a session (sign-in, health, next-auth's own endpoints). */
  | { kind: 'public'; scope: 'public' }
  /** Any signed-in, active user (no permission check beyond the session). */
  | { kind: 'signed-in'; scope: AccessScope }
  /** A role holding any of these permissions. */
  | { kind: 'permission'; anyOf: readonly Permission[]; scope: AccessScope }
  /**
   * The partner API: an organisation's API key with `apiScope`, never a session (which gets 401). The key acts as
   * its organisation's ordinary role, which must hold one of `anyOf`; lib/api/v1/access.test.ts drives these.
   */
  | { kind: 'api-key'; apiScopes: readonly ApiScope[]; anyOf: readonly Permission[]; scope: AccessScope };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface EntryBase {
  /** Path of the file from the project root, e.g. `app/police/cases/[id]/page.tsx`. */
  file: string;
  access: Access;
  /** Why the entry is as it is, where that isn't obvious. */
  note?: string;
  /**
   * Steps a signed-in user must finish first (lib/auth/action-gate.ts) during which this entry still works;
   * everything else redirects (pages) or refuses (actions) until the step is done. Public entries ignore steps.
   */
  allowedDuring?: readonly PendingStep[];
}

export interface PageEntry extends EntryBase {
  kind: 'page';
  /** URL pattern (route groups removed): `/police/cases/[id]`. */
  path: string;
}

export interface RouteEntry extends EntryBase {
  kind: 'route';
  path: string;
  methods: readonly HttpMethod[];
}

export interface ActionEntry extends EntryBase {
  kind: 'action';
  /** The exported function's name in `file` (an `actions.ts` module with 'use server'). */
  name: string;
}

export type AccessEntry = PageEntry | RouteEntry | ActionEntry;

const publicAccess = { kind: 'public', scope: 'public' } as const satisfies Access;
function permission(scope: AccessScope, ...anyOf: Permission[]): Access {
  return { kind: 'permission', anyOf, scope };
}

// Shared by the police and embassy sides of a case: the case's police, or the embassy it was notified to.
const caseParticipant = permission('own-province-or-own-embassy', 'update:case:own-province', 'read:notification:own-embassy');

export const pageEntries: readonly PageEntry[] = [
  { kind: 'page', path: '/', file: 'app/page.tsx', access: publicAccess, note: 'Redirects: signed in → own home, otherwise → /sign-in.' },
  { kind: 'page', path: '/sign-in', file: 'app/sign-in/page.tsx', access: publicAccess, note: 'A signed-in user is sent to their home.' },
  { kind: 'page', path: '/account', file: 'app/account/page.tsx', access: permission('own-account', 'update:account:own') },
  {
    kind: 'page',
    path: '/account/password',
    file: 'app/account/password/page.tsx',
    access: permission('own-account', 'update:account:own'),
    allowedDuring: ['change_password'],
  },
  {
    kind: 'page',
    path: '/account/two-factor',
    file: 'app/account/two-factor/page.tsx',
    access: permission('own-account', 'update:account:own'),
    allowedDuring: ['set_up_second_factor'],
  },
  {
    kind: 'page',
    path: '/invite/[token]',
    file: 'app/invite/[token]/page.tsx',
    access: publicAccess,
    note: 'The token in the link is the credential; every link that does not work gets the same message.',
  },
  {
    kind: 'page',
    path: '/mail/unsubscribe/confirm',
    file: 'app/mail/unsubscribe/confirm/page.tsx',
    access: publicAccess,
    note: 'Where an unsubscribe link leads a person: the signed token is the credential; opening it changes nothing.',
  },
  { kind: 'page', path: '/police', file: 'app/police/(home)/page.tsx', access: permission('own-province', 'view:area:police') },
  { kind: 'page', path: '/police/cases', file: 'app/police/cases/(list)/page.tsx', access: permission('own-province', 'read:case:own-province') },
  { kind: 'page', path: '/police/cases/new', file: 'app/police/cases/new/page.tsx', access: permission('own-province', 'create:case:own-province') },
  { kind: 'page', path: '/police/cases/[id]', file: 'app/police/cases/[id]/page.tsx', access: permission('own-province', 'read:case:own-province') },
  { kind: 'page', path: '/police/cases/[id]/edit', file: 'app/police/cases/[id]/edit/page.tsx', access: permission('own-province', 'update:case:own-province') },
  {
    kind: 'page',
    path: '/police/cases/[id]/official-notifications/[notificationId]/letter',
    file: 'app/police/cases/[id]/official-notifications/[notificationId]/letter/page.tsx',
    access: permission('own-province', 'read:case:own-province'),
    note: 'The formal notification letter to a mission off CaseBridge: the police of the case’s province only.',
  },
  { kind: 'page', path: '/embassy', file: 'app/embassy/(inbox)/page.tsx', access: permission('own-embassy', 'view:area:embassy') },
  { kind: 'page', path: '/embassy/cases/[id]', file: 'app/embassy/cases/[id]/page.tsx', access: permission('own-embassy', 'read:notification:own-embassy') },
  {
    kind: 'page',
    path: '/notification-record/[id]',
    file: 'app/notification-record/[id]/page.tsx',
    access: permission('own-province-or-own-embassy', 'read:case:own-province', 'read:notification:own-embassy'),
    note: 'The page itself only requires a session; getNotificationRecord scopes to the case police or the notified embassy.',
  },
  { kind: 'page', path: '/summaries', file: 'app/summaries/page.tsx', access: permission('national', 'view:area:summaries') },
  { kind: 'page', path: '/summaries/cases', file: 'app/summaries/cases/page.tsx', access: permission('national', 'read:case:all-provinces') },
  { kind: 'page', path: '/admin', file: 'app/admin/(lists)/page.tsx', access: permission('platform', 'view:area:admin') },
  { kind: 'page', path: '/admin/consular-rules', file: 'app/admin/consular-rules/page.tsx', access: permission('platform', 'manage:directory:all') },
  { kind: 'page', path: '/admin/missions', file: 'app/admin/(lists)/missions/page.tsx', access: permission('platform', 'manage:directory:all') },
  { kind: 'page', path: '/admin/missions/new', file: 'app/admin/missions/new/page.tsx', access: permission('platform', 'manage:directory:all') },
  { kind: 'page', path: '/admin/missions/[id]', file: 'app/admin/missions/[id]/page.tsx', access: permission('platform', 'manage:directory:all') },
  { kind: 'page', path: '/admin/users', file: 'app/admin/(lists)/users/page.tsx', access: permission('platform', 'view:area:admin') },
  { kind: 'page', path: '/admin/audit', file: 'app/admin/(lists)/audit/page.tsx', access: permission('platform', 'read:audit:all') },
  { kind: 'page', path: '/admin/outbox', file: 'app/admin/(lists)/outbox/page.tsx', access: permission('platform', 'read:mail:all') },
  { kind: 'page', path: '/admin/outbox/[id]', file: 'app/admin/outbox/[id]/page.tsx', access: permission('platform', 'read:mail:all') },
  { kind: 'page', path: '/admin/jobs', file: 'app/admin/(lists)/jobs/page.tsx', access: permission('platform', 'view:area:admin'), note: 'The list itself is read by listFailedJobs, which requires read:jobs:all: queue, times, retries and error, never the payload.' },
  { kind: 'page', path: '/admin/users/new', file: 'app/admin/users/new/page.tsx', access: permission('platform', 'view:area:admin') },
  { kind: 'page', path: '/admin/users/[id]', file: 'app/admin/users/[id]/page.tsx', access: permission('platform', 'view:area:admin') },
  { kind: 'page', path: '/admin/organisations/new', file: 'app/admin/organisations/new/page.tsx', access: permission('platform', 'view:area:admin') },
  { kind: 'page', path: '/admin/organisations/[id]', file: 'app/admin/organisations/[id]/page.tsx', access: permission('platform', 'view:area:admin') },
  { kind: 'page', path: '/admin/organisations/[id]/api-keys', file: 'app/admin/organisations/[id]/api-keys/page.tsx', access: permission('platform', 'manage:api-keys:all') },
  { kind: 'page', path: '/organisation', file: 'app/organisation/page.tsx', access: permission('own-organisation', 'manage:api-keys:own-organisation'), note: 'The organisation administrator’s home: its API keys.' },
  { kind: 'page', path: '/organisation/webhooks', file: 'app/organisation/webhooks/page.tsx', access: permission('own-organisation', 'manage:api-keys:own-organisation'), note: 'Its own webhook endpoints; secrets are shown once.' },
  { kind: 'page', path: '/organisation/webhooks/[id]', file: 'app/organisation/webhooks/[id]/page.tsx', access: permission('own-organisation', 'manage:api-keys:own-organisation'), note: 'Another organisation’s endpoint is not found.' },
];

export const routeEntries: readonly RouteEntry[] = [
  { kind: 'route', path: '/api/auth/[...nextauth]', file: 'app/api/auth/[...nextauth]/route.ts', methods: ['GET', 'POST'], access: publicAccess },
  { kind: 'route', path: '/api/health', file: 'app/api/health/route.ts', methods: ['GET'], access: publicAccess, note: 'Liveness only, no data.' },
  { kind: 'route', path: '/.well-known/security.txt', file: 'app/.well-known/security.txt/route.ts', methods: ['GET'], access: publicAccess, note: 'RFC 9116: whom to tell about a vulnerability.' },
  { kind: 'route', path: '/api/live', file: 'app/api/live/route.ts', methods: ['GET'], access: permission('own-embassy', 'read:notification:own-embassy') },
  {
    kind: 'route',
    path: '/mail/unsubscribe',
    file: 'app/mail/unsubscribe/route.ts',
    methods: ['GET', 'POST'],
    access: publicAccess,
    note: 'RFC 8058 one-click (POST) from mail clients, no session: the signed token turns off one e-mail setting of one user. GET only leads to the page.',
  },
  { kind: 'route', path: '/summaries/export', file: 'app/summaries/export/route.ts', methods: ['GET'], access: permission('national', 'view:area:summaries') },
  { kind: 'route', path: '/admin/audit/export', file: 'app/admin/audit/export/route.ts', methods: ['GET'], access: permission('platform', 'export:audit:all') },
  { kind: 'route', path: '/api/v1/openapi.json', file: 'app/api/v1/openapi.json/route.ts', methods: ['GET'], access: publicAccess, note: 'The contract itself: operations and schemas, no records.' },
  { kind: 'route', path: '/api/v1/docs', file: 'app/api/v1/docs/route.ts', methods: ['GET'], access: publicAccess, note: 'The contract as a page.' },
  ...apiRouteEntries(),
];

/** One entry per /api/v1 route file, from the contract: its methods, the scopes they need and the permissions behind them. */
function apiRouteEntries(): RouteEntry[] {
  const byPath = new Map<string, (typeof apiOperations)[number][]>();
  for (const operation of apiOperations) byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  return [...byPath].map(([openApiPath, operations]) => {
    const path = `/api/v1${openApiPath.replace(/\{(\w+)\}/g, '[$1]')}`;
    const apiScopes = [...new Set(operations.map((operation) => operation.scope))];
    const isEmbassy = apiScopes.some((scope) => scope.startsWith('notifications') || scope.startsWith('cooperation'));
    return {
      kind: 'route',
      path,
      file: `app${path}/route.ts`,
      methods: operations.map((operation) => operation.method.toUpperCase() as HttpMethod),
      access: { kind: 'api-key', apiScopes, anyOf: [...new Set(apiScopes.flatMap((scope) => permissionsOfScope[scope]))], scope: isEmbassy ? 'own-embassy' : apiScopes.includes('summaries:read') ? 'national' : 'own-province' },
    };
  });
}

export const actionEntries: readonly ActionEntry[] = [
  // Account: the signed-in user's own account.
  { kind: 'action', file: 'lib/account/actions.ts', name: 'changeLocaleAction', access: publicAccess, note: 'Sets the locale cookie for anyone; stores it on the account only when signed in.' },
  { kind: 'action', file: 'lib/account/actions.ts', name: 'changePasswordAction', access: permission('own-account', 'update:account:own'), allowedDuring: ['change_password'] },
  { kind: 'action', file: 'lib/account/actions.ts', name: 'signOutEverywhereAction', access: permission('own-account', 'update:account:own'), allowedDuring: ['change_password'] },
  {
    kind: 'action',
    file: 'lib/account/actions.ts',
    name: 'startSecondFactorSetupAction',
    access: permission('own-account', 'update:account:own'),
    allowedDuring: ['set_up_second_factor'],
  },
  {
    kind: 'action',
    file: 'lib/account/actions.ts',
    name: 'confirmSecondFactorSetupAction',
    access: permission('own-account', 'update:account:own'),
    allowedDuring: ['set_up_second_factor'],
  },
  {
    kind: 'action',
    file: 'lib/account/actions.ts',
    name: 'turnOffSecondFactorAction',
    access: permission('own-account', 'update:account:own'),
    note: 'Refused (a business rule, not access) to users whose role or organisation requires a second factor.',
  },
  {
    kind: 'action',
    file: 'lib/account/actions.ts',
    name: 'updateMailPreferencesAction',
    access: permission('own-account', 'update:mail-preferences:own'),
    note: 'Only the roles that receive e-mail they may turn off; a setting of e-mail the role does not receive is refused.',
  },
  { kind: 'action', file: 'lib/account/actions.ts', name: 'unsubscribeAction', access: publicAccess, note: 'The button of the unsubscribe page: the signed token is the credential.' },
  // Invitations: the token in the link is the credential.
  { kind: 'action', file: 'lib/invitations/actions.ts', name: 'acceptInvitationAction', access: publicAccess },
  // Admin: the platform's directory.
  { kind: 'action', file: 'lib/directory/actions.ts', name: 'createOrganisationAction', access: permission('platform', 'manage:directory:all') },
  { kind: 'action', file: 'lib/directory/actions.ts', name: 'updateOrganisationAction', access: permission('platform', 'manage:directory:all') },
  { kind: 'action', file: 'lib/directory/actions.ts', name: 'setOrganisationActiveAction', access: permission('platform', 'manage:directory:all') },
  {
    kind: 'action',
    file: 'lib/directory/actions.ts',
    name: 'createUserAction',
    access: permission('own-organisation', 'manage:directory:all', 'manage:users:own-organisation'),
    note: 'With an e-mailed invitation the message is queued in the same transaction (lib/mail/invitation.ts).',
  },
  { kind: 'action', file: 'lib/directory/actions.ts', name: 'updateUserAction', access: permission('platform', 'manage:directory:all') },
  { kind: 'action', file: 'lib/directory/actions.ts', name: 'setUserActiveAction', access: permission('own-organisation', 'manage:directory:all', 'manage:users:own-organisation'), note: 'An organisation administrator: only users of its own organisation (lib/directory/commands.ts managedOrganisationOf).' },
  { kind: 'action', file: 'lib/directory/actions.ts', name: 'unlockUserAction', access: permission('platform', 'manage:directory:all') },
  { kind: 'action', file: 'lib/directory/actions.ts', name: 'resetUserPasswordAction', access: permission('own-organisation', 'manage:directory:all', 'manage:users:own-organisation'), note: 'An organisation administrator: only users of its own organisation (lib/directory/commands.ts managedOrganisationOf).' },
  {
    kind: 'action',
    file: 'lib/invitations/actions.ts',
    name: 'reissueInvitationAction',
    access: permission('platform', 'manage:directory:all'),
    note: 'Shows the new link once, or e-mails it to the account (an invitation, or a password reset once it has signed in).',
  },
  { kind: 'action', file: 'lib/invitations/actions.ts', name: 'revokeInvitationAction', access: permission('platform', 'manage:directory:all') },
  { kind: 'action', file: 'lib/directory/actions.ts', name: 'resetUserSecondFactorAction', access: permission('platform', 'manage:directory:all') },
  // API keys: an organisation administrator's own, or any for the platform admin.
  { kind: 'action', file: 'lib/api-keys/actions.ts', name: 'createApiKeyAction', access: permission('own-organisation', 'manage:api-keys:own-organisation', 'manage:api-keys:all'), note: 'The key is returned once; only its hash is stored.' },
  { kind: 'action', file: 'lib/api-keys/actions.ts', name: 'revokeApiKeyAction', access: permission('own-organisation', 'manage:api-keys:own-organisation', 'manage:api-keys:all') },
  // Webhooks: an organisation administrator's own endpoints, or any for the platform admin (lib/webhooks/commands.ts).
  { kind: 'action', file: 'lib/webhooks/actions.ts', name: 'registerWebhookEndpointAction', access: permission('own-organisation', 'manage:api-keys:own-organisation', 'manage:api-keys:all'), note: 'The secret is returned once. The URL must pass the server-side request forgery rules.' },
  { kind: 'action', file: 'lib/webhooks/actions.ts', name: 'rotateWebhookSecretAction', access: permission('own-organisation', 'manage:api-keys:own-organisation', 'manage:api-keys:all'), note: 'The new secret is returned once; the previous one signs alongside it for a day.' },
  { kind: 'action', file: 'lib/webhooks/actions.ts', name: 'setWebhookEndpointEnabledAction', access: permission('own-organisation', 'manage:api-keys:own-organisation', 'manage:api-keys:all') },
  { kind: 'action', file: 'lib/webhooks/actions.ts', name: 'redeliverWebhookAction', access: permission('own-organisation', 'manage:api-keys:own-organisation', 'manage:api-keys:all') },
  // Admin: the platform's background jobs.
  { kind: 'action', file: 'lib/jobs/actions.ts', name: 'retryFailedJobAction', access: permission('platform', 'retry:jobs:all') },
  // Cooperation thread: both sides of a case.
  {
    kind: 'action',
    file: 'lib/cooperation/actions.ts',
    name: 'recordCooperationActionAction',
    access: caseParticipant,
    note: 'Records an outbox message in the scoped transaction; a request or an answer is e-mailed to the other side (lib/mail/requests.ts).',
  },
  { kind: 'action', file: 'lib/cooperation/actions.ts', name: 'updateCooperationActionStatusAction', access: caseParticipant },
  {
    kind: 'action',
    file: 'lib/cooperation/actions.ts',
    name: 'postCaseMessageAction',
    access: caseParticipant,
    note: 'Records an outbox message in the scoped transaction; the other side is e-mailed that a message was posted, never its text.',
  },
  // Embassy.
  { kind: 'action', file: 'lib/notifications/actions.ts', name: 'acknowledgeNotificationAction', access: permission('own-embassy', 'acknowledge:notification:own-embassy') },
  {
    kind: 'action',
    file: 'lib/notifications/actions.ts',
    name: 'declineNotificationAction',
    access: permission('own-embassy', 'decline:notification:own-embassy'),
    note: 'Records an outbox message in the scoped transaction; the case police are e-mailed the reason, never the note (lib/mail/decline.ts).',
  },
  {
    kind: 'action',
    file: 'lib/notifications/actions.ts',
    name: 'redirectNotificationAction',
    access: permission('own-embassy', 'redirect:notification:own-embassy'),
    note: 'The move to another organisation goes through casebridge_redirect_notification (migration 0035), which checks the caller owns the notification and the target is a mission of the same country.',
  },
  // Police case work.
  { kind: 'action', file: 'lib/cases/actions.ts', name: 'createCaseAction', access: permission('own-province', 'create:case:own-province') },
  { kind: 'action', file: 'lib/cases/actions.ts', name: 'updateCaseAction', access: permission('own-province', 'update:case:own-province') },
  { kind: 'action', file: 'lib/cases/actions.ts', name: 'changeCaseStatusAction', access: permission('own-province', 'update:case:own-province') },
  { kind: 'action', file: 'lib/cases/actions.ts', name: 'assignCaseAction', access: permission('own-province', 'assign:case:own-province') },
  { kind: 'action', file: 'lib/cases/actions.ts', name: 'addCaseNoteAction', access: permission('own-province', 'update:case:own-province') },
  { kind: 'action', file: 'lib/cases/actions.ts', name: 'findPossibleMatchesAction', access: permission('own-province', 'read:case:own-province') },
  { kind: 'action', file: 'lib/notifications/actions.ts', name: 'notifyEmbassyManuallyAction', access: permission('own-province', 'update:case:own-province') },
  { kind: 'action', file: 'lib/notifications/actions.ts', name: 'confirmNationalityAction', access: permission('own-province', 'resolve:nationality:own-province') },
  { kind: 'action', file: 'lib/disclosure/actions.ts', name: 'recordConsentAction', access: permission('own-province', 'update:case:own-province') },
  { kind: 'action', file: 'lib/disclosure/actions.ts', name: 'overrideDisclosureAction', access: permission('own-province', 'override:disclosure:own-province') },
  { kind: 'action', file: 'lib/consular/actions.ts', name: 'recordOfficialNotificationAction', access: permission('own-province', 'update:case:own-province') },
  { kind: 'action', file: 'lib/consular/actions.ts', name: 'recordOfficialAnswerAction', access: permission('own-province', 'update:case:own-province') },
  { kind: 'action', file: 'lib/consular/actions.ts', name: 'decideDualNationalAction', access: permission('own-province', 'decide:dual-national:own-province') },
  { kind: 'action', file: 'lib/consular/actions.ts', name: 'recordFollowUpAction', access: permission('own-province', 'update:case:own-province') },
  { kind: 'action', file: 'lib/consular/actions.ts', name: 'setConsularRuleAction', access: permission('platform', 'manage:directory:all') },
  // Admin: the directory of foreign missions.
  {
    kind: 'action',
    file: 'lib/missions/actions.ts',
    name: 'createMissionAction',
    access: permission('platform', 'manage:directory:all'),
    note: 'Reference data read on the owner’s connection like the organisations; its rules (one embassy a country, one post a province) are checked with the country locked.',
  },
  { kind: 'action', file: 'lib/missions/actions.ts', name: 'updateMissionAction', access: permission('platform', 'manage:directory:all') },
];

export const accessMatrix: readonly AccessEntry[] = [...pageEntries, ...routeEntries, ...actionEntries];

/** The roles that may use an entry at all (scope still applies to each record). */
export function rolesAllowed(access: Access): readonly Role[] {
  if (access.kind !== 'permission' && access.kind !== 'api-key') return roles;
  const allowed = new Set<Role>(access.anyOf.flatMap((name) => permissionRoles[name] as readonly Role[]));
  return roles.filter((role) => allowed.has(role));
}

/** Whether a visitor without a session may use the entry. */
export function allowsAnonymous(access: Access): boolean {
  return access.kind === 'public';
}

/** Key used in test names and reports: `page /police/cases/[id]`, `action lib/directory/actions.ts#createUserAction`. */
export function entryKey(entry: AccessEntry): string {
  return entry.kind === 'action' ? `action ${entry.file}#${entry.name}` : `${entry.kind} ${entry.path}`;
}
