import { z } from 'zod';
import { minPasswordLength, newPasswordFieldFor } from '@/lib/auth/schemas';
import { userVersionSchema } from '@/lib/directory/schemas';

/** How long an invitation link works: three days covers a weekend between the admin and the new user. */
export const invitationLifetimeHours = 72;

/** The token in the link: 32 random bytes as base64url (43 characters). Anything else is simply unknown. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'invitation.invalid');

/**
 * Accepting an invitation: the token from the link and a new password under the policy (15 characters: an
 * invited user has no second factor yet). The common-password and context checks run on the server.
 */
export const acceptInvitationSchema = z
  .object({
    token: invitationTokenSchema,
    newPassword: newPasswordFieldFor(minPasswordLength),
    confirmPassword: z.string().min(1, 'validation.required').max(1024, 'validation.tooLong'),
  })
  .superRefine((value, context) => {
    if (value.confirmPassword && value.newPassword !== value.confirmPassword) {
      context.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'password.validation.mismatch' });
    }
  });
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

/** A new link for an account: shown to the admin once, or e-mailed to the account's own address. */
export const reissueInvitationSchema = userVersionSchema.extend({ sendByEmail: z.boolean() });
export type ReissueInvitationInput = z.infer<typeof reissueInvitationSchema>;
