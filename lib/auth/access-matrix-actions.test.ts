import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, casePeople, notifications, officialNotifications, users, type Role } from '@/db/schema';
import { sealTotpSecret } from '@/lib/auth/totp-secret-box';
import { generateTotpSecret, totpCodeAt } from '@/lib/auth/totp';
import { issueInvitationIn } from '@/lib/invitations/commands';
import { unsubscribeTokenFor } from '@/lib/mail/unsubscribe';
import { createFailedJob } from '@/lib/testing/jobs';
import type { Actor } from '@/lib/auth/actor';
import { createCase } from '@/lib/cases/commands';
import type { CreateCaseInput } from '@/lib/cases/schemas';
import { recordCooperationAction } from '@/lib/cooperation/commands';
import { recordOfficialNotification } from '@/lib/consular/commands';
import { declineNotification } from '@/lib/notifications/answers';
import { createOnCaseBridgeMission } from '@/lib/testing/missions';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser, testPassword, uniqueSuffix } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import type { PendingStep } from './action-gate';
import { actionEntries, rolesAllowed, type ActionEntry } from './access-matrix';
import { createApiKey } from '@/lib/api-keys/commands';
import { registerWebhookEndpoint } from '@/lib/webhooks/commands';
import { foreignMissions, webhookDeliveries, webhookEndpoints } from '@/db/schema';

/**
 * Every server action of the access matrix, called as every kind of actor. Only the session is stubbed (and the
 * Next request APIs the actions touch); the session stub still goes through the real loadActor, so a
 * deactivated user or organisation is refused exactly as in production. Each call gets a fresh case and fresh
 * users, so one call's effect never changes another's outcome.
 */
const session = vi.hoisted(() => ({ user: null as { id: string; sessionVersion: number } | null }));
vi.mock('@/lib/auth/session', async () => {
  const { loadActor } = await import('@/lib/auth/load-actor');
  return { getActor: async () => (session.user ? loadActor(session.user.id, session.user.sessionVersion) : null) };
});
const cookieJar = vi.hoisted(() => ({ set: [] as string[] }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ set: (name: string) => cookieJar.set.push(name), get: () => undefined }),
  headers: async () => new Headers({ 'x-forwarded-for': '192.0.2.10' }),
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const actionModules: Record<string, Record<string, unknown>> = {
  'lib/account/actions.ts': await import('@/lib/account/actions'),
  'lib/api-keys/actions.ts': await import('@/lib/api-keys/actions'),
  'lib/cases/actions.ts': await import('@/lib/cases/actions'),
  'lib/consular/actions.ts': await import('@/lib/consular/actions'),
  'lib/cooperation/actions.ts': await import('@/lib/cooperation/actions'),
  'lib/directory/actions.ts': await import('@/lib/directory/actions'),
  'lib/disclosure/actions.ts': await import('@/lib/disclosure/actions'),
  'lib/invitations/actions.ts': await import('@/lib/invitations/actions'),
  'lib/jobs/actions.ts': await import('@/lib/jobs/actions'),
  'lib/missions/actions.ts': await import('@/lib/missions/actions'),
  'lib/notifications/actions.ts': await import('@/lib/notifications/actions'),
  'lib/webhooks/actions.ts': await import('@/lib/webhooks/actions'),
};

withTestDatabase();

// ---------------------------------------------------------------------------------------------------------------
// Who acts. The record every call targets is a Koh Kong (KKG) case with Chinese (CN) nationals.

type ActorKind =
  | 'kohKongOfficer'
  | 'otherProvinceOfficer'
  | 'kohKongSupervisor'
  | 'otherProvinceSupervisor'
  | 'chinaEmbassy'
  | 'vietnamEmbassy'
  | 'kohKongGovernor'
  | 'otherProvinceGovernor'
  | 'ministryAnalyst'
  | 'admin'
  | 'adminWithoutSecondFactor'
  | 'officerWithOneTimePassword'
  | 'deactivatedSupervisor'
  | 'deactivatedChinaEmbassy'
  | 'deactivatedAdmin'
  | 'userOfDeactivatedOrganisation'
  | 'noSession';

interface ActorProfile {
  role: Role | null;
  organisation: keyof World['organisations'] | null;
  /** False for users whom loadActor must refuse (deactivated user or organisation). */
  isActive: boolean;
  /** A step the user must finish before anything else (lib/auth/action-gate.ts). */
  pendingStep?: PendingStep;
}

