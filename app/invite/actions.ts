'use server';

import { fieldErrorsOf, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/audit/request-ip';
import { acceptInvitation } from '@/lib/invitations/commands';
import { InvitationInputError, InvitationInvalidError } from '@/lib/invitations/errors';
import { acceptInvitationSchema } from '@/lib/invitations/schemas';
import { logger } from '@/lib/logger';

/**
 * Open without a session: the link's token is the credential. Returns the account's e-mail address so the
 * form can sign the person in with the password they just chose.
 */
export async function acceptInvitationAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = acceptInvitationSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    // A malformed token is just another link that doesn't work.
    if (fieldErrors.token) return { ok: false, message: 'invitation.invalid' };
    return { ok: false, message: 'errors.invalid', fieldErrors };
  }
  try {
    return { ok: true, data: await acceptInvitation(parsed.data, { ipAddress: await requestIp() }) };
  } catch (error) {
    if (error instanceof InvitationInvalidError) return { ok: false, message: 'invitation.invalid' };
    if (error instanceof InvitationInputError) return { ok: false, message: 'errors.invalid', fieldErrors: error.fieldErrors };
    logger.error({ err: error }, 'accepting an invitation failed');
    return { ok: false, message: 'errors.unexpected' };
  }
}
