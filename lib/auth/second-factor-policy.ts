import type { Actor } from './actor';
import type { Role } from '@/db/schema';

/**
 * Who must have a second factor: every administrator (they hold the keys to every account), and every user
 * of an organisation an administrator marked "requires two-step sign-in".
 */
export function isSecondFactorRequired(role: Role, organisationRequiresTotp: boolean): boolean {
  return role === 'admin' || organisationRequiresTotp;
}

/** A user who must set up two-step sign-in before anything else (pages redirect, actions refuse). */
export function mustSetUpSecondFactor(actor: Pick<Actor, 'hasSecondFactor' | 'isSecondFactorRequired'>): boolean {
  return actor.isSecondFactorRequired && !actor.hasSecondFactor;
}

/** Where such a user is sent, and where everyone turns two-step sign-in on or off. */
export const secondFactorSetupPath = '/account/two-factor';
