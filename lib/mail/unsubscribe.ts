import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MailKind } from '@/db/schema';
import { keyDerivedFromSessionSecret } from '@/lib/auth/session-secret';
import { isUuid } from '@/lib/ids';
import { mailPreferences, preferenceOfMailKind, type MailPreference } from './preferences';

/**
 * One-click unsubscribe (RFC 2369 `List-Unsubscribe`, RFC 8058 `List-Unsubscribe-Post`) for the e-mail a user
 * may turn off. The link's token names the user and the setting and is signed with HMAC-SHA256 under a key
 * derived from the session secret, so nothing is stored per message and no one can forge a link for another
 * user or another setting. A token does not expire: it can do only one thing, turn that setting off, which the
 * user can undo at /account, and a link that stopped working would leave people no way out of mail they no
 * longer want. Changing the session secret invalidates every link, as it does the stored second factors.
 */
const purpose = 'mail-unsubscribe-v1';

function signatureOf(userId: string, preference: MailPreference): Buffer {
  return createHmac('sha256', keyDerivedFromSessionSecret(purpose)).update(`${userId}\n${preference}`).digest();
}

/** `<user id>.<updates|requests>.<signature>`: URL-safe as it is. */
export function unsubscribeTokenFor(userId: string, preference: MailPreference): string {
  return `${userId}.${preference}.${signatureOf(userId, preference).toString('base64url')}`;
}

/** Whose setting a token turns off, or null for a token CaseBridge did not sign (tampered, truncated, another key). */
export function verifyUnsubscribeToken(token: string): { userId: string; preference: MailPreference } | null {
  const [userId, preference, signature, ...rest] = token.split('.');
  if (!userId || !preference || !signature || rest.length > 0 || !isUuid(userId)) return null;
  if (!(mailPreferences as readonly string[]).includes(preference)) return null;
  const expected = signatureOf(userId, preference as MailPreference);
  const given = Buffer.from(signature, 'base64url');
  // Constant time, so the signature cannot be guessed byte by byte from how long a refusal takes.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, preference: preference as MailPreference };
}

/** The address both the one-click POST and a person's click go to (GET shows a page that asks first). */
export function unsubscribeUrlFor(baseUrl: string, userId: string, preference: MailPreference): string {
  return `${baseUrl}/mail/unsubscribe?token=${unsubscribeTokenFor(userId, preference)}`;
}

/**
 * The headers a delivery is sent with so mail clients offer "unsubscribe": only for a message to a user (a duty
 * address has no settings) of a kind they may turn off. The digest has none: it is several lists in one message,
 * and its overdue acknowledgements cannot be turned off, so a one-click "unsubscribe" could not keep its word;
 * it says instead where the settings are. Derived from the delivery's kind and recipient, never stored, so the
 * outbox shows the same headers the mail server received.
 */
export function listUnsubscribeHeadersOf(delivery: { kind: MailKind; recipientUserId: string | null }, baseUrl: string): Record<string, string> {
  const preference = preferenceOfMailKind(delivery.kind);
  if (!preference || !delivery.recipientUserId) return {};
  return {
    'List-Unsubscribe': `<${unsubscribeUrlFor(baseUrl, delivery.recipientUserId, preference)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
