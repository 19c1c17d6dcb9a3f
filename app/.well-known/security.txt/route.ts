import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { hasExpired, securityTxt, securityTxtPath } from '@/lib/security/security-txt';

export const dynamic = 'force-dynamic';

/**
 * RFC 9116's file, public. Canonical names the address users open (NEXTAUTH_URL), or this request's under a bare
 * `next dev`. An expiry that passed while the app kept running is still served, as the RFC expects readers to
 * judge it, and logged at every request until someone sets a new one.
 */
export function GET(request: Request): Response {
  const { SECURITY_CONTACT, SECURITY_TXT_EXPIRES, NEXTAUTH_URL } = env();
  const facts = { contacts: SECURITY_CONTACT, expires: SECURITY_TXT_EXPIRES, canonicalUrl: new URL(securityTxtPath, NEXTAUTH_URL ?? request.url).href };
  if (hasExpired(facts, new Date())) logger.warn({ expires: SECURITY_TXT_EXPIRES.toISOString() }, 'security.txt has expired: set SECURITY_TXT_EXPIRES to a date less than a year ahead and restart');
  return new Response(securityTxt(facts), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
