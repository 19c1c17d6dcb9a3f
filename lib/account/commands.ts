import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { checkPasswordPolicy } from '@/lib/auth/password-policy';
import { requirePermission } from '@/lib/auth/permissions';
import { minPasswordLength, passwordLength, type ChangePasswordInput } from '@/lib/auth/schemas';
import type { Locale } from '@/lib/i18n/locales';
import { DomainError } from '@/lib/domain-error';


export async function updatePreferredLocale(actor: Actor, locale: Locale): Promise<void> {
  requirePermission(actor, 'update:account:own');
  await getDb().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ preferredLocale: locale, updatedAt: sql`now()` })
      .where(eq(users.id, actor.userId));
    await recordAudit(tx, {
      actor,
      action: 'account.change_locale',
      entityType: 'user',
      entityId: actor.userId,
      details: { from: actor.locale, to: locale },
    });
  });
}

/**
 * The user's own password change: the current password is required, the new one must pass the policy, and
 * every existing session ends (the form signs the user in again with the new password). Clears the
 * must-change flag of a one-time password.
 */
export async function changeOwnPassword(actor: Actor, input: ChangePasswordInput): Promise<void> {
  requirePermission(actor, 'update:account:own');
  const db = getDb();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user) throw DomainError.notFound('user');
  const audit = { actor, action: 'account.change_password', entityType: 'user', entityId: actor.userId } as const;

  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAudit(db, { ...audit, outcome: 'failure', details: { reason: 'wrong_current_password' } });
    throw DomainError.invalid({ currentPassword: ['password.validation.wrongCurrent'] });
  }
  if (input.newPassword === input.currentPassword) throw DomainError.invalid({ newPassword: ['password.validation.sameAsCurrent'] });
  const problem = checkPasswordPolicy(input.newPassword, { email: actor.email, name: actor.name, hasSecondFactor: actor.hasSecondFactor });
  if (problem) {
    await recordAudit(db, { ...audit, outcome: 'failure', details: { reason: `policy_${problem}` } });
    throw DomainError.invalid({ newPassword: [`password.validation.${problem}`] });
  }

  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: sql`now()`,
        mustChangePassword: false,
        // Allowed only because of the second factor: turning it off later forces a new, longer password.
        passwordNeedsSecondFactor: passwordLength(input.newPassword) < minPasswordLength,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        version: sql`${users.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, actor.userId));
    await recordAudit(tx, { ...audit, details: { wasOneTimePassword: actor.mustChangePassword } });
  });
}

/** "Sign out everywhere": every session of the user, this one included, ends at its next request. */
export async function signOutEverywhere(actor: Actor): Promise<void> {
  requirePermission(actor, 'update:account:own');
  await getDb().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
      .where(eq(users.id, actor.userId));
    await recordAudit(tx, { actor, action: 'account.sign_out_everywhere', entityType: 'user', entityId: actor.userId });
  });
}