const profiles: Record<ActorKind, ActorProfile> = {
  kohKongOfficer: { role: 'police_officer', organisation: 'policeKohKong', isActive: true },
  otherProvinceOfficer: { role: 'police_officer', organisation: 'policeSihanoukville', isActive: true },
  kohKongSupervisor: { role: 'police_supervisor', organisation: 'policeKohKong', isActive: true },
  otherProvinceSupervisor: { role: 'police_supervisor', organisation: 'policeSihanoukville', isActive: true },
  chinaEmbassy: { role: 'embassy_liaison', organisation: 'embassyChina', isActive: true },
  vietnamEmbassy: { role: 'embassy_liaison', organisation: 'embassyVietnam', isActive: true },
  kohKongGovernor: { role: 'governor_viewer', organisation: 'governorKohKong', isActive: true },
  otherProvinceGovernor: { role: 'governor_viewer', organisation: 'governorSihanoukville', isActive: true },
  ministryAnalyst: { role: 'ministry_analyst', organisation: 'ministry', isActive: true },
  admin: { role: 'admin', organisation: 'platform', isActive: true },
  adminWithoutSecondFactor: { role: 'admin', organisation: 'platform', isActive: true, pendingStep: 'set_up_second_factor' },
  officerWithOneTimePassword: { role: 'police_officer', organisation: 'policeKohKong', isActive: true, pendingStep: 'change_password' },
  deactivatedSupervisor: { role: 'police_supervisor', organisation: 'policeKohKong', isActive: false },
  deactivatedChinaEmbassy: { role: 'embassy_liaison', organisation: 'embassyChina', isActive: false },
  deactivatedAdmin: { role: 'admin', organisation: 'platform', isActive: false },
  userOfDeactivatedOrganisation: { role: 'police_supervisor', organisation: 'closedPoliceKohKong', isActive: true },
  noSession: { role: null, organisation: null, isActive: false },
};
const actorKinds = Object.keys(profiles) as ActorKind[];

