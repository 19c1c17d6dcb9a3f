/** Input that passed the schema but breaks a rule only the server can check; carries i18n keys per field. */
export class CaseInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super('case input refused');
    this.name = 'CaseInputError';
  }
}

/** Someone else saved the case after the editor loaded it; nothing was written. */
export class CaseConflictError extends Error {
  constructor(
    readonly changedBy: string | null,
    readonly changedAt: Date,
  ) {
    super('case changed by someone else');
    this.name = 'CaseConflictError';
  }
}

/** The status change is not allowed from the current status, for this role, or without a reason. */
export class CaseTransitionError extends Error {
  constructor(readonly reason: 'not_allowed' | 'reason_required' | 'reason_not_applicable') {
    super(`transition refused: ${reason}`);
    this.name = 'CaseTransitionError';
  }
}
