import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, organisations, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { actorFor, buildCaseInput, createOrganisation, createUser, enrolSecondFactor, testPassword, requestFrom } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { loadActor } from './load-actor';
import { authenticate, maxFailedSignIns } from './sign-in';
import { totpCodeAt } from './totp';

// Server actions as the browser calls them: Next's session and request are stubbed.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/auth/session', () => ({ getActor: async () => session.actor }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '192.0.2.44', 'user-agent': 'vitest' }) }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn() }));

const { changePasswordAction, confirmSecondFactorSetupAction, startSecondFactorSetupAction, turnOffSecondFactorAction } = await import('@/lib/account/actions');
const { createOrganisationAction, resetUserSecondFactorAction } = await import('@/lib/directory/actions');
const { createCaseAction } = await import('@/lib/cases/actions');

withTestDatabase();

async function signInAuditReasons(userId: string) {
  const entries = await getDb()
    .select({ outcome: auditLog.outcome, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.entityId, userId), eq(auditLog.action, 'auth.sign_in')))
    .orderBy(auditLog.id);
  return entries.map((entry) => [entry.outcome, (entry.details as { reason?: string } | null)?.reason ?? null]);
}

async function userRow(id: string) {
  const [row] = await getDb().select().from(users).where(eq(users.id, id));
  if (!row) throw new Error('no user');
  return row;
}

/** A code of a step no earlier than any used so far: the current one, or the next (within the window). */
function codeAt(secret: string, offsetSteps = 0) {
  return totpCodeAt(secret, Date.now() + offsetSteps * 30_000);
}

