import { describe, expect, it, vi } from 'vitest';
import { openTotpSecret, sealTotpSecret } from './totp-secret-box';

const userId = '7d1c3a52-9a51-4d4c-9f51-1a2b3c4d5e6f';

describe('stored authenticator secrets', () => {
  it('are encrypted: the secret is not in what is stored, and opens only for its user and key', () => {
    const secret = '5VLJ53AUXKDF4NWRETTEWQKJOUAKAPQC';
    const sealed = sealTotpSecret(secret, userId);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(secret);
    expect(sealTotpSecret(secret, userId)).not.toBe(sealed);
    expect(openTotpSecret(sealed, userId)).toBe(secret);
    // Copied to another account's row: refused.
    expect(openTotpSecret(sealed, '00000000-0000-4000-8000-000000000000')).toBeNull();
    // Tampered with: refused.
    const [version, iv, tag, ciphertext] = sealed.split('.');
    const flipped = `${ciphertext?.[0] === 'A' ? 'B' : 'A'}${ciphertext?.slice(1)}`;
    expect(openTotpSecret([version, iv, tag, flipped].join('.'), userId)).toBeNull();
    expect(openTotpSecret(secret, userId)).toBeNull();
  });

  it('cannot be opened once the session secret has changed', async () => {
    const sealed = sealTotpSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', userId);
    // Configuration is read once per process: a fresh module graph is a server restarted with the new secret.
    vi.stubEnv('NEXTAUTH_SECRET', 'another-secret-after-a-rotation');
    vi.resetModules();
    try {
      const restarted = await import('./totp-secret-box');
      expect(restarted.openTotpSecret(sealed, userId)).toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
    expect(openTotpSecret(sealed, userId)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  });
});
