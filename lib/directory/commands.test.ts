import { and, desc, eq, like } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, foreignMissions, users } from '@/db/schema';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { loadActor } from '@/lib/auth/load-actor';

import { authenticate } from '@/lib/auth/sign-in';
import { withRequestContext } from '@/lib/audit/request-context';
import { actorFor, createOrganisation as createTestOrganisation, createUser, uniqueSuffix, requestFrom } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import {
  createOrganisation,
  createUserAccount,
  resetUserPassword,
  setOrganisationActive,
  setUserActive,
  unlockUser,
  updateOrganisation,
  updateUserAccount,
} from './commands';
import { getOrganisationForAdmin, getUserForAdmin, listUsers } from './queries';
import { parseFilters } from '@/lib/search-params';
import { createOrganisationSchema, createUserSchema, listUsersQueryFields, listUsersQuerySchema, updateOrganisationSchema } from './schemas';
import { isDomainError } from '@/lib/domain-error';

vi.mock('next-auth', () => ({ getServerSession: vi.fn() }));

withTestDatabase();

async function adminActor() {
  const platform = await createTestOrganisation({ kind: 'platform' });
  return actorFor(await createUser({ role: 'admin', organisationId: platform.id }));
}

/** The latest entry an admin action (not a sign-in) wrote about the record. */
async function lastAuditEntry(entityId: string) {
  const [entry] = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, entityId), like(auditLog.action, 'admin.%')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return entry;
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isDomainError(error, 'invalid')) throw new Error(`expected an invalid-input DomainError, got ${String(error)}`);
  return error.fieldErrors;
}

const embassyInput = (countryCode: string) => ({
  kind: 'embassy' as const,
  nameEn: `Embassy ${uniqueSuffix()}`,
  nameKm: 'ស្ថានទូត',
  nameZh: '大使馆',
  provinceCode: '',
  countryCode,
  ackDeadlineHours: '48',
  detentionAckDeadlineHours: '12',
});

describe('organisation administration', () => {
  it('refuses every role but admin, as "not found"', async () => {
    const officer = await actorFor(await createUser({ role: 'police_officer' }));
    await expect(createOrganisation(officer, embassyInput('FR'))).rejects.toMatchObject({ kind: 'not_found' });
    await expect(listUsers(officer, listUsersQuerySchema.parse({}))).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('creates an embassy with its deadlines, audited in the same transaction', async () => {
    const admin = await adminActor();
    const { id } = await withRequestContext(requestFrom('192.0.2.10'), () => createOrganisation(admin, embassyInput('FR')));
    const created = await getOrganisationForAdmin(admin, id);
    expect(created).toMatchObject({ kind: 'embassy', countryCode: 'FR', provinceCode: null, ackDeadlineHours: 48, detentionAckDeadlineHours: 12, slug: 'embassy-fr' });
    expect(await lastAuditEntry(id)).toMatchObject({ action: 'admin.organisation.create', actorUserId: admin.userId, ipAddress: '192.0.2.10' });
  });

  it('makes a country’s first embassy-kind organisation its embassy in the directory; a second one is a post, linked later', async () => {
    const admin = await adminActor();
    const embassy = await createOrganisation(admin, embassyInput('NZ'));
    const missionsOfNewZealand = () => getDb().select().from(foreignMissions).where(eq(foreignMissions.countryCode, 'NZ'));
    expect(await missionsOfNewZealand()).toEqual([
      expect.objectContaining({ missionType: 'embassy', organisationId: embassy.id, city: 'Phnom Penh', slug: 'embassy-nz', isActive: true }),
    ]);
    const [mission] = await missionsOfNewZealand();
    expect((await lastAuditEntry(embassy.id))?.details).toMatchObject({ embassyMissionId: mission?.id });
    // Posts are embassy-kind organisations of the same country: no longer refused, and not a second embassy.
    const post = await createOrganisation(admin, embassyInput('NZ'));
    expect(await getOrganisationForAdmin(admin, post.id)).toMatchObject({ countryCode: 'NZ', slug: 'embassy-nz-2' });
    expect(await missionsOfNewZealand()).toHaveLength(1);
    // The embassy's organisation is its mission's: its country cannot change under it.
    const loaded = await getOrganisationForAdmin(admin, embassy.id);
    expect(await fieldErrorsOf(updateOrganisation(admin, { ...embassyInput('AU'), nameEn: loaded.names.en, id: embassy.id, version: loaded.version }))).toEqual({
      countryCode: ['admin.validation.countryOfMission'],
    });
  });

  it('validates province, country and deadlines in the shared schema', () => {
    const police = createOrganisationSchema.safeParse({ ...embassyInput(''), kind: 'police', provinceCode: '' });
    expect(police.success).toBe(false);
    expect(police.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['provinceCode', 'admin.validation.provinceRequired']]);
    const embassy = createOrganisationSchema.safeParse({ ...embassyInput('ZZ'), ackDeadlineHours: '0', detentionAckDeadlineHours: '800' });
    // Every field's problem at once, without a misleading comparison between two invalid numbers.
    expect(embassy.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['ackDeadlineHours', 'countryCode', 'detentionAckDeadlineHours']);
    const longer = createOrganisationSchema.safeParse({ ...embassyInput('DE'), ackDeadlineHours: '24', detentionAckDeadlineHours: '48' });
    expect(longer.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['detentionAckDeadlineHours', 'admin.validation.detentionDeadline']]);
  });

  it('edits an embassy deadline with optimistic concurrency, and refuses a change of kind', async () => {
    const admin = await adminActor();
    const { id } = await createOrganisation(admin, embassyInput('BE'));
    const loaded = await getOrganisationForAdmin(admin, id);
    const form = { ...embassyInput('BE'), id, version: loaded.version, nameEn: loaded.names.en, ackDeadlineHours: '96', detentionAckDeadlineHours: '6' };
    expect(updateOrganisationSchema.safeParse(form).success).toBe(true);
    const { version } = await updateOrganisation(admin, form);
    expect(version).toBe(loaded.version + 1);
    expect(await getOrganisationForAdmin(admin, id)).toMatchObject({ ackDeadlineHours: 96, detentionAckDeadlineHours: 6 });
    const entry = await lastAuditEntry(id);
    expect(entry?.details).toMatchObject({ changes: { ackDeadlineHours: { from: 48, to: 96 }, detentionAckDeadlineHours: { from: 12, to: 6 } } });

    // A second admin who loaded the old version is refused, and nothing changes.
    await expect(updateOrganisation(admin, { ...form, ackDeadlineHours: '100' })).rejects.toMatchObject({ kind: 'conflict' });
    expect((await getOrganisationForAdmin(admin, id)).ackDeadlineHours).toBe(96);
    expect(await fieldErrorsOf(updateOrganisation(admin, { ...form, version, kind: 'ministry' }))).toEqual({ kind: ['admin.validation.kindFixed'] });
  });

  it('deactivates an organisation, which ends its members\u2019 sessions, but never the admin\u2019s own', async () => {
    const admin = await adminActor();
    const member = await createUser({ role: 'police_officer' });
    expect(await loadActor(member.id, member.sessionVersion)).not.toBeNull();
    const organisation = await getOrganisationForAdmin(admin, member.organisationId);
    await setOrganisationActive(admin, { id: organisation.id, version: organisation.version, isActive: false });
    expect(await loadActor(member.id, member.sessionVersion)).toBeNull();
    expect((await lastAuditEntry(organisation.id))?.action).toBe('admin.organisation.deactivate');
    await setOrganisationActive(admin, { id: organisation.id, version: organisation.version + 1, isActive: true });
    expect(await loadActor(member.id, member.sessionVersion)).not.toBeNull();

    const own = await getOrganisationForAdmin(admin, admin.organisationId);
    expect(await fieldErrorsOf(setOrganisationActive(admin, { id: own.id, version: own.version, isActive: false }))).toEqual({
      _form: ['admin.validation.notOwnOrganisation'],
    });
  });
});

