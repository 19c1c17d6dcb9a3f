/** What every server action returns. `message` and field errors are i18n keys, translated by the form. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };
