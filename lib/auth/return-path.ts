/**
 * Where a user who opened a link while signed out goes once signed in (an e-mail's link into a case). Only a path
 * of this site is accepted: an absolute URL, a protocol-relative `//host` or `/\host` (which browsers read as
 * another host), control characters or an overlong value would make the sign-in page an open redirect.
 */
export const returnPathParameter = 'next';

/** The request header proxy.ts sets to the path (and query) a request was for. */
export const requestPathHeader = 'x-casebridge-path';

const maxReturnPathLength = 1000;

export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxReturnPathLength) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  // The sign-in page itself would only loop.
  if (value === '/sign-in' || value.startsWith('/sign-in?') || value.startsWith('/sign-in/')) return null;
  return value;
}

/** The sign-in page's address that leads back to `path` afterwards (or plain /sign-in when there is none). */
export function signInPathReturningTo(path: string | null): string {
  const safe = safeReturnPath(path);
  return safe && safe !== '/' ? `/sign-in?${returnPathParameter}=${encodeURIComponent(safe)}` : '/sign-in';
}
