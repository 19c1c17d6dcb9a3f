import { z } from 'zod';
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
