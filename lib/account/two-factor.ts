import 'server-only';
import { eq, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { verifySecondFactorCode } from '@/lib/auth/second-factor';
import { generateTotpSecret, totpUri } from '@/lib/auth/totp';
import { sealTotpSecret } from '@/lib/auth/totp-secret-box';
import { DomainError, isDomainError } from '@/lib/domain-error';

/** What the account page shows about two-step sign-in. */
export interface SecondFactorStatus {
  enabledAt: Date | null;
  /** Admins and users of an organisation that requires it cannot turn it off themselves. */
  isRequired: boolean;
}

export async function getSecondFactorStatus(actor: Actor): Promise<SecondFactorStatus> {
  requirePermission(actor, 'update:account:own');
  const [row] = await getDb().select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!row) throw DomainError.notFound('user');
  return { enabledAt: row.enabledAt, isRequired: actor.isSecondFactorRequired };
}

/** The new secret, shown once: as a QR code for the app and as text for typing in by hand. */
export interface SecondFactorSetup {
  secret: string;
  otpauthUri: string;
  /** An SVG QR code as a data: URL, for an <img> with a text alternative. */
  qrCodeDataUrl: string;
}

/**
 * Starts setting up two-step sign-in: a new secret is stored (encrypted) but not yet in force; it is turned
 * on only when the user proves their app has it (`confirmSecondFactorSetup`). Starting again replaces it.
 */
export async function startSecondFactorSetup(actor: Actor): Promise<SecondFactorSetup> {
  requirePermission(actor, 'update:account:own');
  const secret = generateTotpSecret();
  const otpauthUri = totpUri(secret, actor.email);
  await getDb().transaction(async (tx) => {
    const [current] = await tx.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, actor.userId)).for('update');
    if (!current) throw DomainError.notFound('user');
    if (current.enabledAt) throw DomainError.invalid({ _form: ['twoFactor.errors.alreadyOn'] });
    await tx
      .update(users)
      .set({ totpSecret: sealTotpSecret(secret, actor.userId), totpLastUsedStep: null, updatedAt: sql`now()` })
      .where(eq(users.id, actor.userId));
    await recordAudit(tx, { actor, action: 'account.second_factor.setup_start', entityType: 'user', entityId: actor.userId });
  });
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** Turns two-step sign-in on once a current code from the new secret is entered. */
export async function confirmSecondFactorSetup(actor: Actor, input: { code: string }): Promise<void> {
  requirePermission(actor, 'update:account:own');
  const audit = { actor, action: 'account.second_factor.enable', entityType: 'user', entityId: actor.userId } as const;
  await getDb().transaction(async (tx) => {
    const [current] = await tx
      .select({ id: users.id, totpSecret: users.totpSecret, totpEnabledAt: users.totpEnabledAt, totpLastUsedStep: users.totpLastUsedStep })
      .from(users)
      .where(eq(users.id, actor.userId))
      .for('update');
    if (!current) throw DomainError.notFound('user');
    if (current.totpEnabledAt) throw DomainError.invalid({ _form: ['twoFactor.errors.alreadyOn'] });
    if (!current.totpSecret) throw DomainError.invalid({ _form: ['twoFactor.errors.notStarted'] });
    const check = await verifySecondFactorCode(tx, current, input.code);
    if (check !== 'ok') throw DomainError.invalid({ code: ['twoFactor.validation.wrongCode'] });
    await tx.update(users).set({ totpEnabledAt: sql`now()`, updatedAt: sql`now()` }).where(eq(users.id, actor.userId));
    await recordAudit(tx, audit);
  }).catch(async (error: unknown) => {
    // The refusal is audited outside the rolled-back transaction, so a guessed code leaves a trace.
    if (isDomainError(error, 'invalid') && error.fieldErrors.code) {
      await recordAudit(getDb(), { ...audit, outcome: 'failure', details: { reason: 'wrong_code' } });
    }
    throw error;
  });
}

/**
 * Turns two-step sign-in off with a current code. Refused when the account must have it (admins, an
 * organisation that requires it): an administrator resets it instead. A password that was allowed only
 * because of the second factor (shorter than 15) must then be changed at the next page.
 */
export async function turnOffSecondFactor(actor: Actor, input: { code: string }): Promise<void> {
  requirePermission(actor, 'update:account:own');
  const audit = { actor, action: 'account.second_factor.disable', entityType: 'user', entityId: actor.userId } as const;
  if (actor.isSecondFactorRequired) throw DomainError.invalid({ _form: ['twoFactor.errors.required'] });
  await getDb().transaction(async (tx) => {
    const [current] = await tx
      .select({
        id: users.id,
        totpSecret: users.totpSecret,
        totpEnabledAt: users.totpEnabledAt,
        totpLastUsedStep: users.totpLastUsedStep,
        passwordNeedsSecondFactor: users.passwordNeedsSecondFactor,
      })
      .from(users)
      .where(eq(users.id, actor.userId))
      .for('update');
    if (!current) throw DomainError.notFound('user');
    if (!current.totpEnabledAt) throw DomainError.invalid({ _form: ['twoFactor.errors.alreadyOff'] });
    const check = await verifySecondFactorCode(tx, current, input.code);
    if (check !== 'ok') throw DomainError.invalid({ code: ['twoFactor.validation.wrongCode'] });
    await tx
      .update(users)
      .set({
        totpSecret: null,
        totpEnabledAt: null,
        totpLastUsedStep: null,
        ...(current.passwordNeedsSecondFactor ? { mustChangePassword: true } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, actor.userId));
    await recordAudit(tx, { ...audit, details: { mustChangePassword: current.passwordNeedsSecondFactor } });
  }).catch(async (error: unknown) => {
    if (isDomainError(error, 'invalid') && error.fieldErrors.code) {
      await recordAudit(getDb(), { ...audit, outcome: 'failure', details: { reason: 'wrong_code' } });
    }
    throw error;
  });
}