/** What the matrix says this kind of actor may do to the Koh Kong case with Chinese nationals. */
function isAllowed(entry: ActionEntry, kind: ActorKind): boolean {
  const { access } = entry;
  const profile = profiles[kind];
  const organisation = profile.organisation ? world.organisations[profile.organisation] : null;
  if (access.kind === 'public') return true;
  if (!profile.role || !profile.isActive || !organisation?.isActive) return false;
  if (profile.pendingStep && !entry.allowedDuring?.includes(profile.pendingStep)) return false;
  if (!rolesAllowed(access).includes(profile.role)) return false;
  const inProvince = organisation.provinceCode === 'KKG';
  const forNationals = organisation.countryCode === 'CN';
  switch (access.scope) {
    case 'own-province':
      return inProvince;
    case 'own-embassy':
      return forNationals;
    case 'own-province-or-own-embassy':
      return inProvince || forNationals;
    case 'national':
      return profile.role === 'ministry_analyst' || inProvince;
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The data each call works on.

interface World {
  organisations: {
    policeKohKong: Org;
    policeSihanoukville: Org;
    closedPoliceKohKong: Org;
    embassyChina: Org;
    embassyVietnam: Org;
    embassyThailand: Org;
    governorKohKong: Org;
    governorSihanoukville: Org;
    ministry: Org;
    platform: Org;
  };
  /** The Koh Kong officer who records the cases the calls target. */
  caseOwner: Actor;
  /** The admin who issued the invitations the calls use. */
  inviter: Actor;
  /** A liaison officer of China's embassy, who declines the notifications the police then answer. */
  chinaLiaison: Actor;
}
type Org = Awaited<ReturnType<typeof createOrganisation>>;
let world: World;

beforeAll(async () => {
  const [policeKohKong, policeSihanoukville, closedPoliceKohKong, embassyChina, embassyVietnam, embassyThailand, governorKohKong, governorSihanoukville, ministry, platform] =
    await Promise.all([
      createOrganisation({ kind: 'police', provinceCode: 'KKG' }),
      createOrganisation({ kind: 'police', provinceCode: 'PSN' }),
      createOrganisation({ kind: 'police', provinceCode: 'KKG', isActive: false }),
      createOrganisation({ kind: 'embassy', countryCode: 'CN' }),
      createOrganisation({ kind: 'embassy', countryCode: 'VN' }),
      createOrganisation({ kind: 'embassy', countryCode: 'TH' }),
      createOrganisation({ kind: 'governor_office', provinceCode: 'KKG' }),
      createOrganisation({ kind: 'governor_office', provinceCode: 'PSN' }),
      createOrganisation({ kind: 'ministry' }),
      createOrganisation({ kind: 'platform' }),
    ]);
  world = {
    organisations: { policeKohKong, policeSihanoukville, closedPoliceKohKong, embassyChina, embassyVietnam, embassyThailand, governorKohKong, governorSihanoukville, ministry, platform },
    caseOwner: await actorFor(await createUser({ role: 'police_officer', organisationId: policeKohKong.id })),
    inviter: await actorFor(await createUser({ role: 'admin', organisationId: platform.id, totpEnabledAt: new Date() })),
    chinaLiaison: await actorFor(await createUser({ role: 'embassy_liaison', organisationId: embassyChina.id })),
  };
});

/** A fresh Koh Kong case: a detained Chinese suspect (so China's embassy is notified), a Chinese victim, a Khmer witness. */
async function createTargetCase() {
  const suspect = buildPersonInput({ nationality: 'CN', detentionStatus: 'detained', detentionChangedAt: '2026-03-02T10:00', latinName: `Zhang Wei ${uniqueSuffix()}` });
  const victim = buildPersonInput({ nationality: 'CN', roleInCase: 'victim', latinName: `Chen Jie ${uniqueSuffix()}` });
  const witness = buildPersonInput({ nationality: 'KH', roleInCase: 'witness', latinName: `Sok Dara ${uniqueSuffix()}` });
  const input: CreateCaseInput = buildCaseInput({ people: [suspect, victim, witness] });
  const created = await createCase(world.caseOwner, input);
  const people = await getDb().select({ id: casePeople.id, latinName: casePeople.latinName }).from(casePeople).where(eq(casePeople.caseId, created.id));
  const idOf = (name: string) => people.find((person) => person.latinName === name)?.id ?? '';
  const [notification] = await getDb()
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.caseId, created.id), eq(notifications.embassyOrganisationId, world.organisations.embassyChina.id)));
  if (!notification) throw new Error('the target case should notify China');
  return {
    id: created.id,
    referenceNumber: created.referenceNumber,
    input,
    suspect: { ...suspect, id: idOf(suspect.latinName) },
    victim: { ...victim, id: idOf(victim.latinName) },
    witness: { ...witness, id: idOf(witness.latinName) },
    notificationId: notification.id,
  };
}

const organisationForm = (overrides: Record<string, unknown> = {}) => ({
  kind: 'ministry',
  nameEn: `Ministry of Tourism ${uniqueSuffix()}`,
  nameKm: 'ក្រសួងទេសចរណ៍',
  nameZh: '旅游部',
  provinceCode: '',
  countryCode: '',
  ackDeadlineHours: '72',
  detentionAckDeadlineHours: '24',
  ...overrides,
});

// ---------------------------------------------------------------------------------------------------------------
// One scenario per action: a valid input for data made for this call, and how to tell it reached the data.

interface CallContext {
  kind: ActorKind;
  /** The calling user, created for this call (null without a session). */
  userId: string | null;
}

interface Scenario {
  /** A valid input for a fresh target (the same for every actor, so a refusal can only be about the actor). */
  input: (context: CallContext) => Promise<unknown>;
  /**
   * An allowed actor whom a business rule (not access) refuses, with the message: e.g. an admin may not turn
   * off the second factor their role requires. Such a call must change nothing either.
   */
  refusedByRuleFor?: (kind: ActorKind) => string | null;
  /** For read-only actions: whether the answer holds the target's data (a leak when not allowed). */
  reveals?: (data: unknown) => boolean;
  /** An allowed call that writes nothing to the database for this actor (the locale of a visitor: only a cookie). */
  writesNothingFor?: (kind: ActorKind) => boolean;
}

