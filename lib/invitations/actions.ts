'use server';

import type { ActionResult } from '@/lib/action-result';
import { userVersionSchema } from '@/lib/directory/schemas';
import { runAction, runPublicAction } from '@/lib/run-action';
import { acceptInvitation, reissueInvitation, revokeInvitation, type ReissuedInvitation } from './commands';
import { acceptInvitationSchema, reissueInvitationSchema } from './schemas';

/**
 * Open without a session: the link's token is the credential. Returns the account's e-mail address so the
 * form can sign the person in with the password they just chose.
 */
export async function acceptInvitationAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  const result = await runPublicAction(acceptInvitationSchema, input, acceptInvitation);
  // A malformed token is just another link that doesn't work.
  if (!result.ok && result.fieldErrors?.token) return { ok: false, kind: 'refused', message: 'invitation.invalid' };
  return result;
}

const adminOptions = { notFoundMessage: 'admin.errors.notFound', revalidate: ['/admin'] } as const;

/** A new single-use invitation link for the account (any open one stops working), shown once or e-mailed. */
export async function reissueInvitationAction(input: unknown): Promise<ActionResult<ReissuedInvitation>> {
  return runAction(reissueInvitationSchema, input, reissueInvitation, adminOptions);
}

export async function revokeInvitationAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(userVersionSchema, input, revokeInvitation, adminOptions);
}
