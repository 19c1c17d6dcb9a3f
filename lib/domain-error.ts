/**
 * The one error a domain rule throws: the request was refused and nothing was written. Its `kind` says why, and
 * the action runner (lib/run-action.ts) turns it into the matching typed result, so no server action or route
 * handler needs a catch of its own and bad input never becomes a 500. Messages are i18n keys.
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not_found' | 'refused';

/** Who saved a record after the editor loaded it, and when: the second writer is told, nothing is overwritten. */
export interface ConflictDetails {
  changedBy: string | null;
  changedAt: Date;
}

export class DomainError extends Error {
  private constructor(
    readonly kind: DomainErrorKind,
    readonly messageKey: string,
    /** i18n keys per field (dotted paths as react-hook-form names them); `_form` holds one for the whole form. */
    readonly fieldErrors: Record<string, string[]> = {},
    readonly conflict: ConflictDetails | null = null,
  ) {
    super(`${kind}: ${messageKey}`);
    this.name = 'DomainError';
  }

  /** Input that passed the form's schema but breaks a rule only the server can check. */
  static invalid(fieldErrors: Record<string, string[]>): DomainError {
    return new DomainError('invalid', 'errors.invalid', fieldErrors);
  }

  /** Outside the actor's scope, or not there at all: the two are never told apart. */
  static notFound(what = 'record'): DomainError {
    return new DomainError('not_found', `${what} not found`);
  }

  /** Someone else saved first; `messageKey` explains it with `{name}` and `{time}`. */
  static conflict(messageKey: string, details: ConflictDetails): DomainError {
    return new DomainError('conflict', messageKey, {}, details);
  }

  /** A rule of the domain says no (already acknowledged, not a victim, …); `fieldErrors` may point at a field. */
  static refused(messageKey: string, fieldErrors?: Record<string, string[]>): DomainError {
    return new DomainError('refused', messageKey, fieldErrors);
  }
}

export function isDomainError(error: unknown, kind?: DomainErrorKind): error is DomainError {
  return error instanceof DomainError && (kind === undefined || error.kind === kind);
}
