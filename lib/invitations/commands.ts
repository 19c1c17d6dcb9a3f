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
import type { Locale } from '@/lib/i18n/locales';
import { mailConfig } from '@/lib/mail/config';
import { queueAccountLinkMail, type AccountLinkMailKind } from '@/lib/mail/invitation';
import { invitationLifetimeHours, type AcceptInvitationInput, type ReissueInvitationInput } from './schemas';
import { invitationTokenHash, newInvitationToken } from './token';
import { DomainError } from '@/lib/domain-error';

/** A link as the admin sees it the one time it exists in clear. */
export interface IssuedInvitation {
  token: string;
  expiresAt: Date;
}

/** A link e-mailed to the account's holder instead of shown to the admin: where and when, never the link itself. */
export interface EmailedInvitation {
  deliveryId: string;
  kind: AccountLinkMailKind;
  address: string;
  queuedAt: Date;
  expiresAt: Date;
  /** No mail server is configured (SMTP_URL): the message is stored for /admin/outbox, not sent. */
  isStoredOnly: boolean;
}

/**
 * Inside the caller's transaction: ends any link of the user that is still open (used or not, expired or
 * not) and stores a new one. Only the token's hash is written; the token is returned once.
 */
export async function issueInvitationIn(tx: Transaction, userId: string, createdBy: string): Promise<IssuedInvitation & { id: string; replaced: number }> {
  const replaced = await tx
    .update(userInvitations)
    .set({ revokedAt: sql`now()`, revokedReason: 'reissued' })
    .where(and(eq(userInvitations.userId, userId), isNull(userInvitations.usedAt), isNull(userInvitations.revokedAt)))
    .returning({ id: userInvitations.id });
  const { token, tokenHash } = newInvitationToken();
  const [created] = await tx
    .insert(userInvitations)
    .values({ userId, createdBy, tokenHash, expiresAt: sql`now() + make_interval(hours => ${invitationLifetimeHours})` })
    .returning({ id: userInvitations.id, expiresAt: userInvitations.expiresAt });
  if (!created) throw new Error('invitation not created');
  return { id: created.id, token, expiresAt: created.expiresAt, replaced: replaced.length };
}

/**
 * Inside the transaction that issued the link — the only place its token exists in clear — queues its e-mail to
 * the account's own address, in the holder's language: an invitation for an account nobody has signed in to yet, a
 * password reset for one that has.
 */
export async function emailInvitationIn(
  tx: Transaction,
  user: { id: string; email: string; preferredLocale: Locale; organisationId: string; role: (typeof users.$inferSelect)['role']; lastSignInAt: Date | null },
  issued: IssuedInvitation & { id: string },
): Promise<EmailedInvitation> {
  const [organisation] = await tx
    .select({ en: organisations.nameEn, km: organisations.nameKm, zh: organisations.nameZh })
    .from(organisations)
    .where(eq(organisations.id, user.organisationId));
  if (!organisation) throw new Error('organisation of the invited user not found');
  const config = mailConfig();
  const kind: AccountLinkMailKind = user.lastSignInAt ? 'password_reset' : 'invitation';
  const queuedAt = new Date();
  const deliveryId = await queueAccountLinkMail(
    tx,
    { invitationId: issued.id, user, facts: { kind, token: issued.token, expiresAt: issued.expiresAt, organisation, role: user.role, baseUrl: config.baseUrl } },
    queuedAt,
  );
  return { deliveryId, kind, address: user.email, queuedAt, expiresAt: issued.expiresAt, isStoredOnly: !config.smtpUrl };
}

/** What the admin gets back from issuing a link: the link to pass on, or where it was e-mailed. */
export type ReissuedInvitation = { version: number } & ({ shown: IssuedInvitation } | { emailed: EmailedInvitation });

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
 * password): any open link stops working. Accepting it sets a new password and ends the user's sessions. Shown to
 * the admin once, or e-mailed to the account's address (`sendByEmail`).
 */
export async function reissueInvitation(actor: Actor, input: ReissueInvitationInput): Promise<ReissuedInvitation> {
  requirePermission(actor, 'manage:directory:all');
  if (input.id === actor.userId) throw DomainError.invalid({ _form: ['admin.validation.notYourself'] });
  return getDb().transaction(async (tx) => {
    const { current, version } = await lockUserAtVersion(tx, input);
    if (!current.isActive) throw DomainError.invalid({ _form: ['admin.validation.invitationUserInactive'] });
    const issued = await issueInvitationIn(tx, current.id, actor.userId);
    const emailed = input.sendByEmail ? await emailInvitationIn(tx, current, issued) : null;
    await recordAudit(tx, {
      actor,
      action: 'admin.user.invitation.issue',
      entityType: 'user',
      entityId: current.id,
      details: {
        expiresAt: issued.expiresAt.toISOString(),
        replaced: issued.replaced,
        delivery: emailed ? 'email' : 'shown',
        ...(emailed ? { mail: { kind: emailed.kind, deliveryId: emailed.deliveryId } } : {}),
      },
    });
    return emailed ? { version, emailed } : { version, shown: { token: issued.token, expiresAt: issued.expiresAt } };
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
