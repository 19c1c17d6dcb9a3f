import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A key reads `cbk_<prefix>_<secret>`: the prefix (12 hex characters) finds the row and tells keys apart in
 * lists and logs; the secret (32 random bytes) is what proves it, stored only as its SHA-256.
 */
export interface ParsedApiKey {
  prefix: string;
  secret: string;
}

const keyPattern = /^cbk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(): { token: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `cbk_${prefix}_${secret}`, prefix, secretHash: hashApiKeySecret(secret) };
}

export function parseApiKey(token: string): ParsedApiKey | null {
  const match = keyPattern.exec(token);
  return match?.[1] && match[2] ? { prefix: match[1], secret: match[2] } : null;
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  return timingSafeEqual(Buffer.from(hashApiKeySecret(secret), 'hex'), Buffer.from(storedHash, 'hex'));
}
