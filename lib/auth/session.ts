import 'server-only';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import type { Actor } from './actor';
import { authOptions, sessionMaxLifetimeSeconds } from './auth-options';
import { loadActor } from './load-actor';
import { can, type Permission } from './permissions';
import { requestPathHeader, signInPathReturningTo } from './return-path';
import { mustSetUpSecondFactor, secondFactorSetupPath } from './second-factor-policy';

/**
 * The signed-in user, read fresh from the database on every request: a deactivated user, a user whose role
 * or password changed (session version bumped), or a session past its absolute lifetime is signed out here.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.userId) return null;
  if (Date.now() - session.signedInAt > sessionMaxLifetimeSeconds * 1000) return null;
  return loadActor(session.userId, session.sessionVersion);
});

/** For pages: the actor, or a redirect to sign in that comes back to this page afterwards (an e-mail's link). */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(signInPathReturningTo((await headers()).get(requestPathHeader)));
  return actor;
}

/** Where a user signed in with a one-time password is sent until they have chosen their own. */
export const changePasswordPath = '/account/password';

/**
 * For pages of one area: another role gets "not found", never a hint that the page exists. A user who must
 * change their password is sent to do that first, whatever area they open; then one who must set up
 * two-step sign-in (admins, organisations that require it) is sent to do that.
 */
export async function requireAccess(
  permission: Permission,
  options: { allowPendingPasswordChange?: boolean; allowPendingSecondFactor?: boolean } = {},
): Promise<Actor> {
  const actor = await requireActor();
  if (actor.mustChangePassword) {
    if (!options.allowPendingPasswordChange) redirect(changePasswordPath);
  } else if (mustSetUpSecondFactor(actor) && !options.allowPendingSecondFactor) {
    redirect(secondFactorSetupPath);
  }
  if (!can(actor, permission)) notFound();
  return actor;
}

