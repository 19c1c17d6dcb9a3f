import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiKeys } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { loadActorOfUser } from '@/lib/auth/load-actor';
import type { ApiScope } from './scopes';
import { parseApiKey, secretMatches } from './token';

export interface ApiKeyCaller {
  keyId: string;
  keyName: string;
  scopes: readonly ApiScope[];
  /** The key's own account, loaded like a signed-in user's: the same Actor every data-access function takes. */
  actor: Actor;
}

/**
 * The caller behind `Authorization: Bearer cbk_…`, or null for a key that is unknown, wrong, revoked or expired,
 * or whose organisation was deactivated — all answered alike (401), so a guess learns nothing. Records the use.
 */
export async function authenticateApiKey(authorization: string | null): Promise<ApiKeyCaller | null> {
  const token = /^Bearer ([^\s]+)$/i.exec(authorization ?? '')?.[1];
  const parsed = token ? parseApiKey(token) : null;
  if (!parsed) return null;
  const db = getDb();
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, parsed.prefix)).limit(1);
  if (!key || !secretMatches(parsed.secret, key.secretHash) || key.revokedAt || key.expiresAt <= new Date()) return null;
  const actor = await loadActorOfUser(key.actorUserId);
  if (!actor) return null;
  // Minute precision is enough to show "last used", and spares a write per request under load.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(sql`${apiKeys.id} = ${key.id} and (${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`);
  return { keyId: key.id, keyName: key.name, scopes: key.scopes as ApiScope[], actor };
}
