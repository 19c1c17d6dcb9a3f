import type { z } from 'zod';

/** What every server action returns. `message` and field errors are i18n keys, translated by the form. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; message: string; values?: Record<string, string>; fieldErrors?: Record<string, string[]> };

/** Zod issues as field errors keyed by their dotted path (`people.0.latinName`), for react-hook-form. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_form';
    (fieldErrors[path] ??= []).push(issue.message);
  }
  return fieldErrors;
}
