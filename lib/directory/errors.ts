/** Input that passed the schema but breaks a rule only the server can check; carries i18n keys per field. */
export class DirectoryInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super('directory input refused');
    this.name = 'DirectoryInputError';
  }
}

/** Someone else changed the organisation or account after the admin loaded it; nothing was written. */
export class DirectoryConflictError extends Error {
  constructor(readonly changedAt: Date) {
    super('directory record changed by someone else');
    this.name = 'DirectoryConflictError';
  }
}
