import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { organisations, users } from '@/db/schema';
import { normaliseIp, recordAudit } from '@/lib/audit/record-audit';
import type { RequestContext } from '@/lib/audit/request-context';
import { logger } from '@/lib/logger';
import { decoyPasswordHash, verifyPassword } from './password';
import { verifySecondFactorCode } from './second-factor';
import { signInSchema } from './schemas';
import { releaseSignInAttempt, reserveSignInAttempt, type ThrottleDecision, type ThrottleScope } from './sign-in-throttle';

export const maxFailedSignIns = 5;
export const lockoutMinutes = 15;

/** `code_required` and `invalid_code` are only ever said after the right password (two-step sign-in is on). */
export type SignInFailure = 'invalid_input' | 'invalid_credentials' | 'locked' | 'inactive' | 'throttled' | 'code_required' | 'invalid_code';
export type SignInResult =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; reason: SignInFailure; /** Only for `throttled`. */ retryAfterSeconds?: number };

/**
 * Signs in under the rate limits of lib/auth/sign-in-throttle.ts: per client address first, then per typed
 * e-mail address. A throttled attempt is refused before the account is even looked up, so it checks no
 * password and its answer time says nothing about the account. Slots are given back when the attempt
 * succeeds, so the limits count failures only. `request.ipAddress` is what the trusted proxy reported (README,
 * "Sign-in rate limits"); without one only the per-account limit applies.
 */
export async function authenticate(input: unknown, request: RequestContext): Promise<SignInResult> {
  const db = getDb();
  const address = normaliseIp(request.ipAddress);
  const byAddress = address ? await reserveSignInAttempt(db, 'ip', address) : null;
  if (byAddress && !byAddress.allowed) return refuseThrottled('ip', byAddress, request, null);
  const parsed = signInSchema.safeParse(input);
  const byAccount = parsed.success ? await reserveSignInAttempt(db, 'account', parsed.data.email) : null;
  if (byAccount && !byAccount.allowed) {
    if (byAddress?.allowed) await releaseSignInAttempt(db, byAddress.reservation);
    return refuseThrottled('account', byAccount, request, parsed.success ? parsed.data.email : null);
  }
  const result = await checkCredentials(input, request);
  // The right password with the code still to come, or for a deactivated account, is no guess either.
  if (result.ok || result.reason === 'code_required' || result.reason === 'inactive') {
    for (const decision of [byAddress, byAccount]) if (decision?.allowed) await releaseSignInAttempt(db, decision.reservation);
  }
  return result;
}

/** Audits the first refusal of a window per key (later ones only go to the log, so a flood can't fill the audit log). */
async function refuseThrottled(scope: ThrottleScope, decision: Extract<ThrottleDecision, { allowed: false }>, request: RequestContext, email: string | null): Promise<SignInResult> {
  const details = { reason: 'throttled', scope, retryAfterSeconds: decision.retryAfterSeconds, ...(email ? { email: email.slice(0, 254) } : {}) };
  if (decision.isFirstRefusal) await recordAudit(getDb(), { action: 'auth.sign_in', outcome: 'denied', request, details });
  else logger.warn({ ...details, ipAddress: request.ipAddress }, 'sign-in throttled');
  return { ok: false, reason: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
}

/**
 * Checks credentials with a lockout after repeated failures. Unknown addresses and wrong passwords get the
 * same answer; the lock is said plainly so a locked-out officer knows to wait rather than retry.
 */
async function checkCredentials(input: unknown, request: RequestContext): Promise<SignInResult> {
  const db = getDb();
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    await recordAudit(db, { action: 'auth.sign_in', outcome: 'failure', request, details: { reason: 'invalid_input' } });
    return { ok: false, reason: 'invalid_input' };
  }
  const { email, password } = parsed.data;
  const [user] = await db
    .select({
      id: users.id,
      role: users.role,
      organisationId: users.organisationId,
      passwordHash: users.passwordHash,
      isActive: users.isActive,
      isOrganisationActive: organisations.isActive,
      lockedUntil: users.lockedUntil,
      sessionVersion: users.sessionVersion,
      totpSecret: users.totpSecret,
      totpEnabledAt: users.totpEnabledAt,
      totpLastUsedStep: users.totpLastUsedStep,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    // An API key's account has no password anyone knows; it is answered like an unknown address.
    .where(and(sql`lower(${users.email}) = lower(${email})`, eq(users.isApiKeyAccount, false)))
    .limit(1);

  if (!user) {
    await verifyPassword(await decoyPasswordHash(), password);
    await recordAudit(db, {
      action: 'auth.sign_in',
      outcome: 'failure',
      request,
      details: { reason: 'unknown_email', email: email.slice(0, 254) },
    });
    return { ok: false, reason: 'invalid_credentials' };
  }
  const actor = { userId: user.id, organisationId: user.organisationId, role: user.role };
  const audit = { action: 'auth.sign_in', entityType: 'user', entityId: user.id, request, actor } as const;

  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await recordAudit(db, { ...audit, outcome: 'denied', details: { reason: 'locked', lockedUntil: user.lockedUntil.toISOString() } });
    return { ok: false, reason: 'locked' };
  }

  if (!(await verifyPassword(user.passwordHash, password))) {
    const isNowLocked = await countFailedSignIn(user.id);
    await recordAudit(db, { ...audit, outcome: 'failure', details: { reason: 'wrong_password', locked: isNowLocked } });
    return { ok: false, reason: isNowLocked ? 'locked' : 'invalid_credentials' };
  }

  if (!user.isActive || !user.isOrganisationActive) {
    await recordAudit(db, { ...audit, outcome: 'denied', details: { reason: 'inactive' } });
    return { ok: false, reason: 'inactive' };
  }

  // Two-step sign-in: no session without the authenticator's code; a wrong or reused one counts like a wrong password.
  if (user.totpEnabledAt) {
    const code = parsed.data.code ?? '';
    if (!code) {
      await recordAudit(db, { ...audit, outcome: 'denied', details: { reason: 'second_factor_required' } });
      return { ok: false, reason: 'code_required' };
    }
    const check = await verifySecondFactorCode(db, user, code);
    if (check !== 'ok') {
      const isNowLocked = await countFailedSignIn(user.id);
      await recordAudit(db, { ...audit, outcome: 'failure', details: { reason: check === 'reused' ? 'reused_code' : 'wrong_code', locked: isNowLocked } });
      return { ok: false, reason: isNowLocked ? 'locked' : 'invalid_code' };
    }
  }

  await db
    .update(users)
    .set({ failedSignInCount: 0, lockedUntil: null, lastSignInAt: sql`now()` })
    .where(eq(users.id, user.id));
  await recordAudit(db, { ...audit, outcome: 'success' });
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}

/** One more failure (wrong password or code): the fifth in a row locks the account. True when it is now locked. */
async function countFailedSignIn(userId: string): Promise<boolean> {
  const [after] = await getDb()
    .update(users)
    .set({
      failedSignInCount: sql`case when ${users.failedSignInCount} + 1 >= ${maxFailedSignIns} then 0 else ${users.failedSignInCount} + 1 end`,
      lockedUntil: sql`case when ${users.failedSignInCount} + 1 >= ${maxFailedSignIns} then now() + make_interval(mins => ${lockoutMinutes}) else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ lockedUntil: users.lockedUntil });
  return Boolean(after?.lockedUntil && after.lockedUntil > new Date());
}