type Target = Awaited<ReturnType<typeof createTargetCase>>;
let target: Target | null = null;
const theCase = async () => (target = await createTargetCase());
/** An honorary consul off CaseBridge, in a province no other post of its country covers (each call a country of its own). */
let missionCalls = 0;
const missionCountries = ['BE', 'CH', 'AT', 'NL', 'PT', 'GR', 'CZ', 'PL', 'IE', 'NZ', 'CA', 'US', 'GB', 'DE', 'FR', 'IT', 'ES', 'AU', 'JP', 'KR', 'IN', 'SG'];
const missionForm = () => ({
  missionType: 'honorary_consul',
  countryCode: missionCountries[missionCalls++ % missionCountries.length],
  nameEn: `Honorary Consul ${uniqueSuffix()}`,
  nameKm: 'កុងស៊ុលកិត្តិយស',
  nameZh: '名誉领事',
  city: 'Siem Reap',
  provinceCodes: ['SRP'],
  email: 'consul@honorary.example',
  phone: '',
  fax: '',
  organisationId: '',
  isActive: true,
});
async function existingMission() {
  const form = missionForm();
  const [mission] = await getDb()
    .insert(foreignMissions)
    .values({ slug: `mission-${uniqueSuffix()}`, missionType: 'honorary_consul', countryCode: form.countryCode!, nameEn: form.nameEn, nameKm: form.nameKm, nameZh: form.nameZh, city: form.city, email: form.email })
    .returning();
  return { ...form, id: mission!.id, version: mission!.version, city: 'Battambang', provinceCodes: ['BTB'] };
}
let consularRuleCalls = 0;
const consularRuleCountries = ['BD', 'NP', 'LK', 'PK', 'UZ', 'KZ', 'MN', 'BT', 'AF', 'IR', 'IQ', 'JO', 'OM', 'QA', 'YE', 'SY', 'LB', 'KW', 'BH', 'AZ', 'GE', 'AM'];
/** A case with a detained Lao national (Laos is off CaseBridge here), its official-notification task, informed or not. */
async function offCaseBridgeTask(options: { informed: boolean }) {
  const created = await createCase(world.caseOwner, buildCaseInput({ people: [buildPersonInput({ nationality: 'LA', detentionStatus: 'detained', detentionChangedAt: '2026-03-02T10:00' })] }));
  const [task] = await getDb().select().from(officialNotifications).where(eq(officialNotifications.caseId, created.id));
  if (!task) throw new Error('the case should have an official-notification task');
  if (!options.informed) return { caseId: created.id, officialNotificationId: task.id, version: task.version };
  const { version } = await recordOfficialNotification(world.caseOwner, { caseId: created.id, officialNotificationId: task.id, version: task.version, method: 'email', informedAt: '2026-03-02T12:00', informedWhom: 'Consular section', reference: '' });
  return { caseId: created.id, officialNotificationId: task.id, version };
}
const targetUser = async (overrides: Partial<typeof users.$inferInsert> = {}) =>
  createUser({ role: 'police_officer', organisationId: world.organisations.policeKohKong.id, ...overrides });
const invitedUser = async () => {
  const user = await targetUser({ mustChangePassword: true });
  const { token } = await getDb().transaction((tx) => issueInvitationIn(tx, user.id, world.inviter.userId));
  return { user, token };
};
/** Gives the calling user an authenticator secret (enabled or only started) and returns a current code. */
async function giveSecondFactor(userId: string | null, options: { enabled: boolean }): Promise<string> {
  const secret = generateTotpSecret();
  if (userId) {
    await getDb()
      .update(users)
      .set({ totpSecret: sealTotpSecret(secret, userId), ...(options.enabled ? { totpEnabledAt: new Date() } : {}) })
      .where(eq(users.id, userId));
  }
  return totpCodeAt(secret, Date.now());
}
const isAdminKind = (kind: ActorKind) => profiles[kind].role === 'admin';

