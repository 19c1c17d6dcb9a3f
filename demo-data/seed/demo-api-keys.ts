import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { apiKeys, users } from '@/db/schema';
import type { ApiScope } from '@/lib/api-keys/scopes';
import { keyRoleOf } from '@/lib/api-keys/scopes';
import { hashApiKeySecret, parseApiKey } from '@/lib/api-keys/token';
import { hashPassword } from '@/lib/auth/password';
import type { DemoOrganisationSlug } from '@/demo-data/shared/demo-organisations';

/**
 * Partner API keys with values published in the README, so the quick start works against a fresh demo: demo
 * only, like the demo administrator's second factor. A real organisation creates its keys at /organisation.
 */
export const demoApiKeys = [
  {
    organisationSlug: 'embassy-cn',
    kind: 'embassy',
    name: 'Demo consular case system',
    token: 'cbk_c0ffee000001_DemoKeyChineseEmbassyPublishedInREADME-0001',
    scopes: ['notifications:read', 'notifications:acknowledge', 'cooperation:write'],
  },
  {
    organisationSlug: 'police-kkg',
    kind: 'police',
    name: 'Demo provincial records system',
    token: 'cbk_c0ffee000002_DemoKeyKohKongPolicePublishedInREADME---002',
    scopes: ['cases:read', 'cases:write'],
  },
] as const satisfies readonly { organisationSlug: DemoOrganisationSlug; kind: 'embassy' | 'police'; name: string; token: string; scopes: readonly ApiScope[] }[];

/** Adds the demo keys that are missing (each with its own account), valid for two years from the seed. */
export async function seedDemoApiKeys(tx: Transaction, organisationIdOf: (slug: DemoOrganisationSlug) => string, createdBy: string, now: Date): Promise<number> {
  const parsed = demoApiKeys.map((key) => ({ key, token: parseApiKey(key.token) }));
  const prefixes = parsed.map(({ token }) => token?.prefix ?? '');
  const existing = new Set((await tx.select({ prefix: apiKeys.prefix }).from(apiKeys).where(inArray(apiKeys.prefix, prefixes))).map((row) => row.prefix));
  let added = 0;
  for (const { key, token } of parsed) {
    if (!token) throw new Error(`Demo API key ${key.name} is malformed`);
    if (existing.has(token.prefix)) continue;
    const [account] = await tx
      .insert(users)
      .values({
        organisationId: organisationIdOf(key.organisationSlug),
        role: keyRoleOf[key.kind],
        name: `API key “${key.name}”`,
        email: `api-key-${token.prefix}@api-keys.casebridge.invalid`,
        passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
        isApiKeyAccount: true,
        updateMailFrequency: 'off',
        requestMailFrequency: 'off',
        createdAt: now,
      })
      .returning({ id: users.id });
    if (!account) throw new Error('demo key account not created');
    await tx.insert(apiKeys).values({
      organisationId: organisationIdOf(key.organisationSlug),
      actorUserId: account.id,
      name: key.name,
      prefix: token.prefix,
      secretHash: hashApiKeySecret(token.secret),
      scopes: [...key.scopes],
      createdBy,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 730 * 24 * 3_600_000),
    });
    added++;
  }
  return added;
}
