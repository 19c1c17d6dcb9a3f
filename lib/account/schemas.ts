import { z } from 'zod';
import { mailFrequency } from '@/db/schema/enums';
import { locales } from '@/lib/i18n/locales';

export const changeLocaleSchema = z.object({ locale: z.enum(locales, 'validation.invalidChoice') });
export type ChangeLocaleInput = z.infer<typeof changeLocaleSchema>;

/** A code from the authenticator app, to turn two-step sign-in on or off; "123 456" as apps show it is fine. */
export const secondFactorCodeSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(z.string().min(1, 'validation.required').regex(/^\d{6}$/, 'twoFactor.validation.codeFormat')),
});
export type SecondFactorCodeInput = z.input<typeof secondFactorCodeSchema>;

const mailFrequencyChoice = z.enum(mailFrequency.enumValues, 'validation.invalidChoice');

/**
 * The e-mail settings at /account: one choice per setting the user's role has (lib/mail/preferences.ts); the
 * form sends only those, and the server refuses one the role does not receive.
 */
export const mailPreferencesSchema = z
  .object({ updates: mailFrequencyChoice.optional(), requests: mailFrequencyChoice.optional() })
  .refine((input) => input.updates !== undefined || input.requests !== undefined, 'validation.required');
export type MailPreferencesInput = z.infer<typeof mailPreferencesSchema>;

/** The signed link of an unsubscribe e-mail header (lib/mail/unsubscribe.ts); its signature is checked by the command. */
export const unsubscribeSchema = z.object({
  token: z.string('unsubscribe.invalidLink').min(1, 'unsubscribe.invalidLink').max(200, 'unsubscribe.invalidLink'),
});
export type UnsubscribeInput = z.infer<typeof unsubscribeSchema>;
