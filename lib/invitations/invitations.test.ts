import { and, desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, userInvitations, users } from '@/db/schema';
import { loadActor } from '@/lib/auth/load-actor';

import { authenticate } from '@/lib/auth/sign-in';
import { createUserAccount, setUserActive } from '@/lib/directory/commands';
import { createUserSchema } from '@/lib/directory/schemas';
import { withRequestContext } from '@/lib/audit/request-context';
import { isDomainError } from '@/lib/domain-error';
import { actorFor, createOrganisation, createUser, requestFrom, uniqueSuffix } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { acceptInvitation, getInvitationStatus, lookUpInvitation, reissueInvitation, revokeInvitation, type ReissuedInvitation } from './commands';
import { invitationLifetimeHours } from './schemas';
import { invitationTokenHash } from './token';

vi.mock('next-auth', () => ({ getServerSession: vi.fn() }));

withTestDatabase();

const goodPassword = 'mangrove ferry at dawn over the estuary';

async function adminActor() {
  const platform = await createOrganisation({ kind: 'platform' });
  return actorFor(await createUser({ role: 'admin', organisationId: platform.id }));
}

async function invitedUser() {
  const admin = await adminActor();
  const police = await createOrganisation({ kind: 'police' });
  const input = createUserSchema.parse({ name: 'Chantha Roeun', email: `chantha.${uniqueSuffix()}@kkg.police.test`, role: 'police_officer', organisationId: police.id, preferredLocale: 'km', credential: 'invitation' });
  const created = await withRequestContext(requestFrom('192.0.2.30'), () => createUserAccount(admin, input));
  if (created.credential !== 'invitation') throw new Error('expected an invitation');
  return { admin, input, id: created.id, token: created.invitation.token, expiresAt: created.invitation.expiresAt };
}

/** The token of a link issued to be shown to the admin. */
function shownToken(reissued: ReissuedInvitation): string {
  if (!('shown' in reissued)) throw new Error('the link was e-mailed, not shown');
  return reissued.shown.token;
}

async function userRow(id: string) {
  const [row] = await getDb().select().from(users).where(eq(users.id, id));
  if (!row) throw new Error('no user');
  return row;
}

async function refusalReason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isDomainError(error, 'refused') || error.messageKey !== 'invitation.invalid') throw new Error(`expected the invalid-link refusal, got ${String(error)}`);
  // Every refusal answers alike; which one it was is only in the audit log.
  const [latest] = await getDb()
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'auth.invitation.accept'), eq(auditLog.outcome, 'failure')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return (latest?.details as { reason: string } | undefined)?.reason ?? 'none';
}

async function acceptFailures(userId: string | null) {
  const entries = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'auth.invitation.accept'), eq(auditLog.outcome, 'failure')));
  return entries.filter((entry) => entry.entityId === userId).map((entry) => (entry.details as { reason: string }).reason);
}

