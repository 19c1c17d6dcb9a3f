import 'server-only';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { organisations, userInvitations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { checkPasswordPolicy } from '@/lib/auth/password-policy';
import { requirePermission } from '@/lib/auth/permissions';
import type { UserVersionInput } from '@/lib/directory/schemas';
import { invitationLifetimeHours, type AcceptInvitationInput } from './schemas';
import { invitationTokenHash, newInvitationToken } from './token';
import { DomainError } from '@/lib/domain-error';


/** A link as the admin sees it the one time it exists in clear. */
export interface IssuedInvitation {
  token: string;
  expiresAt: Date;
}

/**
 * Inside the caller's transaction: ends any link of the user that is still open (used or not, expired or
 * not) and stores a new one. Only the token's hash is written; the token is returned once.
 */
export async function issueInvitationIn(tx: Transaction, userId: string, createdBy: string): Promise<IssuedInvitation & { replaced: number }> {
  const replaced = await tx
    .update(userInvitations)
    .set({ revokedAt: sql`now()`, revokedReason: 'reissued' })
    .where(and(eq(userInvitations.userId, userId), isNull(userInvitations.usedAt), isNull(userInvitations.revokedAt)))
    .returning({ id: userInvitations.id });
  const { token, tokenHash } = newInvitationToken();
  const [created] = await tx
    .insert(userInvitations)
    .values({ userId, createdBy, tokenHash, expiresAt: sql`now() + make_interval(hours => ${invitationLifetimeHours})` })
    .returning({ expiresAt: userInvitations.expiresAt });
  if (!created) throw new Error('invitation not created');
  return { token, expiresAt: created.expiresAt, replaced: replaced.length };
}

/** The account row, locked, at the version the admin saw; bumps the version so every open form reloads. */
async function lockUserAtVersion(tx: Transaction, input: UserVersionInput) {
  const [current] = await tx.select().from(users).where(eq(users.id, input.id)).for('update');
  if (!current) throw DomainError.notFound('user');
  if (current.version !== input.version) throw DomainError.conflict('admin.errors.conflict', { changedBy: null, changedAt: current.updatedAt });
  const [updated] = await tx
    .update(users)
    .set({ version: sql`${users.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(users.id, current.id), eq(users.version, input.version)))
    .returning({ version: users.version });
  if (!updated) throw DomainError.conflict('admin.errors.conflict', { changedBy: null, changedAt: current.updatedAt });
  return { current, version: updated.version };
}

/**
 * A new invitation link for an existing account (the first one expired, got lost, or the user forgot their
 * password): any open link stops working. Accepting it sets a new password and ends the user's sessions.
 */
export async function reissueInvitation(actor: Actor, input: UserVersionInput): Promise<IssuedInvitation & { version: number }> {
  requirePermission(actor, 'manage:directory:all');
  if (input.id === actor.userId) throw DomainError.invalid({ _form: ['admin.validation.notYourself'] });
  return getDb().transaction(async (tx) => {
    const { current, version } = await lockUserAtVersion(tx, input);
    if (!current.isActive) throw DomainError.invalid({ _form: ['admin.validation.invitationUserInactive'] });
    const issued = await issueInvitationIn(tx, current.id, actor.userId);
    await recordAudit(tx, {
      actor,
      action: 'admin.user.invitation.issue',
      entityType: 'user',
      entityId: current.id,
      details: { expiresAt: issued.expiresAt.toISOString(), replaced: issued.replaced },
    });
    return { token: issued.token, expiresAt: issued.expiresAt, version };
  });
}

/** Stops the user's open link from working; refused when there is none. */
export async function revokeInvitation(actor: Actor, input: UserVersionInput): Promise<{ version: number }> {
  requirePermission(actor, 'manage:directory:all');
  return getDb().transaction(async (tx) => {
    const { current, version } = await lockUserAtVersion(tx, input);
    const revoked = await tx
      .update(userInvitations)
      .set({ revokedAt: sql`now()`, revokedReason: 'revoked' })
      .where(and(eq(userInvitations.userId, current.id), isNull(userInvitations.usedAt), isNull(userInvitations.revokedAt), gt(userInvitations.expiresAt, sql`now()`)))
      .returning({ id: userInvitations.id });
    if (revoked.length === 0) throw DomainError.invalid({ _form: ['admin.validation.noOpenInvitation'] });
    await recordAudit(tx, { actor, action: 'admin.user.invitation.revoke', entityType: 'user', entityId: current.id });
    return { version };
  });
}

/** The invitation behind a token with its account, and why it can't be used (null when it can). */
async function findInvitation(token: string) {
  const [found] = await getDb()
    .select({
      id: userInvitations.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      organisationId: users.organisationId,
      usedAt: userInvitations.usedAt,
      revokedAt: userInvitations.revokedAt,
      isExpired: sql<boolean>`${userInvitations.expiresAt} <= now()`,
      isUserActive: users.isActive,
      isOrganisationActive: organisations.isActive,
    })
    .from(userInvitations)
    .innerJoin(users, eq(users.id, userInvitations.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(userInvitations.tokenHash, invitationTokenHash(token)))
    .limit(1);
  if (!found) return { found: null, problem: 'unknown' as const };
  const problem = found.usedAt
    ? ('used' as const)
    : found.revokedAt
      ? ('revoked' as const)
      : found.isExpired
        ? ('expired' as const)
        : !found.isUserActive || !found.isOrganisationActive
          ? ('inactive' as const)
          : null;
  return { found, problem };
}

/** For the /invite page: who the link is for, or null for every kind of link that doesn't work. */
export async function lookUpInvitation(token: string): Promise<{ name: string; email: string } | null> {
  const { found, problem } = await findInvitation(token);
  return found && !problem ? { name: found.name, email: found.email } : null;
}

/**
 * The invited person chooses their password. The link is claimed by one conditional update in the same
 * transaction as the password, so two simultaneous uses can't both succeed; the password is hashed before
 * the transaction so no lock waits on argon2. Every refusal is audited with its real reason and answered
 * with the same refusal, `invitation.invalid`: a link reveals nothing about its account.
 */
export async function acceptInvitation(input: AcceptInvitationInput): Promise<{ email: string }> {
  const db = getDb();
  const { found, problem } = await findInvitation(input.token);
  const refuse = async (reason: 'unknown' | 'used' | 'expired' | 'revoked' | 'inactive') => {
    await recordAudit(db, {
      action: 'auth.invitation.accept',
      outcome: 'failure',
      ...(found ? { entityType: 'user', entityId: found.userId } : {}),
      details: { reason },
    });
    return DomainError.refused('invitation.invalid');
  };
  if (!found || problem) throw await refuse(problem ?? 'unknown');

  const policyProblem = checkPasswordPolicy(input.newPassword, { email: found.email, name: found.name });
  if (policyProblem) throw DomainError.invalid({ newPassword: [`password.validation.${policyProblem}`] });
  const passwordHash = await hashPassword(input.newPassword);

  const isAccepted = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(userInvitations)
      .set({ usedAt: sql`now()` })
      .where(and(eq(userInvitations.id, found.id), isNull(userInvitations.usedAt), isNull(userInvitations.revokedAt), gt(userInvitations.expiresAt, sql`now()`)))
      .returning({ id: userInvitations.id });
    if (!claimed) return false;
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: sql`now()`,
        mustChangePassword: false,
        passwordNeedsSecondFactor: false,
        failedSignInCount: 0,
        lockedUntil: null,
        // A reissued link may replace a password someone else knows: their sessions end here.
        sessionVersion: sql`${users.sessionVersion} + 1`,
        version: sql`${users.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, found.userId));
    await recordAudit(tx, {
      actor: { userId: found.userId, organisationId: found.organisationId, role: found.role },
      action: 'auth.invitation.accept',
      entityType: 'user',
      entityId: found.userId,
      details: { invitationId: found.id },
    });
    return true;
  });
  // Lost a race with a simultaneous use of the same link.
  if (!isAccepted) throw await refuse('used');
  return { email: found.email };
}

export type InvitationState = 'none' | 'open' | 'used' | 'expired' | 'revoked';

/** The user's latest invitation link as the admin's user page shows it. */
export interface InvitationStatusView {
  state: InvitationState;
  /** When it was used, revoked or expires/expired, for the state shown. */
  at: Date | null;
}

export async function getInvitationStatus(actor: Actor, userId: string): Promise<InvitationStatusView> {
  requirePermission(actor, 'manage:directory:all');
  const [latest] = await getDb()
    .select({
      usedAt: userInvitations.usedAt,
      revokedAt: userInvitations.revokedAt,
      expiresAt: userInvitations.expiresAt,
      isExpired: sql<boolean>`${userInvitations.expiresAt} <= now()`,
    })
    .from(userInvitations)
    .where(eq(userInvitations.userId, userId))
    .orderBy(desc(userInvitations.createdAt))
    .limit(1);
  if (!latest) return { state: 'none', at: null };
  if (latest.usedAt) return { state: 'used', at: latest.usedAt };
  if (latest.revokedAt) return { state: 'revoked', at: latest.revokedAt };
  return { state: latest.isExpired ? 'expired' : 'open', at: latest.expiresAt };
}
