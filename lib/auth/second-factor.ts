import 'server-only';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { users } from '@/db/schema';
import { logger } from '@/lib/logger';
import { checkTotpCode } from './totp';
import { openTotpSecret } from './totp-secret-box';

export type SecondFactorCheck = 'ok' | 'invalid' | 'reused';

/**
 * Checks an authenticator code for a user and, when it is right, marks its time step used in the same
 * statement that checks it was not used yet, so two requests racing with one code cannot both pass.
 * A secret that cannot be decrypted (NEXTAUTH_SECRET changed) refuses every code and is logged: an
 * administrator must reset that user's second factor.
 */
export async function verifySecondFactorCode(
  db: Database | Transaction,
  user: { id: string; totpSecret: string | null; totpLastUsedStep: number | null },
  code: string,
  timeMs = Date.now(),
): Promise<SecondFactorCheck> {
  if (!user.totpSecret) return 'invalid';
  const secret = openTotpSecret(user.totpSecret, user.id);
  if (!secret) {
    logger.error({ userId: user.id }, 'authenticator secret cannot be decrypted (was NEXTAUTH_SECRET changed?); an admin must reset this second factor');
    return 'invalid';
  }
  const check = checkTotpCode(secret, code, { timeMs, lastUsedStep: user.totpLastUsedStep });
  if (!check.ok) return check.reason;
  const [marked] = await db
    .update(users)
    .set({ totpLastUsedStep: check.step })
    .where(and(eq(users.id, user.id), or(isNull(users.totpLastUsedStep), lt(users.totpLastUsedStep, check.step))))
    .returning({ id: users.id });
  return marked ? 'ok' : 'reused';
}