describe('user administration', () => {
  async function newAccount(admin: Awaited<ReturnType<typeof adminActor>>, organisationId: string, role: 'police_officer' | 'police_supervisor' = 'police_officer') {
    const input = createUserSchema.parse({ name: 'Srey Pov', email: `srey.pov.${uniqueSuffix()}@kkg.police.test`, role, organisationId, preferredLocale: 'km', credential: 'one_time_password' });
    const created = await withRequestContext(requestFrom('192.0.2.11'), () => createUserAccount(admin, input));
    if (created.credential !== 'one_time_password') throw new Error('expected a one-time password');
    return { input, id: created.id, oneTimePassword: created.oneTimePassword };
  }

  it('creates an account with a one-time password that signs in and must be changed', async () => {
    const admin = await adminActor();
    const police = await createTestOrganisation({ kind: 'police' });
    const { id, oneTimePassword, input } = await newAccount(admin, police.id);
    expect(oneTimePassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const signedIn = await authenticate({ email: input.email, password: oneTimePassword }, requestFrom(null));
    expect(signedIn.ok).toBe(true);
    const actor = await loadActor(id, 1);
    expect(actor).toMatchObject({ mustChangePassword: true, locale: 'km', role: 'police_officer' });
    const entry = await lastAuditEntry(id);
    expect(entry).toMatchObject({ action: 'admin.user.create' });
    expect(JSON.stringify(entry?.details)).not.toContain(oneTimePassword);
    // The e-mail is unique whatever its case.
    expect(await fieldErrorsOf(createUserAccount(admin, { ...input, email: input.email.toUpperCase() }))).toEqual({ email: ['admin.validation.emailTaken'] });
  });

  it('refuses a role that does not fit the organisation, writing nothing', async () => {
    const admin = await adminActor();
    const embassy = await createTestOrganisation({ kind: 'embassy', countryCode: 'PT' });
    const email = `wrong.role.${uniqueSuffix()}@test.example`;
    const input = createUserSchema.parse({ name: 'Wrong Role', email, role: 'police_officer', organisationId: embassy.id, preferredLocale: 'en', credential: 'one_time_password' });
    expect(await fieldErrorsOf(createUserAccount(admin, input))).toEqual({ role: ['admin.validation.roleDoesNotFit'] });
    expect(await getDb().select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it('ends existing sessions when the role or organisation changes, but not for a new name', async () => {
    const admin = await adminActor();
    const police = await createTestOrganisation({ kind: 'police' });
    const { id, input } = await newAccount(admin, police.id);
    let user = await getUserForAdmin(admin, id);
    const renamed = await updateUserAccount(admin, { ...input, id, version: user.version, name: 'Srey Pov Chan' });
    expect(await loadActor(id, 1)).not.toBeNull();
    const promoted = await updateUserAccount(admin, { ...input, id, version: renamed.version, name: 'Srey Pov Chan', role: 'police_supervisor' });
    expect(await loadActor(id, 1)).toBeNull();
    expect(await loadActor(id, 2)).toMatchObject({ role: 'police_supervisor', name: 'Srey Pov Chan' });
    user = await getUserForAdmin(admin, id);
    expect(user.version).toBe(promoted.version);
    expect((await lastAuditEntry(id))?.details).toMatchObject({ changes: { role: { from: 'police_officer', to: 'police_supervisor' } }, sessionsEnded: true });
    // Stale version: refused.
    await expect(updateUserAccount(admin, { ...input, id, version: renamed.version })).rejects.toMatchObject({ kind: 'conflict' });
    // An admin cannot change their own role.
    const self = await getUserForAdmin(admin, admin.userId);
    expect(
      await fieldErrorsOf(
        updateUserAccount(admin, { id: self.id, version: self.version, name: self.name, email: self.email, role: 'police_officer', organisationId: police.id, preferredLocale: 'en' }),
      ),
    ).toEqual({ role: ['admin.validation.notYourself'] });
  });

  it('deactivates (ending sessions), reactivates, unlocks and resets a password, each audited', async () => {
    const admin = await adminActor();
    const police = await createTestOrganisation({ kind: 'police' });
    const { id, input } = await newAccount(admin, police.id);
    let { version } = await getUserForAdmin(admin, id);

    ({ version } = await setUserActive(admin, { id, version, isActive: false }));
    expect(await loadActor(id, 1)).toBeNull();
    expect(await loadActor(id, 2)).toBeNull();
    ({ version } = await setUserActive(admin, { id, version, isActive: true }));
    expect(await loadActor(id, 2)).not.toBeNull();

    for (let attempt = 0; attempt < 5; attempt++) await authenticate({ email: input.email, password: `wrong password ${attempt}` }, requestFrom(null));
    expect((await getUserForAdmin(admin, id)).isLocked).toBe(true);
    ({ version } = await unlockUser(admin, { id, version }));
    expect(await getUserForAdmin(admin, id)).toMatchObject({ isLocked: false, failedSignInCount: 0, lockedUntil: null });

    const reset = await resetUserPassword(admin, { id, version });
    expect(await loadActor(id, 2)).toBeNull();
    expect((await authenticate({ email: input.email, password: reset.oneTimePassword }, requestFrom(null))).ok).toBe(true);
    expect((await getUserForAdmin(admin, id)).mustChangePassword).toBe(true);

    const actions = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.actorUserId, admin.userId)))
      .orderBy(auditLog.id);
    expect(actions.map((entry) => entry.action)).toEqual([
      'admin.user.create',
      'admin.user.deactivate',
      'admin.user.reactivate',
      'admin.user.unlock',
      'admin.user.reset_password',
    ]);
    expect(await fieldErrorsOf(setUserActive(admin, { id: admin.userId, version: 1, isActive: false }))).toEqual({ _form: ['admin.validation.notYourself'] });
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: true });
  });

  it('lists users with filters and pages', async () => {
    const admin = await adminActor();
    const police = await createTestOrganisation({ kind: 'police' });
    for (let index = 0; index < 27; index++) await newAccount(admin, police.id, index % 3 === 0 ? 'police_supervisor' : 'police_officer');
    const all = await listUsers(admin, listUsersQuerySchema.parse({ organisationId: police.id }));
    expect(all).toMatchObject({ total: 27, page: 1, pageCount: 2 });
    expect(all.users).toHaveLength(25);
    const second = await listUsers(admin, listUsersQuerySchema.parse({ organisationId: police.id, page: '2' }));
    expect(second.users).toHaveLength(2);
    const supervisors = await listUsers(admin, listUsersQuerySchema.parse({ organisationId: police.id, role: 'police_supervisor' }));
    expect(supervisors.total).toBe(9);
    const searched = await listUsers(admin, listUsersQuerySchema.parse({ q: all.users[0]?.email }));
    expect(searched.users.map((user) => user.id)).toEqual([all.users[0]?.id]);
    expect((await listUsers(admin, listUsersQuerySchema.parse({ q: '%' }))).total).toBe(0);
    // Nonsense in the URL falls back to defaults instead of failing.
    expect(parseFilters(listUsersQueryFields, { status: 'nope', page: '-3', role: 'king' })).toEqual({
      filters: { q: '', organisationId: '', role: '', status: 'all', page: 1 },
      notUnderstood: ['role', 'status', 'page'],
    });
  });
});
