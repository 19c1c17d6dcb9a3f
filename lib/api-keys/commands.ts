import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiKeys, organisations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { DomainError } from '@/lib/domain-error';
import { managedKeyOrganisationOf } from './management';
import type { CreateApiKeyInput, RevokeApiKeyInput } from './schemas';
import { canHaveApiKeys, keyRoleOf, scopesOfKind } from './scopes';
import { generateApiKey } from './token';

export interface CreatedApiKey {
  id: string;
  /** The whole key, shown once: only its hash is stored. */
  token: string;
  prefix: string;
  expiresAt: Date;
}

/**
 * Creates a key and the account it acts through (the one role of its organisation's kind, so the key can do no
 * more than an ordinary member; no password anyone knows, no e-mail). The key itself is returned once.
 */
export async function createApiKey(actor: Actor, input: CreateApiKeyInput, generated = generateApiKey()): Promise<CreatedApiKey> {
  const managed = managedKeyOrganisationOf(actor);
  if (managed !== 'all' && input.organisationId !== managed) throw DomainError.notFound('organisation');
  // An argon2 hash of a secret nobody keeps, so the account has a real hash like every other one.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  return getDb().transaction(async (tx) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId)).limit(1);
    if (!organisation) throw DomainError.notFound('organisation');
    if (!canHaveApiKeys(organisation.kind)) throw DomainError.invalid({ organisationId: ['apiKeys.validation.noKeysForPlatform'] });
    if (!organisation.isActive) throw DomainError.invalid({ organisationId: ['admin.validation.organisationInactive'] });
    const allowed = scopesOfKind[organisation.kind];
    if (input.scopes.some((scope) => !allowed.includes(scope))) throw DomainError.invalid({ scopes: ['apiKeys.validation.scopeNotForKind'] });
    const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000);
    const [account] = await tx
      .insert(users)
      .values({
        organisationId: organisation.id,
        role: keyRoleOf[organisation.kind],
        name: `API key “${input.name}”`,
        email: `api-key-${generated.prefix}@api-keys.casebridge.invalid`,
        passwordHash,
        isApiKeyAccount: true,
        updateMailFrequency: 'off',
        requestMailFrequency: 'off',
      })
      .returning({ id: users.id });
    if (!account) throw new Error('key account not created');
    const [created] = await tx
      .insert(apiKeys)
      .values({
        organisationId: organisation.id,
        actorUserId: account.id,
        name: input.name,
        prefix: generated.prefix,
        secretHash: generated.secretHash,
        scopes: [...new Set(input.scopes)],
        expiresAt,
        createdBy: actor.userId,
      })
      .returning({ id: apiKeys.id });
    if (!created) throw new Error('key not created');
    await recordAudit(tx, {
      actor,
      action: 'api_key.create',
      entityType: 'api_key',
      entityId: created.id,
      details: { name: input.name, prefix: generated.prefix, organisationId: organisation.id, scopes: input.scopes, expiresAt: expiresAt.toISOString() },
    });
    return { id: created.id, token: generated.token, prefix: generated.prefix, expiresAt };
  });
}

/** A revoked key is refused at its next request (lib/api-keys/authenticate.ts); its account is deactivated with it. */
export async function revokeApiKey(actor: Actor, input: RevokeApiKeyInput): Promise<{ revokedAt: Date }> {
  const managed = managedKeyOrganisationOf(actor);
  return getDb().transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date(), revokedBy: actor.userId })
      .where(and(eq(apiKeys.id, input.id), isNull(apiKeys.revokedAt), managed === 'all' ? undefined : eq(apiKeys.organisationId, managed)))
      .returning();
    if (!revoked?.revokedAt) throw DomainError.notFound('api_key');
    await tx.update(users).set({ isActive: false }).where(eq(users.id, revoked.actorUserId));
    await recordAudit(tx, { actor, action: 'api_key.revoke', entityType: 'api_key', entityId: revoked.id, details: { name: revoked.name, prefix: revoked.prefix } });
    return { revokedAt: revoked.revokedAt };
  });
}
