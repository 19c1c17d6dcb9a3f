/**
 * A rule of the domain refused the request (e.g. "already acknowledged"). Carries an i18n key for the whole
 * form and, optionally, keys per field; server actions turn it into an ActionResult, nothing is written.
 */
export class RefusedError extends Error {
  constructor(
    readonly messageKey: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(messageKey);
    this.name = 'RefusedError';
  }
}