const scenarios: Record<string, Scenario> = {
  'lib/account/actions.ts#changeLocaleAction': {
    input: async () => ({ locale: 'km' }),
    writesNothingFor: (kind) => !profiles[kind].isActive || kind === 'userOfDeactivatedOrganisation',
  },
  'lib/account/actions.ts#changePasswordAction': {
    input: async () => ({ currentPassword: testPassword, newPassword: 'mekong ferry at dawn 2026', confirmPassword: 'mekong ferry at dawn 2026' }),
  },
  'lib/account/actions.ts#signOutEverywhereAction': { input: async () => undefined },
  'lib/account/actions.ts#startSecondFactorSetupAction': {
    input: async () => undefined,
    // An admin who already has a second factor has nothing to set up.
    refusedByRuleFor: (kind) => (kind === 'admin' ? 'twoFactor.errors.alreadyOn' : null),
  },
  'lib/account/actions.ts#confirmSecondFactorSetupAction': {
    input: async ({ userId, kind }) => ({ code: await giveSecondFactor(kind === 'admin' ? null : userId, { enabled: false }) }),
    refusedByRuleFor: (kind) => (kind === 'admin' ? 'twoFactor.errors.alreadyOn' : null),
  },
  'lib/account/actions.ts#turnOffSecondFactorAction': {
    input: async ({ userId, kind }) => ({ code: await giveSecondFactor(profiles[kind].pendingStep === 'set_up_second_factor' ? null : userId, { enabled: true }) }),
    refusedByRuleFor: (kind) => (isAdminKind(kind) ? 'twoFactor.errors.required' : null),
  },
  // A request preference: police and embassies both have it, so every allowed caller gets the same valid input.
  'lib/account/actions.ts#updateMailPreferencesAction': { input: async () => ({ requests: 'daily' }) },
  'lib/account/actions.ts#unsubscribeAction': { input: async () => ({ token: unsubscribeTokenFor((await targetUser()).id, 'requests') }) },
  'lib/invitations/actions.ts#acceptInvitationAction': {
    input: async () => ({ token: (await invitedUser()).token, newPassword: 'tonle sap evening market', confirmPassword: 'tonle sap evening market' }),
  },
  'lib/directory/actions.ts#createOrganisationAction': { input: async () => organisationForm() },
  'lib/directory/actions.ts#updateOrganisationAction': {
    input: async () => {
      const organisation = await createOrganisation({ kind: 'ministry' });
      return { id: organisation.id, version: organisation.version, ...organisationForm() };
    },
  },
  'lib/directory/actions.ts#setOrganisationActiveAction': {
    input: async () => {
      const organisation = await createOrganisation({ kind: 'ministry' });
      return { id: organisation.id, version: organisation.version, isActive: false };
    },
  },
  'lib/directory/actions.ts#createUserAction': {
    input: async () => ({ name: 'New Officer', email: `new-${uniqueSuffix()}@test.example`, role: 'police_officer', organisationId: world.organisations.policeKohKong.id, preferredLocale: 'en', credential: 'one_time_password' }),
  },
  'lib/directory/actions.ts#updateUserAction': {
    input: async () => {
      const user = await targetUser();
      return { id: user.id, version: user.version, name: 'Renamed Officer', email: user.email, role: user.role, organisationId: user.organisationId, preferredLocale: 'km' };
    },
  },
  'lib/directory/actions.ts#setUserActiveAction': {
    input: async () => {
      const user = await targetUser();
      return { id: user.id, version: user.version, isActive: false };
    },
  },
  'lib/directory/actions.ts#unlockUserAction': {
    input: async () => {
      const user = await targetUser({ failedSignInCount: 10, lockedUntil: new Date(Date.now() + 3_600_000) });
      return { id: user.id, version: user.version };
    },
  },
  'lib/directory/actions.ts#resetUserPasswordAction': {
    input: async () => {
      const user = await targetUser();
      return { id: user.id, version: user.version };
    },
  },
  'lib/invitations/actions.ts#reissueInvitationAction': {
    // E-mailed: the delivery and its outbox message are written in the same transaction, or not at all.
    input: async () => {
      const user = await targetUser();
      return { id: user.id, version: user.version, sendByEmail: true };
    },
  },
  'lib/invitations/actions.ts#revokeInvitationAction': {
    input: async () => {
      const { user } = await invitedUser();
      return { id: user.id, version: user.version };
    },
  },
  'lib/directory/actions.ts#resetUserSecondFactorAction': {
    input: async () => {
      const user = await targetUser({ totpEnabledAt: new Date(), totpSecret: 'sealed elsewhere' });
      return { id: user.id, version: user.version };
    },
  },
  'lib/jobs/actions.ts#retryFailedJobAction': { input: async () => createFailedJob() },
  'lib/api-keys/actions.ts#createApiKeyAction': {
    input: async () => ({ organisationId: world.organisations.policeKohKong.id, name: 'Provincial records', scopes: ['cases:read'], expiresInDays: 30 }),
  },
  'lib/api-keys/actions.ts#revokeApiKeyAction': {
    input: async () => {
      const created = await createApiKey(world.inviter, { organisationId: world.organisations.policeKohKong.id, name: 'To revoke', scopes: ['cases:read'], expiresInDays: 30 });
      return { id: created.id };
    },
  },
  // A public address literal: it passes the server-side request forgery rules without a DNS lookup.
  'lib/webhooks/actions.ts#registerWebhookEndpointAction': {
    input: async () => ({ organisationId: world.organisations.embassyChina.id, url: 'https://93.184.215.14/hooks', events: ['notification.created'] }),
  },
  'lib/webhooks/actions.ts#rotateWebhookSecretAction': { input: async () => ({ id: (await webhookEndpoint()).id, version: 1 }) },
  'lib/webhooks/actions.ts#setWebhookEndpointEnabledAction': { input: async () => ({ id: (await webhookEndpoint()).id, version: 1, enabled: false }) },
  'lib/webhooks/actions.ts#redeliverWebhookAction': {
    input: async () => {
      const endpoint = await webhookEndpoint();
      const now = new Date();
      const [delivery] = await getDb()
        .insert(webhookDeliveries)
        .values({ endpointId: endpoint.id, eventId: crypto.randomUUID(), eventType: 'notification.created', payload: {}, status: 'delivered', attemptCount: 1, deliveredAt: now, retryUntil: now })
        .returning({ id: webhookDeliveries.id });
      return { deliveryId: delivery!.id };
    },
  },
  'lib/cooperation/actions.ts#recordCooperationActionAction': {
    input: async () => ({
      caseId: (await theCase()).id,
      embassyOrganisationId: world.organisations.embassyChina.id,
      actionType: 'consular_visit',
      status: 'requested',
      actionDate: '2026-03-05',
      description: 'Visit to the detained national.',
      handlingCode: 'H0',
      handlingNote: '',
      respondsToId: '',
    }),
  },
  'lib/cooperation/actions.ts#updateCooperationActionStatusAction': {
    input: async () => {
      const { id: caseId } = await theCase();
      const action = await recordCooperationAction(world.caseOwner, {
        caseId,
        embassyOrganisationId: world.organisations.embassyChina.id,
        actionType: 'consular_visit',
        status: 'requested',
        actionDate: '2026-03-05',
        description: 'Visit requested.',
        handlingCode: 'H0',
        handlingNote: '',
        respondsToId: '',
      });
      return { actionId: action.id, version: 1, status: 'in_progress' };
    },
  },
  'lib/cooperation/actions.ts#postCaseMessageAction': {
    input: async () => ({ caseId: (await theCase()).id, embassyOrganisationId: world.organisations.embassyChina.id, body: 'Please confirm the passport details.', handlingCode: 'H0', handlingNote: '' }),
  },
  'lib/notifications/actions.ts#acknowledgeNotificationAction': {
    input: async () => ({ notificationId: (await theCase()).notificationId, note: 'Received; a consul will visit.' }),
  },
  'lib/notifications/actions.ts#declineNotificationAction': {
    input: async () => ({ notificationId: (await theCase()).notificationId, reason: 'not_our_national', note: 'Passport checked: issued elsewhere.' }),
  },
  'lib/notifications/actions.ts#redirectNotificationAction': {
    input: async () => {
      const { notificationId } = await theCase();
      // A post of China's made after the case, so it does not have the case yet.
      const post = await createOnCaseBridgeMission({ countryCode: 'CN', missionType: 'consulate_general' });
      return { notificationId, targetOrganisationId: post.organisationId, note: '' };
    },
  },
  'lib/notifications/actions.ts#confirmNationalityAction': {
    input: async () => {
      const { notificationId } = await theCase();
      await declineNotification(world.chinaLiaison, { notificationId, reason: 'not_our_national', note: '' });
      return { notificationId, note: 'The passport is Chinese.' };
    },
  },
  'lib/cases/actions.ts#createCaseAction': {
    // Always into Koh Kong: an officer of another province may record cases only in their own.
    input: async () => buildCaseInput({ provinceCode: 'KKG', people: [buildPersonInput({ nationality: 'CN' })] }),
  },
  'lib/cases/actions.ts#updateCaseAction': {
    input: async () => {
      const record = await theCase();
      return { caseId: record.id, version: 1, details: { ...record.input, title: `Edited ${uniqueSuffix()}`, people: [record.suspect, record.victim, record.witness] } };
    },
  },
  'lib/cases/actions.ts#changeCaseStatusAction': {
    input: async () => ({ caseId: (await theCase()).id, version: 1, status: 'under_investigation', closureReason: '' }),
  },
  'lib/cases/actions.ts#assignCaseAction': {
    input: async () => ({ caseId: (await theCase()).id, version: 1, assigneeId: world.caseOwner.userId }),
  },
  'lib/cases/actions.ts#addCaseNoteAction': {
    input: async () => ({ caseId: (await theCase()).id, body: 'Interpreter booked for tomorrow.' }),
  },
  'lib/cases/actions.ts#findPossibleMatchesAction': {
    input: async () => ({ name: (await theCase()).suspect.latinName }),
    reveals: (data) => JSON.stringify(data).includes(target?.id ?? 'no target') || JSON.stringify(data).includes(target?.referenceNumber ?? 'no target'),
  },
  'lib/notifications/actions.ts#notifyEmbassyManuallyAction': {
    input: async () => ({ caseId: (await theCase()).id, embassyOrganisationId: world.organisations.embassyThailand.id, reason: 'The witness may hold Thai nationality.' }),
  },
  'lib/disclosure/actions.ts#recordConsentAction': {
    input: async () => {
      const record = await theCase();
      return { caseId: record.id, personId: record.victim.id, consent: 'yes' };
    },
  },
  'lib/consular/actions.ts#recordOfficialNotificationAction': {
    input: async () => ({ ...(await offCaseBridgeTask({ informed: false })), method: 'diplomatic_note_via_mfa', informedAt: '2026-03-02T15:00', informedWhom: 'Embassy of Laos', reference: 'MFA/1' }),
  },
  'lib/consular/actions.ts#recordOfficialAnswerAction': {
    input: async () => ({ ...(await offCaseBridgeTask({ informed: true })), answeredAt: '2026-03-03T09:00', answer: 'A consul will visit.' }),
  },
  'lib/consular/actions.ts#decideDualNationalAction': {
    input: async () => {
      const created = await createCase(world.caseOwner, buildCaseInput({ people: [buildPersonInput({ nationality: 'KH', otherNationalities: ['VN'], detentionStatus: 'detained', detentionChangedAt: '2026-03-02T10:00' })] }));
      const [person] = await getDb().select({ id: casePeople.id }).from(casePeople).where(eq(casePeople.caseId, created.id));
      return { caseId: created.id, personId: person?.id, decision: 'notify' };
    },
  },
  'lib/consular/actions.ts#recordFollowUpAction': {
    input: async () => {
      const record = await theCase();
      return { caseId: record.id, personId: record.suspect.id, kind: 'hospitalised', occurredAt: '2026-03-03T04:00' };
    },
  },
  'lib/consular/actions.ts#setConsularRuleAction': {
    // A country of its own per call: a new rule is version 0.
    input: async () => ({ countryCode: consularRuleCountries[consularRuleCalls++ % consularRuleCountries.length], mandatoryNotification: true, version: 0 }),
  },
  'lib/missions/actions.ts#createMissionAction': { input: async () => missionForm() },
  'lib/missions/actions.ts#updateMissionAction': { input: existingMission },
  'lib/disclosure/actions.ts#overrideDisclosureAction': {
    input: async () => {
      const record = await theCase();
      return { caseId: record.id, personId: record.victim.id, justification: 'Imminent risk to life: the embassy must arrange repatriation now.' };
    },
  },
};

