// No `import 'server-only'`: the demo seed runs under tsx (`npm run db:seed`) and encrypts the demo admin's secret.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { keyDerivedFromSessionSecret } from './session-secret';

/**
 * Authenticator secrets are stored encrypted (AES-256-GCM), so a copy of the database alone does not let
 * anyone compute a user's codes. The key is derived from the session secret the server already has
 * (lib/auth/session-secret.ts). Changing that secret makes the stored second factors unreadable: their users
 * then need an administrator to reset them.
 */
const format = 'v1';

function encryptionKey(): Buffer {
  return keyDerivedFromSessionSecret('totp-secret-v1');
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url; the user id is bound in as associated data, so a secret copied to another row fails. */
export function sealTotpSecret(secretBase32: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(), iv);
  cipher.setAAD(Buffer.from(userId));
  const ciphertext = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
  return [format, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** The secret, or null when it cannot be read (another key, or tampered with): the caller refuses the code. */
export function openTotpSecret(sealed: string, userId: string): string | null {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== format || !iv || !tag || !ciphertext) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', encryptionKey(), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
