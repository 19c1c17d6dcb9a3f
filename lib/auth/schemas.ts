import { z } from 'zod';

/** Messages are i18n keys under `validation`, translated where they are shown. */
export const signInSchema = z.object({
  email: z.string().trim().min(1, 'validation.required').max(254, 'validation.tooLong').pipe(z.email('validation.email')),
  password: z.string().min(1, 'validation.required').max(1024, 'validation.tooLong'),
  /** The authenticator app's code: asked for (and shown) only once the server said the account needs one. */
  code: z
    .string()
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(z.union([z.literal(''), z.string().regex(/^\d{6}$/, 'signIn.validation.code')]))
    .optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** NIST SP 800-63B-4: at least 15 characters without a second factor, at most 128; no composition rules. */
export const minPasswordLength = 15;
/** NIST SP 800-63B-4 §3.1.1.2: 8 when the password is one of two factors (two-step sign-in is on). */
export const minPasswordLengthWithSecondFactor = 8;
export const maxPasswordLength = 128;

export function minPasswordLengthFor(hasSecondFactor: boolean): number {
  return hasSecondFactor ? minPasswordLengthWithSecondFactor : minPasswordLength;
}

/** Characters as people count them (code points), so a Khmer or Chinese passphrase is not penalised. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFKC')].length;
}

/** The length rule, checked in the browser and again on the server; the common-password list is server-only. */
export function newPasswordFieldFor(minLength: number) {
  return z
    .string()
    .refine((value) => passwordLength(value) >= minLength, 'password.validation.tooShort')
    .refine((value) => passwordLength(value) <= maxPasswordLength, 'password.validation.tooLong');
}
export const newPasswordField = newPasswordFieldFor(minPasswordLength);

/**
 * The change-password form, with the signed-in user's minimum length (8 with a second factor, else 15). The
 * server action parses with the lowest minimum; `checkPasswordPolicy` then applies the user's own.
 */
export const changePasswordSchemaFor = (minLength: number) =>
  z
    .object({
      currentPassword: z.string().min(1, 'validation.required').max(1024, 'validation.tooLong'),
      newPassword: newPasswordFieldFor(minLength),
      confirmPassword: z.string().min(1, 'validation.required').max(1024, 'validation.tooLong'),
    })
    .superRefine((value, context) => {
      if (value.confirmPassword && value.newPassword !== value.confirmPassword) {
        context.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'password.validation.mismatch' });
      }
    });
export const changePasswordSchema = changePasswordSchemaFor(minPasswordLengthWithSecondFactor);
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