describe('invitation links', () => {
  it('creates an invited account whose link is stored only as a hash and expires after 72 hours', async () => {
    const { id, token, expiresAt, input } = await invitedUser();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [stored] = await getDb().select().from(userInvitations).where(eq(userInvitations.userId, id));
    expect(stored?.tokenHash).toBe(invitationTokenHash(token));
    const hoursValid = (expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hoursValid).toBeGreaterThan(invitationLifetimeHours - 0.1);
    expect(hoursValid).toBeLessThanOrEqual(invitationLifetimeHours);
    // Nothing in the account or the audit log holds the token itself.
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'admin.user.create')));
    expect(entry?.details).toMatchObject({ credential: 'invitation', oneTimePassword: false });
    expect(JSON.stringify(entry)).not.toContain(token);
    expect(JSON.stringify(await userRow(id))).not.toContain(token);
    // No password works before the link is used, and there is no one-time password to change.
    expect((await userRow(id)).mustChangePassword).toBe(false);
    expect(await authenticate({ email: input.email, password: token }, requestFrom(null))).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(await lookUpInvitation(token)).toEqual({ name: 'Chantha Roeun', email: input.email });
  });

  it('sets the chosen password once; a second use of the link is refused', async () => {
    const { id, token, input } = await invitedUser();
    const before = await userRow(id);
    expect(await withRequestContext(requestFrom('192.0.2.31'), () => acceptInvitation({ token, newPassword: goodPassword, confirmPassword: goodPassword }))).toEqual({ email: input.email });
    const after = await userRow(id);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await authenticate({ email: input.email, password: goodPassword }, requestFrom(null))).toMatchObject({ ok: true, userId: id });
    const [accepted] = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'auth.invitation.accept'), eq(auditLog.outcome, 'success')));
    expect(accepted).toMatchObject({ actorUserId: id, ipAddress: '192.0.2.31' });

    expect(await refusalReason(acceptInvitation({ token, newPassword: `${goodPassword} again`, confirmPassword: `${goodPassword} again` }))).toBe('used');
    expect(await lookUpInvitation(token)).toBeNull();
    expect(await authenticate({ email: input.email, password: goodPassword }, requestFrom(null))).toMatchObject({ ok: true });
    expect(await getInvitationStatus(await adminActor(), id)).toMatchObject({ state: 'used' });
  });

  it('refuses a common or personal password field by field and keeps the link usable', async () => {
    const { token, input } = await invitedUser();
    const common = await acceptInvitation({ token, newPassword: 'passwordpassword123', confirmPassword: 'passwordpassword123' }).catch((error: unknown) => error);
    expect(common).toMatchObject({ kind: 'invalid', fieldErrors: { newPassword: ['password.validation.common'] } });
    const personal = `${input.email} is my password`;
    const contextual = await acceptInvitation({ token, newPassword: personal, confirmPassword: personal }).catch((error: unknown) => error);
    expect(contextual).toMatchObject({ kind: 'invalid', fieldErrors: { newPassword: ['password.validation.contextual'] } });
    expect(await lookUpInvitation(token)).not.toBeNull();
  });

  it('lets only one of two simultaneous uses of a link succeed', async () => {
    const { token, input } = await invitedUser();
    const [first, second] = await Promise.allSettled([
      acceptInvitation({ token, newPassword: goodPassword, confirmPassword: goodPassword }),
      acceptInvitation({ token, newPassword: `${goodPassword} too`, confirmPassword: `${goodPassword} too` }),
    ]);
    const outcomes = [first, second].map((outcome) => outcome.status);
    expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
    const winner = first.status === 'fulfilled' ? goodPassword : `${goodPassword} too`;
    expect(await authenticate({ email: input.email, password: winner }, requestFrom(null))).toMatchObject({ ok: true });
  });

  it('refuses unknown, expired, revoked and replaced links and links of deactivated accounts alike, auditing the real reason', async () => {
    expect(await refusalReason(acceptInvitation({ token: 'A'.repeat(43), newPassword: goodPassword, confirmPassword: goodPassword }))).toBe('unknown');

    const expired = await invitedUser();
    await getDb()
      .update(userInvitations)
      .set({ createdAt: sql`now() - interval '4 days'`, expiresAt: sql`now() - interval '1 day'` })
      .where(eq(userInvitations.userId, expired.id));
    expect(await lookUpInvitation(expired.token)).toBeNull();
    expect(await refusalReason(acceptInvitation({ token: expired.token, newPassword: goodPassword, confirmPassword: goodPassword }))).toBe('expired');
    expect(await acceptFailures(expired.id)).toEqual(['expired']);
    expect(await getInvitationStatus(expired.admin, expired.id)).toMatchObject({ state: 'expired' });

    const replaced = await invitedUser();
    const user = await userRow(replaced.id);
    const reissued = await withRequestContext(requestFrom('192.0.2.32'), () => reissueInvitation(replaced.admin, { id: user.id, version: user.version, sendByEmail: false }));
    expect(await refusalReason(acceptInvitation({ token: replaced.token, newPassword: goodPassword, confirmPassword: goodPassword }))).toBe('revoked');
    expect(await lookUpInvitation(shownToken(reissued))).not.toBeNull();

    const revoked = await revokeInvitation(replaced.admin, { id: user.id, version: reissued.version });
    expect(revoked.version).toBe(reissued.version + 1);
    expect(await lookUpInvitation(shownToken(reissued))).toBeNull();
    expect(await getInvitationStatus(replaced.admin, replaced.id)).toMatchObject({ state: 'revoked' });
    await expect(revokeInvitation(replaced.admin, { id: user.id, version: revoked.version })).rejects.toMatchObject({ kind: 'invalid' });
    const actions = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, replaced.id));
    expect(actions.map((entry) => entry.action)).toEqual(expect.arrayContaining(['admin.user.invitation.issue', 'admin.user.invitation.revoke']));

    const deactivated = await invitedUser();
    const deactivatedRow = await userRow(deactivated.id);
    await setUserActive(deactivated.admin, { id: deactivated.id, version: deactivatedRow.version, isActive: false });
    expect(await refusalReason(acceptInvitation({ token: deactivated.token, newPassword: goodPassword, confirmPassword: goodPassword }))).toBe('inactive');
    await expect(reissueInvitation(deactivated.admin, { id: deactivated.id, version: deactivatedRow.version + 1, sendByEmail: false })).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('lets a reissued link replace a password and end the sessions of whoever knew the old one', async () => {
    const admin = await adminActor();
    const existing = await createUser({ role: 'embassy_liaison' });
    const reissued = await reissueInvitation(admin, { id: existing.id, version: existing.version, sendByEmail: false });
    await acceptInvitation({ token: shownToken(reissued), newPassword: goodPassword, confirmPassword: goodPassword });
    expect(await loadActor(existing.id, existing.sessionVersion)).toBeNull();
    expect(await authenticate({ email: existing.email, password: goodPassword }, requestFrom(null))).toMatchObject({ ok: true });
  });

  it('is an admin-only matter: other roles get "not found"', async () => {
    const officer = await actorFor(await createUser({ role: 'police_supervisor' }));
    const target = await createUser({ role: 'police_officer' });
    await expect(reissueInvitation(officer, { id: target.id, version: target.version, sendByEmail: false })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(revokeInvitation(officer, { id: target.id, version: target.version })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getInvitationStatus(officer, target.id)).rejects.toMatchObject({ kind: 'not_found' });
  });
});
