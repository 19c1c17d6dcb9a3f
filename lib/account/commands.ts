import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users, type MailFrequency } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { checkPasswordPolicy } from '@/lib/auth/password-policy';
import { requirePermission } from '@/lib/auth/permissions';
import { minPasswordLength, passwordLength, type ChangePasswordInput } from '@/lib/auth/schemas';
import type { Locale } from '@/lib/i18n/locales';
import { DomainError } from '@/lib/domain-error';
import { frequencyFieldOf, mailPreferences, mailPreferencesOf, type MailPreference } from '@/lib/mail/preferences';
import { verifyUnsubscribeToken } from '@/lib/mail/unsubscribe';
import type { MailPreferencesInput, UnsubscribeInput } from './schemas';

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

type MailFrequencyChanges = Partial<Pick<typeof users.$inferInsert, (typeof frequencyFieldOf)[MailPreference]>>;

function frequencyChangesOf(chosen: readonly (readonly [MailPreference, MailFrequency])[]): MailFrequencyChanges {
  const changes: MailFrequencyChanges = {};
  for (const [preference, frequency] of chosen) changes[frequencyFieldOf[preference]] = frequency;
  return changes;
}

/**
 * The signed-in user's own e-mail settings (/account): each setting their role has, at once, in the daily digest
 * or off. A setting of e-mail the role never receives is refused rather than stored, so what the page shows is
 * all there is. Audited with what it was and what it became; saving what is already set changes and records nothing.
 */
export async function updateMailPreferences(actor: Actor, input: MailPreferencesInput): Promise<void> {
  requirePermission(actor, 'update:mail-preferences:own');
  const offered = mailPreferencesOf(actor.role);
  const chosen = mailPreferences.flatMap((preference) => {
    const frequency = input[preference];
    return frequency === undefined ? [] : [[preference, frequency] as const];
  });
  const notOffered = chosen.filter(([preference]) => !offered.includes(preference));
  if (notOffered.length > 0) throw DomainError.invalid(Object.fromEntries(notOffered.map(([preference]) => [preference, ['account.mail.notOffered']])));
  await getDb().transaction(async (tx) => {
    const [before] = await tx.select({ updates: users.updateMailFrequency, requests: users.requestMailFrequency }).from(users).where(eq(users.id, actor.userId)).for('update');
    if (!before) throw DomainError.notFound('user');
    const changed = chosen.filter(([preference, frequency]) => before[preference] !== frequency);
    if (changed.length === 0) return;
    await tx
      .update(users)
      .set({ ...frequencyChangesOf(changed), updatedAt: sql`now()` })
      .where(eq(users.id, actor.userId));
    await recordAudit(tx, {
      actor,
      action: 'account.change_mail_preferences',
      entityType: 'user',
      entityId: actor.userId,
      details: { from: Object.fromEntries(changed.map(([preference]) => [preference, before[preference]])), to: Object.fromEntries(changed) },
    });
  });
}

/**
 * Turns one e-mail setting off from the signed link in a message's List-Unsubscribe header: the one-click POST a
 * mail client sends (RFC 8058) or the button of the page a person opens. No session: the signature is the
 * credential, and it can only ever turn that one setting of that one user off. A link CaseBridge did not sign
 * changes nothing. Audited without an actor (none is signed in), on the user whose setting it was; a second
 * click finds it off already and records nothing.
 */
export async function unsubscribeFromMail(input: UnsubscribeInput, channel: 'one_click' | 'page'): Promise<{ preference: MailPreference }> {
  const target = verifyUnsubscribeToken(input.token);
  const invalidLink = DomainError.invalid({ _form: ['unsubscribe.invalidLink'] });
  if (!target) throw invalidLink;
  const field = frequencyFieldOf[target.preference];
  await getDb().transaction(async (tx) => {
    const [user] = await tx.select({ frequency: users[field] }).from(users).where(eq(users.id, target.userId)).for('update');
    if (!user) throw invalidLink;
    if (user.frequency === 'off') return;
    await tx
      .update(users)
      .set({ ...frequencyChangesOf([[target.preference, 'off']]), updatedAt: sql`now()` })
      .where(eq(users.id, target.userId));
    await recordAudit(tx, {
      action: 'account.unsubscribe',
      entityType: 'user',
      entityId: target.userId,
      details: { preference: target.preference, from: user.frequency, to: 'off', channel },
    });
  });
  return { preference: target.preference };
}
