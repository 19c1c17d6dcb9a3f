'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { changePasswordSchema } from '@/lib/auth/schemas';
import { getActor } from '@/lib/auth/session';
import { localeCookieName } from '@/lib/i18n/locales';
import { runAction, runPublicAction } from '@/lib/run-action';
import type { MailPreference } from '@/lib/mail/preferences';
import { changeOwnPassword, signOutEverywhere, unsubscribeFromMail, updateMailPreferences, updatePreferredLocale } from './commands';
import { changeLocaleSchema, mailPreferencesSchema, secondFactorCodeSchema, unsubscribeSchema } from './schemas';
import { confirmSecondFactorSetup, startSecondFactorSetup, turnOffSecondFactor, type SecondFactorSetup } from './two-factor';

const noInput = z.object({});
// A user who must change a one-time password may still do that, and sign out everywhere.
const duringPasswordChange = { allowDuring: ['change_password'], notFoundMessage: 'errors.signedOut' } as const;
// Setting up two-step sign-in is how a user who must have it finishes that step.
const duringSecondFactorSetUp = { allowDuring: ['set_up_second_factor'], notFoundMessage: 'errors.signedOut' } as const;

/**
 * Open to everyone (the sign-in page has a switcher too); a signed-in user's choice is also stored on their
 * account. Deliberately not behind the set-up steps: a user who must first change a one-time password needs
 * to read that page in their language, and the choice grants nothing.
 */
export async function changeLocaleAction(input: unknown): Promise<ActionResult> {
  return runPublicAction(changeLocaleSchema, input, async ({ locale }) => {
    (await cookies()).set(localeCookieName, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true });
    const actor = await getActor();
    if (actor) await updatePreferredLocale(actor, locale);
    return undefined;
  });
}

export async function changePasswordAction(input: unknown): Promise<ActionResult<void>> {
  return runAction(changePasswordSchema, input, changeOwnPassword, duringPasswordChange);
}

/** Ends every session of the signed-in user; the button then signs this browser out too. */
export async function signOutEverywhereAction(): Promise<ActionResult<void>> {
  return runAction(noInput, {}, (actor) => signOutEverywhere(actor), duringPasswordChange);
}

export async function startSecondFactorSetupAction(): Promise<ActionResult<SecondFactorSetup>> {
  return runAction(noInput, {}, (actor) => startSecondFactorSetup(actor), duringSecondFactorSetUp);
}

export async function confirmSecondFactorSetupAction(input: unknown): Promise<ActionResult<void>> {
  return runAction(secondFactorCodeSchema, input, confirmSecondFactorSetup, { ...duringSecondFactorSetUp, revalidate: ['/account'] });
}

export async function turnOffSecondFactorAction(input: unknown): Promise<ActionResult<void>> {
  return runAction(secondFactorCodeSchema, input, turnOffSecondFactor, { notFoundMessage: 'errors.signedOut', revalidate: ['/account'] });
}

export async function updateMailPreferencesAction(input: unknown): Promise<ActionResult<void>> {
  return runAction(mailPreferencesSchema, input, updateMailPreferences, { revalidate: ['/account'] });
}

/**
 * The button of the page an unsubscribe link opens; a mail client's one-click POST goes to
 * app/mail/unsubscribe/route.ts instead. Open without a session: the signed link is the credential.
 */
export async function unsubscribeAction(input: unknown): Promise<ActionResult<{ preference: MailPreference }>> {
  return runPublicAction(unsubscribeSchema, input, (data) => unsubscribeFromMail(data, 'page'));
}
