import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { loadActor } from '@/lib/auth/load-actor';
import { authenticate } from '@/lib/auth/sign-in';
import { withRequestContext } from '@/lib/audit/request-context';
import { actorFor, createUser, testPassword, requestFrom } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { changeOwnPassword, signOutEverywhere } from './commands';
import { isDomainError } from '@/lib/domain-error';

vi.mock('next-auth', () => ({ getServerSession: vi.fn() }));

withTestDatabase();

const newPassword = 'lotus pond behind the old market';

async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isDomainError(error, 'invalid')) throw new Error(`expected an invalid-input DomainError, got ${String(error)}`);
  return error.fieldErrors;
}

describe('changing one\u2019s own password', () => {
  it('needs the current password, applies the policy, ends every session and clears the one-time flag', async () => {
    const user = await createUser({ role: 'embassy_liaison', mustChangePassword: true });
    const actor = await actorFor(user);
    const input = (overrides: Partial<{ currentPassword: string; newPassword: string }>) => ({
      currentPassword: testPassword,
      newPassword,
      confirmPassword: overrides.newPassword ?? newPassword,
      ...overrides,
    });

    expect(await fieldErrorsOf(changeOwnPassword(actor, input({ currentPassword: 'not my password' })))).toEqual({ currentPassword: ['password.validation.wrongCurrent'] });
    expect(await fieldErrorsOf(changeOwnPassword(actor, input({ newPassword: 'password1234567890' })))).toEqual({ newPassword: ['password.validation.common'] });
    expect(await fieldErrorsOf(changeOwnPassword(actor, input({ newPassword: testPassword })))).toEqual({ newPassword: ['password.validation.sameAsCurrent'] });
    expect(await fieldErrorsOf(changeOwnPassword(actor, input({ newPassword: `${user.email} is mine` })))).toEqual({ newPassword: ['password.validation.contextual'] });
    // Nothing changed so far.
    expect(await loadActor(user.id, user.sessionVersion)).toMatchObject({ mustChangePassword: true });

    await withRequestContext(requestFrom('198.51.100.20'), () => changeOwnPassword(actor, input({})));
    expect(await loadActor(user.id, user.sessionVersion)).toBeNull();
    expect(await authenticate({ email: user.email, password: testPassword }, requestFrom(null))).toEqual({ ok: false, reason: 'invalid_credentials' });
    const signedIn = await authenticate({ email: user.email, password: newPassword }, requestFrom(null));
    expect(signedIn).toEqual({ ok: true, userId: user.id, sessionVersion: user.sessionVersion + 1 });
    expect(await loadActor(user.id, user.sessionVersion + 1)).toMatchObject({ mustChangePassword: false });

    const entries = await getDb()
      .select({ outcome: auditLog.outcome, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'account.change_password')))
      .orderBy(auditLog.id);
    expect(entries.map((entry) => entry.outcome)).toEqual(['failure', 'failure', 'failure', 'success']);
    expect(JSON.stringify(entries)).not.toContain(newPassword);
  });
});

describe('sign out everywhere', () => {
  it('ends every session of the user, and only theirs', async () => {
    const user = await createUser({ role: 'police_officer' });
    const colleague = await createUser({ role: 'police_officer', organisationId: user.organisationId });
    await signOutEverywhere(await actorFor(user));
    expect(await loadActor(user.id, user.sessionVersion)).toBeNull();
    expect(await loadActor(colleague.id, colleague.sessionVersion)).not.toBeNull();
    const [after] = await getDb().select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, user.id));
    expect(after?.sessionVersion).toBe(user.sessionVersion + 1);
  });
});
