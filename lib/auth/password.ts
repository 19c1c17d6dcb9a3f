import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1); @node-rs/argon2 defaults to argon2id.
const argon2Options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** NIST SP 800-63B-4: Unicode passwords are normalised (NFKC) before hashing, so equivalent input verifies. */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFKC'));
  } catch {
    return false;
  }
}

/** Verifying against this when the e-mail is unknown keeps the response time from revealing which accounts exist. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that matches no account');
  return decoyHash;
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const oneTimeAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A password an administrator hands over once (new account, reset): 20 random characters (about 99 bits) in
 * groups of five, e.g. `k7mqz-4hx2p-tnw8r-c3vbe`. The user must replace it at their next sign-in.
 */
export function generateOneTimePassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => oneTimeAlphabet[randomInt(oneTimeAlphabet.length)]).join(''));
  return groups.join('-');
}
