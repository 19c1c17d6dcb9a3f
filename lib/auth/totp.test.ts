import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { checkTotpCode, generateTotpSecret, totpCodeAt, totpStepAt, totpUri } from './totp';

// RFC 6238 Appendix B, SHA-1: the ASCII key "12345678901234567890". The 6-digit code is the last six digits
// of the RFC's 8-digit one (both are the same truncated HMAC, taken modulo 10^6 or 10^8).
const rfcSecret = Secret.fromLatin1('12345678901234567890').base32;
const rfcVectors: [seconds: number, eightDigits: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('time-based one-time passwords', () => {
  it('compute the RFC 6238 test vectors', () => {
    for (const [seconds, eightDigits] of rfcVectors) {
      expect(totpCodeAt(rfcSecret, seconds * 1000), `T=${seconds}`).toBe(eightDigits.slice(-6));
      expect(checkTotpCode(rfcSecret, eightDigits.slice(-6), { timeMs: seconds * 1000 })).toEqual({ ok: true, step: Math.floor(seconds / 30) });
    }
  });

  it('agree with an authenticator app reading the QR code', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri(secret, 'sokha.chan@kkg.police.demo');
    expect(uri).toMatch(/^otpauth:\/\/totp\/CaseBridge:sokha\.chan%40kkg\.police\.demo\?/);
    const app = new TOTP({ secret: Secret.fromBase32(new URL(uri).searchParams.get('secret') ?? ''), algorithm: 'SHA1', digits: 6, period: 30 });
    const now = Date.UTC(2026, 10, 25, 3, 0, 10);
    expect(totpCodeAt(secret, now)).toBe(app.generate({ timestamp: now }));
  });

  it('accept the codes of one step either side of now, and no further', () => {
    const secret = generateTotpSecret();
    const now = Date.UTC(2026, 10, 25, 3, 0, 10);
    const step = totpStepAt(now);
    for (const offset of [-1, 0, 1]) {
      const code = totpCodeAt(secret, now + offset * 30_000);
      expect(checkTotpCode(secret, code, { timeMs: now }), `offset ${offset}`).toEqual({ ok: true, step: step + offset });
    }
    for (const offset of [-3, -2, 2, 3]) {
      expect(checkTotpCode(secret, totpCodeAt(secret, now + offset * 30_000), { timeMs: now }), `offset ${offset}`).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuse a code of a step already used, and any earlier one (replay)', () => {
    const secret = generateTotpSecret();
    const now = Date.UTC(2026, 10, 25, 3, 0, 10);
    const step = totpStepAt(now);
    const code = totpCodeAt(secret, now);
    expect(checkTotpCode(secret, code, { timeMs: now, lastUsedStep: step - 1 })).toEqual({ ok: true, step });
    expect(checkTotpCode(secret, code, { timeMs: now, lastUsedStep: step })).toEqual({ ok: false, reason: 'reused' });
    expect(checkTotpCode(secret, totpCodeAt(secret, now - 30_000), { timeMs: now, lastUsedStep: step })).toEqual({ ok: false, reason: 'reused' });
    // The next step's code is new, even when typed a little early.
    expect(checkTotpCode(secret, totpCodeAt(secret, now + 30_000), { timeMs: now, lastUsedStep: step })).toEqual({ ok: true, step: step + 1 });
  });

  it('take the code as apps show it, and refuse anything that is not six digits', () => {
    const secret = generateTotpSecret();
    const now = Date.UTC(2026, 10, 25, 3, 0, 10);
    const code = totpCodeAt(secret, now);
    expect(checkTotpCode(secret, `${code.slice(0, 3)} ${code.slice(3)}`, { timeMs: now }).ok).toBe(true);
    for (const typed of ['', '12345', '1234567', 'abcdef', `${code}0`]) expect(checkTotpCode(secret, typed, { timeMs: now })).toEqual({ ok: false, reason: 'invalid' });
  });
});
