/** Input that passed the schema but breaks a rule only the server can check; carries i18n keys per field. */
export class AccountInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super('account input refused');
    this.name = 'AccountInputError';
  }
}
