// No `import 'server-only'`: pure functions, used by the server, the tests and `npm run totp`.
import { Secret, TOTP } from 'otpauth';

/**
 * Time-based one-time passwords (RFC 6238) as every authenticator app computes them: HMAC-SHA1, 6 digits,
 * 30-second steps. Apps ignore other parameters often enough that these defaults are the only safe choice.
 */
export const totpPeriodSeconds = 30;
export const totpDigits = 6;
/** Steps accepted either side of now: a code typed just as it changes, or a phone clock a little off. */
export const totpWindowSteps = 1;
export const totpIssuer = 'CaseBridge';

/** A new random secret (160 bits, RFC 4226's recommended length), base32 as apps expect it. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secretBase32: string, label = ''): TOTP {
  return new TOTP({
    issuer: totpIssuer,
    label,
    algorithm: 'SHA1',
    digits: totpDigits,
    period: totpPeriodSeconds,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The `otpauth://` address a QR code carries; apps show the issuer and the e-mail as the account name. */
export function totpUri(secretBase32: string, accountName: string): string {
  return totpFor(secretBase32, accountName).toString();
}

/** The 30-second step a moment falls in (the RFC's T). */
export function totpStepAt(timeMs: number): number {
  return Math.floor(timeMs / 1000 / totpPeriodSeconds);
}

/** The code an authenticator app shows at `timeMs`. */
export function totpCodeAt(secretBase32: string, timeMs: number): string {
  return totpFor(secretBase32).generate({ timestamp: timeMs });
}

/** Six digits, as typed; spaces (apps show "123 456") are removed before this is checked. */
export function normaliseTotpCode(code: string): string {
  return code.replace(/\s+/g, '');
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'reused' };

/**
 * Checks a code against the secret within the window. A code of a step at or before `lastUsedStep` is
 * refused even when it is right (RFC 6238 §5.2: a verified code must not be accepted again); the caller
 * stores the returned step, atomically, as the new last used step.
 */
export function checkTotpCode(secretBase32: string, code: string, options: { timeMs?: number; lastUsedStep?: number | null } = {}): TotpCheck {
  const token = normaliseTotpCode(code);
  if (!new RegExp(`^\\d{${totpDigits}}$`).test(token)) return { ok: false, reason: 'invalid' };
  const timeMs = options.timeMs ?? Date.now();
  const delta = totpFor(secretBase32).validate({ token, timestamp: timeMs, window: totpWindowSteps });
  if (delta === null) return { ok: false, reason: 'invalid' };
  const step = totpStepAt(timeMs) + delta;
  if (options.lastUsedStep !== null && options.lastUsedStep !== undefined && step <= options.lastUsedStep) return { ok: false, reason: 'reused' };
  return { ok: true, step };
}
