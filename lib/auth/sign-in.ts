import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { organisations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { decoyPasswordHash, verifyPassword } from './password';
import { signInSchema } from './schemas';

export const maxFailedSignIns = 5;
export const lockoutMinutes = 15;

export type SignInFailure = 'invalid_input' | 'invalid_credentials' | 'locked' | 'inactive';
export type SignInResult = { ok: true; userId: string; sessionVersion: number } | { ok: false; reason: SignInFailure };

/**
 * Checks credentials with a lockout after repeated failures. Unknown addresses and wrong passwords get the
 * same answer; the lock is said plainly so a locked-out officer knows to wait rather than retry.
 */
export async function authenticate(input: unknown, ipAddress: string | null): Promise<SignInResult> {
  const db = getDb();
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    await recordAudit(db, { action: 'auth.sign_in', outcome: 'failure', ipAddress, details: { reason: 'invalid_input' } });
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
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);

  if (!user) {
    await verifyPassword(await decoyPasswordHash(), password);
    await recordAudit(db, {
      action: 'auth.sign_in',
      outcome: 'failure',
      ipAddress,
      details: { reason: 'unknown_email', email: email.slice(0, 254) },
    });
    return { ok: false, reason: 'invalid_credentials' };
  }
  const actor = { userId: user.id, organisationId: user.organisationId, role: user.role };
  const audit = { action: 'auth.sign_in', entityType: 'user', entityId: user.id, ipAddress, actor } as const;

  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await recordAudit(db, { ...audit, outcome: 'denied', details: { reason: 'locked', lockedUntil: user.lockedUntil.toISOString() } });
    return { ok: false, reason: 'locked' };
  }

  if (!(await verifyPassword(user.passwordHash, password))) {
    const [after] = await db
      .update(users)
      .set({
        failedSignInCount: sql`case when ${users.failedSignInCount} + 1 >= ${maxFailedSignIns} then 0 else ${users.failedSignInCount} + 1 end`,
        lockedUntil: sql`case when ${users.failedSignInCount} + 1 >= ${maxFailedSignIns} then now() + make_interval(mins => ${lockoutMinutes}) else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, user.id))
      .returning({ lockedUntil: users.lockedUntil });
    const isNowLocked = Boolean(after?.lockedUntil && after.lockedUntil > new Date());
    await recordAudit(db, { ...audit, outcome: 'failure', details: { reason: 'wrong_password', locked: isNowLocked } });
    return { ok: false, reason: isNowLocked ? 'locked' : 'invalid_credentials' };
  }

  if (!user.isActive || !user.isOrganisationActive) {
    await recordAudit(db, { ...audit, outcome: 'denied', details: { reason: 'inactive' } });
    return { ok: false, reason: 'inactive' };
  }

  await db
    .update(users)
    .set({ failedSignInCount: 0, lockedUntil: null, lastSignInAt: sql`now()` })
    .where(eq(users.id, user.id));
  await recordAudit(db, { ...audit, outcome: 'success' });
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}