describe('signing in with two-step sign-in', () => {
  it('asks for the code only after the right password, and signs in with it', async () => {
    const user = await enrolSecondFactor(await createUser({ role: 'embassy_liaison' }));
    const credentials = { email: user.email, password: testPassword };

    expect(await authenticate({ ...credentials, password: 'not the password at all' }, requestFrom(null))).toEqual({ ok: false, reason: 'invalid_credentials' });
    // A code does not help a wrong password, and the answer says nothing about the code.
    expect(await authenticate({ ...credentials, password: 'not the password at all', code: codeAt(user.plainTotpSecret) }, requestFrom(null))).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(await authenticate(credentials, requestFrom(null))).toEqual({ ok: false, reason: 'code_required' });
    expect(await authenticate({ ...credentials, code: '' }, requestFrom(null))).toEqual({ ok: false, reason: 'code_required' });
    expect(await authenticate({ ...credentials, code: codeAt(user.plainTotpSecret) }, requestFrom(null))).toEqual({ ok: true, userId: user.id, sessionVersion: user.sessionVersion });
    expect((await userRow(user.id)).failedSignInCount).toBe(0);
    expect(await signInAuditReasons(user.id)).toEqual([
      ['failure', 'wrong_password'],
      ['failure', 'wrong_password'],
      ['denied', 'second_factor_required'],
      ['denied', 'second_factor_required'],
      ['success', null],
    ]);
  });

  it('refuses the same code twice (replay), and a wrong code, each counted and audited', async () => {
    const user = await enrolSecondFactor(await createUser({ role: 'police_officer' }));
    const code = codeAt(user.plainTotpSecret);
    expect((await authenticate({ email: user.email, password: testPassword, code }, requestFrom(null))).ok).toBe(true);
    expect(await authenticate({ email: user.email, password: testPassword, code }, requestFrom(null))).toEqual({ ok: false, reason: 'invalid_code' });
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await authenticate({ email: user.email, password: testPassword, code: wrong }, requestFrom(null))).toEqual({ ok: false, reason: 'invalid_code' });
    expect((await userRow(user.id)).failedSignInCount).toBe(2);
    expect(await signInAuditReasons(user.id)).toEqual([
      ['success', null],
      ['failure', 'reused_code'],
      ['failure', 'wrong_code'],
    ]);
    // The next step's code still works and clears the count.
    expect((await authenticate({ email: user.email, password: testPassword, code: codeAt(user.plainTotpSecret, 1) }, requestFrom(null))).ok).toBe(true);
    expect((await userRow(user.id)).failedSignInCount).toBe(0);
  });

  it(`locks the account after ${maxFailedSignIns} wrong codes, like wrong passwords`, async () => {
    const user = await enrolSecondFactor(await createUser({ role: 'police_officer' }));
    const code = codeAt(user.plainTotpSecret);
    const wrong = code === '000000' ? '111111' : '000000';
    const results = [];
    for (let attempt = 0; attempt < maxFailedSignIns; attempt++) results.push((await authenticate({ email: user.email, password: testPassword, code: wrong }, requestFrom(null))).ok ? 'ok' : 'refused');
    expect(await authenticate({ email: user.email, password: testPassword, code }, requestFrom(null))).toEqual({ ok: false, reason: 'locked' });
    expect(results).toEqual(['refused', 'refused', 'refused', 'refused', 'refused']);
    expect((await userRow(user.id)).lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it('refuses a code format that is not six digits before anything is checked', async () => {
    const user = await enrolSecondFactor(await createUser({ role: 'police_officer' }));
    expect(await authenticate({ email: user.email, password: testPassword, code: '12ab56' }, requestFrom(null))).toEqual({ ok: false, reason: 'invalid_input' });
    expect((await userRow(user.id)).failedSignInCount).toBe(0);
  });

  it('leaves users without a second factor signing in with the password alone', async () => {
    const user = await createUser({ role: 'police_officer' });
    expect(await authenticate({ email: user.email, password: testPassword }, requestFrom(null))).toEqual({ ok: true, userId: user.id, sessionVersion: user.sessionVersion });
  });
});

describe('setting up and turning off two-step sign-in', () => {
  it('stores an encrypted secret, turns it on only with a current code, and needs a code to turn it off', async () => {
    const user = await createUser({ role: 'police_officer' });
    session.actor = await actorFor(user);
    const started = await startSecondFactorSetupAction();
    if (!started.ok) throw new Error(started.message);
    const { secret, otpauthUri, qrCodeDataUrl } = started.data;
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const pending = await userRow(user.id);
    expect(pending.totpSecret).toBeTruthy();
    expect(pending.totpSecret).not.toContain(secret);
    expect(pending.totpEnabledAt).toBeNull();
    // Not in force yet: the password alone still signs in.
    expect((await authenticate({ email: user.email, password: testPassword }, requestFrom(null))).ok).toBe(true);

    const wrong = codeAt(secret) === '000000' ? '111111' : '000000';
    expect(await confirmSecondFactorSetupAction({ code: wrong })).toEqual({ ok: false, kind: 'invalid', message: 'errors.invalid', fieldErrors: { code: ['twoFactor.validation.wrongCode'] } });
    expect(await confirmSecondFactorSetupAction({ code: 'abc' })).toMatchObject({ ok: false, fieldErrors: { code: ['twoFactor.validation.codeFormat'] } });
    const enableCode = codeAt(secret);
    expect(await confirmSecondFactorSetupAction({ code: `${enableCode.slice(0, 3)} ${enableCode.slice(3)}` })).toEqual({ ok: true, data: undefined });
    expect((await userRow(user.id)).totpEnabledAt).toBeInstanceOf(Date);
    expect(await authenticate({ email: user.email, password: testPassword }, requestFrom(null))).toEqual({ ok: false, reason: 'code_required' });
    // The code that turned it on cannot sign in as well.
    expect(await authenticate({ email: user.email, password: testPassword, code: enableCode }, requestFrom(null))).toEqual({ ok: false, reason: 'invalid_code' });

    session.actor = await actorFor(user);
    expect(session.actor.hasSecondFactor).toBe(true);
    expect(await turnOffSecondFactorAction({ code: wrong })).toMatchObject({ ok: false, fieldErrors: { code: ['twoFactor.validation.wrongCode'] } });
    expect(await turnOffSecondFactorAction({ code: codeAt(secret, 1) })).toEqual({ ok: true, data: undefined });
    expect(await userRow(user.id)).toMatchObject({ totpSecret: null, totpEnabledAt: null, mustChangePassword: false });

    const entries = await getDb()
      .select({ action: auditLog.action, outcome: auditLog.outcome, ipAddress: auditLog.ipAddress })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id)))
      .orderBy(auditLog.id);
    expect(entries.filter((entry) => entry.action.startsWith('account.second_factor')).map((entry) => [entry.action, entry.outcome])).toEqual([
      ['account.second_factor.setup_start', 'success'],
      ['account.second_factor.enable', 'failure'],
      ['account.second_factor.enable', 'success'],
      ['account.second_factor.disable', 'failure'],
      ['account.second_factor.disable', 'success'],
    ]);
    expect(entries.every((entry) => !entry.action.startsWith('account.') || entry.ipAddress === '192.0.2.44')).toBe(true);
    session.actor = null;
  });

  it('allows an 8-character password with a second factor, and asks for a longer one once it is gone', async () => {
    const user = await enrolSecondFactor(await createUser({ role: 'police_officer' }));
    session.actor = await actorFor(user);
    const shortPassword = 'tuk7-lam';
    const change = { currentPassword: testPassword, newPassword: shortPassword, confirmPassword: shortPassword };
    expect(await changePasswordAction(change)).toEqual({ ok: true, data: undefined });
    expect((await userRow(user.id)).passwordNeedsSecondFactor).toBe(true);
    expect(await authenticate({ email: user.email, password: shortPassword, code: codeAt(user.plainTotpSecret) }, requestFrom(null))).toMatchObject({ ok: true });

    // Without a second factor the same length is refused.
    const other = await createUser({ role: 'police_officer' });
    session.actor = await actorFor(other);
    expect(await changePasswordAction({ ...change })).toMatchObject({ ok: false, fieldErrors: { newPassword: ['password.validation.tooShort'] } });

    // Turning the factor off makes the short password a pending change.
    session.actor = await actorFor(await userRow(user.id));
    expect(await turnOffSecondFactorAction({ code: codeAt(user.plainTotpSecret, 1) })).toEqual({ ok: true, data: undefined });
    const after = await userRow(user.id);
    expect(after.mustChangePassword).toBe(true);
    expect((await loadActor(user.id, after.sessionVersion))?.mustChangePassword).toBe(true);
    session.actor = null;
  });
});

