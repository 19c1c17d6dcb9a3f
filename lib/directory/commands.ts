import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { getDb, type Transaction } from '@/db/client';
import { foreignMissions, organisations, provinces, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { generateOneTimePassword, hashPassword } from '@/lib/auth/password';
import { emailInvitationIn, issueInvitationIn, type EmailedInvitation, type IssuedInvitation } from '@/lib/invitations/commands';
import { can, requirePermission } from '@/lib/auth/permissions';
import { addEmbassyMissionFor } from '@/lib/missions/commands';
import { roleFitsOrganisation } from '@/lib/auth/roles';
import {
  dutyEmailAddressesOf,
  organisationNeedsProvince,
  type CreateOrganisationInput,
  type CreateUserInput,
  type SetOrganisationActiveInput,
  type SetUserActiveInput,
  type UpdateOrganisationInput,
  type UpdateUserInput,
  type UserVersionInput,
} from './schemas';
import { DomainError } from '@/lib/domain-error';


/** The driver's error code (postgres.js and PGlite both set `code`; drizzle wraps it in `cause`). */
function postgresErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Field → { from, to } for the fields that changed, so the audit entry says what the admin did. */
function changesBetween<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    // Compared as JSON so that a list (the duty addresses) counts as changed only when its items did.
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = { from: before[key] ?? null, to: value ?? null };
  }
  return changes;
}

// ——— Organisations ———

function organisationColumns(input: CreateOrganisationInput) {
  const isEmbassy = input.kind === 'embassy';
  return {
    nameEn: input.nameEn,
    nameKm: input.nameKm,
    nameZh: input.nameZh,
    provinceCode: organisationNeedsProvince(input.kind) ? input.provinceCode : null,
    countryCode: isEmbassy ? input.countryCode : null,
    ...(input.requiresTotp === undefined ? {} : { requiresTotp: input.requiresTotp }),
    ...(input.dutyEmailAddresses === undefined ? {} : { dutyEmailAddresses: dutyEmailAddressesOf(input.dutyEmailAddresses) }),
    ...(isEmbassy ? { ackDeadlineHours: Number(input.ackDeadlineHours), detentionAckDeadlineHours: Number(input.detentionAckDeadlineHours) } : {}),
  };
}

async function checkOrganisationRules(tx: Transaction, input: CreateOrganisationInput, exceptId?: string) {
  if (organisationNeedsProvince(input.kind)) {
    const [province] = await tx.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, input.provinceCode)).limit(1);
    if (!province) throw DomainError.invalid({ provinceCode: ['admin.validation.provinceRequired'] });
  }
  // Several embassy-kind organisations may share a country (the embassy and its consular posts on CaseBridge), but
  // one linked from the directory must keep its mission's country.
  if (input.kind === 'embassy' && exceptId) {
    const [mission] = await tx
      .select({ countryCode: foreignMissions.countryCode })
      .from(foreignMissions)
      .where(eq(foreignMissions.organisationId, exceptId))
      .limit(1);
    if (mission && mission.countryCode !== input.countryCode) throw DomainError.invalid({ countryCode: ['admin.validation.countryOfMission'] });
  }
}

