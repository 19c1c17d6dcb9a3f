import { createHash, randomBytes } from 'node:crypto';

/** A new link token and the only thing stored about it: its SHA-256 (the token has 256 random bits, so no salt or slow hash is needed). */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: invitationTokenHash(token) };
}

export function invitationTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
