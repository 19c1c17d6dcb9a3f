import 'server-only';
import type { Actor } from './actor';
import { mustSetUpSecondFactor } from './second-factor-policy';
import { getActor } from './session';

/**
 * Steps a signed-in user must finish before they may do anything else. Pages send them to the step's page
 * (requireAccess); server actions and route handlers refuse through `actorForAction`, so a one-time password
 * can't be used to call an action directly even though no page links to it. Add a step here (and its message
 * key below) to put it in front of every action at once.
 */
export type PendingStep = 'change_password' | 'set_up_second_factor';

const pendingStepMessage: Record<PendingStep, string> = {
  change_password: 'errors.passwordChangeRequired',
  set_up_second_factor: 'errors.secondFactorSetupRequired',
};

/** The first step the actor still has to finish, or null when they may act. */
export function pendingStepOf(actor: Actor): PendingStep | null {
  if (actor.mustChangePassword) return 'change_password';
  if (mustSetUpSecondFactor(actor)) return 'set_up_second_factor';
  return null;
}

export type ActionActor = { ok: true; actor: Actor } | { ok: false; message: string };

/**
 * The signed-in actor for a server action, or the message the form shows instead: signed out, or a step to
 * finish first. `allowDuring` names the steps this action belongs to (changing the password is itself
 * allowed while the password must be changed, and so is signing out everywhere).
 */
export async function actorForAction(options: { allowDuring?: readonly PendingStep[] } = {}): Promise<ActionActor> {
  const actor = await getActor();
  if (!actor) return { ok: false, message: 'errors.signedOut' };
  const step = pendingStepOf(actor);
  if (step && !options.allowDuring?.includes(step)) return { ok: false, message: pendingStepMessage[step] };
  return { ok: true, actor };
}