/** A stable natural key such as `embassy-fr` or `police-kkg`, made unique with a number when taken. */
async function uniqueSlug(tx: Transaction, input: CreateOrganisationInput): Promise<string> {
  const place = input.kind === 'embassy' ? input.countryCode : organisationNeedsProvince(input.kind) ? input.provinceCode : input.nameEn;
  const base = `${input.kind.replace('_', '-')}-${place}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56);
  for (let attempt = 1; ; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    const [taken] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug)).limit(1);
    if (!taken) return slug;
  }
}

/** Turns a unique-index race the checks above could not see into the same field error. */
function rethrowUniqueViolation(error: unknown, fieldErrors: Record<string, string[]>): never {
  if (postgresErrorCode(error) === '23505') throw DomainError.invalid(fieldErrors);
  throw error;
}

/**
 * An embassy-kind organisation whose country has no embassy in the directory yet becomes that embassy's entry, in
 * the same transaction. Otherwise the admin links it from the missions pages (/admin/missions) to its entry: a
 * consular post's, or the embassy's when an embassy listed off CaseBridge joins.
 */
export async function createOrganisation(actor: Actor, input: CreateOrganisationInput): Promise<{ id: string }> {
  requirePermission(actor, 'manage:directory:all');
  return getDb()
    .transaction(async (tx) => {
      await checkOrganisationRules(tx, input);
      const slug = await uniqueSlug(tx, input);
      const [created] = await tx
        .insert(organisations)
        .values({ slug, kind: input.kind, ...organisationColumns(input) })
        .returning();
      if (!created) throw new Error('organisation not created');
      const embassyMissionId = created.countryCode ? await addEmbassyMissionFor(tx, { ...created, countryCode: created.countryCode }) : null;
      await recordAudit(tx, {
        actor,
        action: 'admin.organisation.create',
        entityType: 'organisation',
        entityId: created.id,
        details: {
          slug,
          kind: created.kind,
          nameEn: created.nameEn,
          provinceCode: created.provinceCode,
          countryCode: created.countryCode,
          ackDeadlineHours: created.ackDeadlineHours,
          detentionAckDeadlineHours: created.detentionAckDeadlineHours,
          requiresTotp: created.requiresTotp,
          embassyMissionId,
        },
      });
      return { id: created.id };
    })
    .catch((error: unknown) => rethrowUniqueViolation(error, { _form: ['admin.validation.savedMeanwhile'] }));
}

async function lockOrganisation(tx: Transaction, id: string, version: number) {
  const [current] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
  if (!current) throw DomainError.notFound('organisation');
  if (current.version !== version) throw DomainError.conflict('admin.errors.conflict', { changedBy: null, changedAt: current.updatedAt });
  return current;
}

/** Writes the changes to the organisation locked at `version` and returns its next version. */
async function updateLockedOrganisation(tx: Transaction, current: { id: string; updatedAt: Date }, version: number, changes: PgUpdateSetSource<typeof organisations>): Promise<number> {
  const [updated] = await tx
    .update(organisations)
    .set({ ...changes, version: sql`${organisations.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(organisations.id, current.id), eq(organisations.version, version)))
    .returning({ version: organisations.version });
  if (!updated) throw DomainError.conflict('admin.errors.conflict', { changedBy: null, changedAt: current.updatedAt });
  return updated.version;
}

export async function updateOrganisation(actor: Actor, input: UpdateOrganisationInput): Promise<{ version: number }> {
  requirePermission(actor, 'manage:directory:all');
  return getDb()
    .transaction(async (tx) => {
      const current = await lockOrganisation(tx, input.id, input.version);
      // Users' roles were chosen to fit the kind; changing it would leave them in the wrong kind of organisation.
      if (input.kind !== current.kind) throw DomainError.invalid({ kind: ['admin.validation.kindFixed'] });
      await checkOrganisationRules(tx, input, current.id);
      const columns = organisationColumns(input);
      const version = await updateLockedOrganisation(tx, current, input.version, columns);
      await recordAudit(tx, {
        actor,
        action: 'admin.organisation.update',
        entityType: 'organisation',
        entityId: current.id,
        details: { changes: changesBetween(current, columns) },
      });
      return { version };
    });
}

/** Deactivating an organisation ends its users' sessions at their next request (`loadActor` checks it). */
export async function setOrganisationActive(actor: Actor, input: SetOrganisationActiveInput): Promise<{ version: number }> {
  requirePermission(actor, 'manage:directory:all');
  if (!input.isActive && input.id === actor.organisationId) throw DomainError.invalid({ _form: ['admin.validation.notOwnOrganisation'] });
  return getDb().transaction(async (tx) => {
    const current = await lockOrganisation(tx, input.id, input.version);
    const version = await updateLockedOrganisation(tx, current, input.version, { isActive: input.isActive });
    await recordAudit(tx, {
      actor,
      action: input.isActive ? 'admin.organisation.reactivate' : 'admin.organisation.deactivate',
      entityType: 'organisation',
      entityId: current.id,
      details: { wasActive: current.isActive },
    });
    return { version };
  });
}

// ——— Users ———

async function checkUserPlacement(tx: Transaction, input: Pick<CreateUserInput, 'role' | 'organisationId'>) {
  const [organisation] = await tx
    .select({ kind: organisations.kind, isActive: organisations.isActive })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId))
    .limit(1);
  if (!organisation) throw DomainError.invalid({ organisationId: ['validation.invalidChoice'] });
  if (!organisation.isActive) throw DomainError.invalid({ organisationId: ['admin.validation.organisationInactive'] });
  if (!roleFitsOrganisation(input.role, organisation.kind)) throw DomainError.invalid({ role: ['admin.validation.roleDoesNotFit'] });
}

async function checkEmailFree(tx: Transaction, email: string, exceptUserId?: string) {
  const [other] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, exceptUserId ? ne(users.id, exceptUserId) : undefined))
    .limit(1);
  if (other) throw DomainError.invalid({ email: ['admin.validation.emailTaken'] });
}

/**
 * Whose accounts the actor manages: every organisation's for the platform admin, only their own organisation's
 * for an organisation administrator (who may not create platform administrators: the kind already refuses it).
 */
