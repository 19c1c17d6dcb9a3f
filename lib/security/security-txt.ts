import { locales } from '@/lib/i18n/locales';

export interface SecurityTxtFacts {
  /** URIs (`mailto:`, `https:`, `tel:`), from SECURITY_CONTACT. */
  contacts: readonly string[];
  /** From SECURITY_TXT_EXPIRES. */
  expires: Date;
  /** Where the file is published: `/.well-known/security.txt` at the address users open. */
  canonicalUrl: string;
}

/**
 * `/.well-known/security.txt` (RFC 9116): whom to tell about a vulnerability, until when that is true, in which
 * languages reports are read (the app's own three) and where the genuine file lives (a copy found elsewhere
 * that does not name its address is not to be trusted). Contact and expiry are configuration (lib/env.ts).
 */
export function securityTxt({ contacts, expires, canonicalUrl }: SecurityTxtFacts): string {
  const lines = [
    ...contacts.map((contact) => `Contact: ${contact}`),
    `Expires: ${expires.toISOString()}`,
    `Preferred-Languages: ${locales.join(', ')}`,
    `Canonical: ${canonicalUrl}`,
  ];
  return `${lines.join('\n')}\n`;
}

export const securityTxtPath = '/.well-known/security.txt';

/** True once the configured expiry has passed (the app kept running past it: its start would have refused it). */
export function hasExpired(facts: Pick<SecurityTxtFacts, 'expires'>, now: Date): boolean {
  return facts.expires.getTime() <= now.getTime();
}
