/**
 * The link does not work: unknown, used, expired, revoked, or its account was deactivated. The visitor gets one
 * message for all of them (which one is only in the audit log), so a link reveals nothing about the account.
 */
export class InvitationInvalidError extends Error {
  constructor(readonly reason: 'unknown' | 'used' | 'expired' | 'revoked' | 'inactive') {
    super(`invitation not usable: ${reason}`);
    this.name = 'InvitationInvalidError';
  }
}

/** The new password breaks a rule only the server checks (common or contextual); i18n keys per field. */
export class InvitationInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super('invitation input refused');
    this.name = 'InvitationInputError';
  }
}