function managedOrganisationOf(actor: Actor): 'all' | string {
  if (can(actor, 'manage:directory:all')) return 'all';
  requirePermission(actor, 'manage:users:own-organisation');
  return actor.organisationId;
}

async function lockUser(tx: Transaction, id: string, version: number, managed: 'all' | string = 'all') {
  const [current] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, id), managed === 'all' ? undefined : eq(users.organisationId, managed)))
    .for('update');
  if (!current) throw DomainError.notFound('user');
  if (current.version !== version) throw DomainError.conflict('admin.errors.conflict', { changedBy: null, changedAt: current.updatedAt });
  return current;
}

/** Writes the changes to the user locked at `version` and returns their next version. */
async function updateLockedUser(tx: Transaction, current: { id: string; updatedAt: Date }, version: number, changes: PgUpdateSetSource<typeof users>): Promise<number> {
  const [updated] = await tx
    .update(users)
    .set({ ...changes, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(users.id, current.id), eq(users.version, version)))
    .returning({ version: users.version });
  if (!updated) throw DomainError.conflict('admin.errors.conflict', { changedBy: null, changedAt: current.updatedAt });
  return updated.version;
}

export type CreatedUserAccount = { id: string } & (
  | { credential: 'one_time_password'; oneTimePassword: string }
  | { credential: 'invitation'; invitation: IssuedInvitation }
  | { credential: 'emailed_invitation'; emailed: EmailedInvitation }
);

/**
 * Creates an account with a one-time password or an invitation link, either returned here once and never
 * stored in clear — or the link e-mailed to the new address in the same transaction, and not returned at all. An
 * invited account gets a random password nobody knows until the link sets a real one (a real argon2 hash, so
 * signing in to it takes as long as to any other account).
 */
export async function createUserAccount(actor: Actor, input: CreateUserInput): Promise<CreatedUserAccount> {
  const managed = managedOrganisationOf(actor);
  if (managed !== 'all' && input.organisationId !== managed) throw DomainError.invalid({ organisationId: ['validation.invalidChoice'] });
  const isInvitation = input.credential !== 'one_time_password';
  const oneTimePassword = generateOneTimePassword();
  // Hashing takes a moment of CPU on purpose; do it before the transaction holds any lock.
  const passwordHash = await hashPassword(isInvitation ? randomBytes(32).toString('base64url') : oneTimePassword);
  return getDb()
    .transaction(async (tx) => {
      await checkUserPlacement(tx, input);
      await checkEmailFree(tx, input.email);
      const [created] = await tx
        .insert(users)
        .values({
          organisationId: input.organisationId,
          role: input.role,
          name: input.name,
          email: input.email,
          preferredLocale: input.preferredLocale,
          passwordHash,
          mustChangePassword: !isInvitation,
        })
        .returning();
      if (!created) throw new Error('user not created');
      const invitation = isInvitation ? await issueInvitationIn(tx, created.id, actor.userId) : null;
      const emailed = invitation && input.credential === 'emailed_invitation' ? await emailInvitationIn(tx, created, invitation) : null;
      await recordAudit(tx, {
        actor,
        action: 'admin.user.create',
        entityType: 'user',
        entityId: created.id,
        details: {
          email: input.email,
          role: input.role,
          organisationId: input.organisationId,
          credential: input.credential,
          oneTimePassword: !isInvitation,
          ...(invitation ? { invitationExpiresAt: invitation.expiresAt.toISOString() } : {}),
          ...(emailed ? { mail: { kind: emailed.kind, deliveryId: emailed.deliveryId } } : {}),
        },
      });
      if (emailed) return { id: created.id, credential: 'emailed_invitation' as const, emailed };
      return invitation
        ? { id: created.id, credential: 'invitation' as const, invitation: { token: invitation.token, expiresAt: invitation.expiresAt } }
        : { id: created.id, credential: 'one_time_password' as const, oneTimePassword };
    })
    .catch((error: unknown) => rethrowUniqueViolation(error, { email: ['admin.validation.emailTaken'] }));
}

