import { z } from 'zod';

/** Messages are i18n keys under `validation`, translated where they are shown. */
export const signInSchema = z.object({
  email: z.string().trim().min(1, 'validation.required').max(254, 'validation.tooLong').pipe(z.email('validation.email')),
  password: z.string().min(1, 'validation.required').max(1024, 'validation.tooLong'),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** NIST SP 800-63B-4: at least 15 characters without a second factor, at most 128; no composition rules. */
export const minPasswordLength = 15;
export const maxPasswordLength = 128;

/** Characters as people count them (code points), so a Khmer or Chinese passphrase is not penalised. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFKC')].length;
}

/** The length rule, checked in the browser and again on the server; the common-password list is server-only. */
export const newPasswordField = z
  .string()
  .refine((value) => passwordLength(value) >= minPasswordLength, 'password.validation.tooShort')
  .refine((value) => passwordLength(value) <= maxPasswordLength, 'password.validation.tooLong');

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required').max(1024, 'validation.tooLong'),
    newPassword: newPasswordField,
    confirmPassword: z.string().min(1, 'validation.required').max(1024, 'validation.tooLong'),
  })
  .superRefine((value, context) => {
    if (value.confirmPassword && value.newPassword !== value.confirmPassword) {
      context.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'password.validation.mismatch' });
    }
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