/** A fresh endpoint of the Chinese embassy, at version 1. */
async function webhookEndpoint(): Promise<typeof webhookEndpoints.$inferSelect> {
  const { id } = await registerWebhookEndpoint(world.inviter, { organisationId: world.organisations.embassyChina.id, url: 'https://93.184.215.14/hooks', events: ['notification.created'] }, { allowLoopbackHttp: false });
  const [endpoint] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return endpoint!;
}

// ---------------------------------------------------------------------------------------------------------------
// Observing the database.

/** A digest of every row of every table: any write, anywhere, changes it. */
async function databaseDigest(): Promise<string> {
  const db = getDb();
  const tables = (await db.execute<{ name: string }>(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)) as unknown;
  const names = rowsOf<{ name: string }>(tables).map((row) => row.name);
  const digests: string[] = [];
  for (const name of names) {
    const result = await db.execute(sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${sql.identifier(name)} t`);
    digests.push(`${name}:${rowsOf<{ digest: string }>(result)[0]?.digest}`);
  }
  return digests.join(',');
}

/** postgres-js returns the rows as the result; PGlite wraps them in `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

async function auditEntries(): Promise<number> {
  const [row] = await getDb().select({ total: count() }).from(auditLog);
  return row?.total ?? 0;
}

async function signInAs(kind: ActorKind): Promise<string | null> {
  const profile = profiles[kind];
  if (!profile.role || !profile.organisation) {
    session.user = null;
    return null;
  }
  const user = await createUser({
    role: profile.role,
    organisationId: world.organisations[profile.organisation].id,
    isActive: profile.isActive,
    preferredLocale: 'en',
    mustChangePassword: profile.pendingStep === 'change_password',
    // Admins must have a second factor to act at all; the one kind without it shows the gate.
    totpEnabledAt: profile.role === 'admin' && profile.pendingStep !== 'set_up_second_factor' ? new Date() : null,
  });
  session.user = { id: user.id, sessionVersion: user.sessionVersion };
  return user.id;
}

type Outcome = { ok: true; data?: unknown } | { ok: false; message: string; fieldErrors?: unknown };

// ---------------------------------------------------------------------------------------------------------------

describe('every server action as every kind of actor', () => {
  it('has a scenario for every action of the matrix, and none for actions it does not list', () => {
    const listed = actionEntries.map((entry) => `${entry.file}#${entry.name}`).sort();
    expect(Object.keys(scenarios).sort()).toEqual(listed);
    expect(Object.keys(actionModules).sort()).toEqual([...new Set(actionEntries.map((entry) => entry.file))].sort());
  });

  describe.each(actionEntries.map((entry) => [`${entry.file}#${entry.name}`, entry] as [string, ActionEntry]))('%s', (key, entry) => {
    it.each(actorKinds)('as %s', async (kind) => {
      const scenario = scenarios[key];
      const action = actionModules[entry.file]?.[entry.name];
      if (!scenario || typeof action !== 'function') throw new Error(`no scenario or export for ${key}`);
      target = null;
      cookieJar.set = [];
      const userId = await signInAs(kind);
      const input = await scenario.input({ kind, userId });
      const allowed = isAllowed(entry, kind);
      const ruleRefusal = allowed ? (scenario.refusedByRuleFor?.(kind) ?? null) : null;
      const before = await databaseDigest();
      const auditBefore = await auditEntries();

      const result = (await (action as (input: unknown) => Promise<Outcome>)(input)) as Outcome;
      const after = await databaseDigest();

      expect(result.ok ? 'ok' : `refused: ${result.message}`, `${key} as ${kind}: ${JSON.stringify(result)}`).not.toBe('refused: errors.unexpected');
      if (scenario.reveals) {
        // A read: allowed roles get the target back; others are refused or get an answer without it.
        expect(result.ok && scenario.reveals(result.data), `${key} as ${kind} reveals the target`).toBe(allowed);
        expect(after, 'a read writes nothing').toBe(before);
        return;
      }
      if (ruleRefusal) {
        expect(result, `${key} as ${kind} is refused by a rule`).toMatchObject({ ok: false, message: ruleRefusal });
        expect(after, `${key} as ${kind} changed nothing`).toBe(before);
      } else if (allowed) {
        expect(result, `${key} as ${kind} should be allowed: ${JSON.stringify(result)}`).toMatchObject({ ok: true });
        if (scenario.writesNothingFor?.(kind)) {
          expect(after).toBe(before);
        } else {
          expect(after, `${key} as ${kind} changed the data`).not.toBe(before);
          expect(await auditEntries(), 'audited').toBeGreaterThan(auditBefore);
        }
      } else {
        expect(result, `${key} as ${kind} should be refused`).toMatchObject({ ok: false });
        expect(after, `${key} as ${kind} changed nothing`).toBe(before);
      }
    });
  });
});