/** A new role or organisation ends the user's sessions, so they never act with rights they no longer have. */
export async function updateUserAccount(actor: Actor, input: UpdateUserInput): Promise<{ version: number }> {
  requirePermission(actor, 'manage:directory:all');
  return getDb()
    .transaction(async (tx) => {
      const current = await lockUser(tx, input.id, input.version);
      const isMovingOrRoleChange = current.role !== input.role || current.organisationId !== input.organisationId;
      if (isMovingOrRoleChange && current.id === actor.userId) throw DomainError.invalid({ role: ['admin.validation.notYourself'] });
      if (isMovingOrRoleChange) await checkUserPlacement(tx, input);
      await checkEmailFree(tx, input.email, current.id);
      const columns = { name: input.name, email: input.email, role: input.role, organisationId: input.organisationId, preferredLocale: input.preferredLocale };
      const version = await updateLockedUser(tx, current, input.version, {
        ...columns,
        ...(isMovingOrRoleChange ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      });
      await recordAudit(tx, {
        actor,
        action: 'admin.user.update',
        entityType: 'user',
        entityId: current.id,
        details: { changes: changesBetween(current, columns), sessionsEnded: isMovingOrRoleChange },
      });
      return { version };
    })
    .catch((error: unknown) => rethrowUniqueViolation(error, { email: ['admin.validation.emailTaken'] }));
}

/** Deactivation ends the user's sessions at their next request; reactivation lets them sign in again. */
export async function setUserActive(actor: Actor, input: SetUserActiveInput): Promise<{ version: number }> {
  const managed = managedOrganisationOf(actor);
  if (input.id === actor.userId) throw DomainError.invalid({ _form: ['admin.validation.notYourself'] });
  return getDb().transaction(async (tx) => {
    const current = await lockUser(tx, input.id, input.version, managed);
    const version = await updateLockedUser(tx, current, input.version, {
      isActive: input.isActive,
      ...(input.isActive ? {} : { sessionVersion: sql`${users.sessionVersion} + 1` }),
    });
    await recordAudit(tx, {
      actor,
      action: input.isActive ? 'admin.user.reactivate' : 'admin.user.deactivate',
      entityType: 'user',
      entityId: current.id,
      details: { wasActive: current.isActive },
    });
    return { version };
  });
}

/** Lifts a sign-in lockout before its 15 minutes are over. */
export async function unlockUser(actor: Actor, input: UserVersionInput): Promise<{ version: number }> {
  requirePermission(actor, 'manage:directory:all');
  return getDb().transaction(async (tx) => {
    const current = await lockUser(tx, input.id, input.version);
    const version = await updateLockedUser(tx, current, input.version, { lockedUntil: null, failedSignInCount: 0 });
    await recordAudit(tx, {
      actor,
      action: 'admin.user.unlock',
      entityType: 'user',
      entityId: current.id,
      details: { lockedUntil: current.lockedUntil?.toISOString() ?? null, failedSignInCount: current.failedSignInCount },
    });
    return { version };
  });
}

/**
 * Replaces the password with a new one-time password (returned once), which the user must change at their
 * next sign-in; ends their sessions and lifts any lockout.
 */
export async function resetUserPassword(actor: Actor, input: UserVersionInput): Promise<{ version: number; oneTimePassword: string }> {
  const managed = managedOrganisationOf(actor);
  if (input.id === actor.userId) throw DomainError.invalid({ _form: ['admin.validation.resetOwnPassword'] });
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return getDb().transaction(async (tx) => {
    const current = await lockUser(tx, input.id, input.version, managed);
    const version = await updateLockedUser(tx, current, input.version, {
      passwordHash,
      mustChangePassword: true,
      passwordChangedAt: sql`now()`,
      lockedUntil: null,
      failedSignInCount: 0,
      sessionVersion: sql`${users.sessionVersion} + 1`,
    });
    await recordAudit(tx, { actor, action: 'admin.user.reset_password', entityType: 'user', entityId: current.id });
    return { version, oneTimePassword };
  });
}

/**
 * Removes a user's second factor (a lost or replaced phone) and ends their sessions. They sign in with the
 * password alone and, if their role or organisation requires two-step sign-in, must set it up again first;
 * a password that was allowed only because of the second factor must be changed first.
 */
export async function resetUserSecondFactor(actor: Actor, input: UserVersionInput): Promise<{ version: number }> {
  requirePermission(actor, 'manage:directory:all');
  // An admin's own factor is theirs to replace from their account page, with a code; not through this back door.
  if (input.id === actor.userId) throw DomainError.invalid({ _form: ['admin.validation.notYourself'] });
  return getDb().transaction(async (tx) => {
    const current = await lockUser(tx, input.id, input.version);
    if (!current.totpSecret && !current.totpEnabledAt) throw DomainError.invalid({ _form: ['admin.validation.noSecondFactor'] });
    const version = await updateLockedUser(tx, current, input.version, {
      totpSecret: null,
      totpEnabledAt: null,
      totpLastUsedStep: null,
      ...(current.passwordNeedsSecondFactor ? { mustChangePassword: true } : {}),
      sessionVersion: sql`${users.sessionVersion} + 1`,
    });
    await recordAudit(tx, {
      actor,
      action: 'admin.user.reset_second_factor',
      entityType: 'user',
      entityId: current.id,
      details: { enabledAt: current.totpEnabledAt?.toISOString() ?? null, mustChangePassword: current.passwordNeedsSecondFactor },
    });
    return { version };
  });
}
