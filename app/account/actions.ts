'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { changeOwnPassword, signOutEverywhere, updatePreferredLocale } from '@/lib/account/commands';
import { runAccountAction } from '@/lib/account/run-account-action';
import { changePasswordSchema } from '@/lib/auth/schemas';
import { changeLocaleSchema } from '@/lib/account/schemas';
import { getActor } from '@/lib/auth/session';
import { localeCookieName } from '@/lib/i18n/locales';
import type { ActionResult } from '@/lib/action-result';

/**
 * Open to everyone (the sign-in page has a switcher too); a signed-in user's choice is also stored on their
 * account. Deliberately not behind actorForAction: a user who must first change a one-time password needs
 * to read that page in their language, and the choice grants nothing.
 */
export async function changeLocaleAction(input: unknown): Promise<ActionResult> {
  const parsed = changeLocaleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'validation.invalidChoice' };
  const { locale } = parsed.data;
  (await cookies()).set(localeCookieName, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true });
  const actor = await getActor();
  if (actor) await updatePreferredLocale(actor, locale);
  return { ok: true, data: undefined };
}

export async function changePasswordAction(input: unknown): Promise<ActionResult> {
  return runAccountAction(changePasswordSchema, input, async (actor, data, meta) => {
    await changeOwnPassword(actor, data, meta);
    return undefined;
  }, { allowDuring: ['change_password'] });
}

/** Ends every session of the signed-in user; the button then signs this browser out too. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  return runAccountAction(z.object({}), {}, async (actor, _data, meta) => {
    await signOutEverywhere(actor, meta);
    return undefined;
  }, { allowDuring: ['change_password'] });
}
