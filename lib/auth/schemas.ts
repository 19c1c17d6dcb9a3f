import { z } from 'zod';

/** Messages are i18n keys under `validation`, translated where they are shown. */
export const signInSchema = z.object({
  email: z.string().trim().min(1, 'validation.required').max(254, 'validation.tooLong').pipe(z.email('validation.email')),
  password: z.string().min(1, 'validation.required').max(1024, 'validation.tooLong'),
});
export type SignInInput = z.infer<typeof signInSchema>;
