import type { z } from 'zod';
import type { DomainErrorKind } from './domain-error';

/**
 * Why an action did nothing: a domain refusal (lib/domain-error.ts), or `unexpected` for a failure nobody
 * planned for (logged on the server; the user is told to try again).
 */
export type ActionFailureKind = DomainErrorKind | 'unexpected';

export interface ActionFailure {
  ok: false;
  kind: ActionFailureKind;
  /** An i18n key, translated by the form. */
  message: string;
  /** i18n keys per field, keyed by their dotted path (`people.0.latinName`), for react-hook-form. */
  fieldErrors?: Record<string, string[]>;
  /** For `conflict`: who saved first and when (ISO 8601, so it survives the trip to the browser). */
  conflict?: { changedBy: string | null; changedAt: string };
}

/** What every server action returns. */
export type ActionResult<T = undefined> = { ok: true; data: T } | ActionFailure;

/** Zod issues as field errors keyed by their dotted path (`people.0.latinName`), for react-hook-form. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_form';
    (fieldErrors[path] ??= []).push(issue.message);
  }
  return fieldErrors;
}