describe('required two-step sign-in', () => {
  it('sends an admin without it to set it up: admin actions are refused until it is on', async () => {
    const platform = await createOrganisation({ kind: 'platform' });
    const admin = await createUser({ role: 'admin', organisationId: platform.id, totpEnabledAt: null });
    session.actor = await actorFor(admin);
    expect(session.actor).toMatchObject({ hasSecondFactor: false, isSecondFactorRequired: true });
    const organisation = { kind: 'ministry', nameEn: 'Ministry of Tourism', nameKm: 'ក្រសួងទេសចរណ៍', nameZh: '旅游部', provinceCode: '', countryCode: '', ackDeadlineHours: '72', detentionAckDeadlineHours: '24' };
    expect(await createOrganisationAction(organisation)).toEqual({ ok: false, kind: 'refused', message: 'errors.secondFactorSetupRequired' });
    // An admin without a second factor cannot turn it off either; they can only set it up.
    expect(await turnOffSecondFactorAction({ code: '123456' })).toEqual({ ok: false, kind: 'refused', message: 'errors.secondFactorSetupRequired' });

    const started = await startSecondFactorSetupAction();
    if (!started.ok) throw new Error(started.message);
    expect(await confirmSecondFactorSetupAction({ code: codeAt(started.data.secret) })).toEqual({ ok: true, data: undefined });
    session.actor = await actorFor(admin);
    expect(await createOrganisationAction(organisation)).toMatchObject({ ok: true });
    // Required: it cannot be turned off, only reset by another admin.
    expect(await turnOffSecondFactorAction({ code: codeAt(started.data.secret, 1) })).toEqual({ ok: false, kind: 'invalid', message: 'twoFactor.errors.required' });
    session.actor = null;
  });

  it('sends users of an organisation that requires it to set it up: case actions are refused until then', async () => {
    const admin = await createUser({ role: 'admin' });
    const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
    const officer = await createUser({ role: 'police_officer', organisationId: police.id });
    session.actor = await actorFor(officer);
    expect(session.actor.isSecondFactorRequired).toBe(false);

    session.actor = await actorFor(admin);
    const [current] = await getDb().select().from(organisations).where(eq(organisations.id, police.id));
    const { updateOrganisationAction } = await import('@/lib/directory/actions');
    const updated = await updateOrganisationAction({
      id: police.id,
      version: current?.version,
      kind: 'police',
      nameEn: police.nameEn,
      nameKm: police.nameKm,
      nameZh: police.nameZh,
      provinceCode: 'KKG',
      countryCode: '',
      ackDeadlineHours: '72',
      detentionAckDeadlineHours: '24',
      requiresTotp: true,
    });
    expect(updated).toMatchObject({ ok: true });
    const [audit] = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, police.id), eq(auditLog.action, 'admin.organisation.update')));
    expect(audit?.details).toMatchObject({ changes: { requiresTotp: { from: false, to: true } } });

    session.actor = await actorFor(officer);
    expect(session.actor).toMatchObject({ hasSecondFactor: false, isSecondFactorRequired: true });
    expect(await createCaseAction(buildCaseInput())).toEqual({ ok: false, kind: 'refused', message: 'errors.secondFactorSetupRequired' });
    const started = await startSecondFactorSetupAction();
    if (!started.ok) throw new Error(started.message);
    expect((await confirmSecondFactorSetupAction({ code: codeAt(started.data.secret) })).ok).toBe(true);
    session.actor = await actorFor(officer);
    expect(await createCaseAction(buildCaseInput())).toMatchObject({ ok: true });
    session.actor = null;
  });

  it('lets an admin reset another user\u2019s second factor: audited, and their sessions end', async () => {
    const admin = await createUser({ role: 'admin' });
    const user = await enrolSecondFactor(await createUser({ role: 'embassy_liaison' }));
    session.actor = await actorFor(admin);
    expect(await resetUserSecondFactorAction({ id: user.id, version: user.version })).toEqual({ ok: true, data: { version: user.version + 1 } });
    const after = await userRow(user.id);
    expect(after).toMatchObject({ totpSecret: null, totpEnabledAt: null, sessionVersion: user.sessionVersion + 1 });
    expect(await loadActor(user.id, user.sessionVersion)).toBeNull();
    expect(await authenticate({ email: user.email, password: testPassword }, requestFrom(null))).toMatchObject({ ok: true });
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'admin.user.reset_second_factor')));
    expect(entry).toMatchObject({ actorUserId: admin.id, ipAddress: '192.0.2.44' });
    // Nothing left to reset; and not one's own.
    expect(await resetUserSecondFactorAction({ id: user.id, version: after.version })).toMatchObject({ ok: false, message: 'admin.validation.noSecondFactor' });
    expect(await resetUserSecondFactorAction({ id: admin.id, version: admin.version })).toMatchObject({ ok: false, message: 'admin.validation.notYourself' });
    // Another role: not found.
    session.actor = await actorFor(await createUser({ role: 'police_supervisor' }));
    expect(await resetUserSecondFactorAction({ id: user.id, version: after.version })).toEqual({ ok: false, kind: 'not_found', message: 'admin.errors.notFound' });
    session.actor = null;
  });
});
