import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiKeys, organisations } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { DomainError } from '@/lib/domain-error';
import { managedKeyOrganisationOf } from './management';
import type { ApiScope } from './scopes';

/** A key as its managers see it: never its secret or hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  status: 'active' | 'expired' | 'revoked';
}

export interface ApiKeyOrganisation {
  id: string;
  kind: (typeof organisations.$inferSelect)['kind'];
  nameEn: string;
  keys: ApiKeyView[];
}

export async function listApiKeys(actor: Actor, organisationId: string): Promise<ApiKeyOrganisation> {
  const managed = managedKeyOrganisationOf(actor);
  if (managed !== 'all' && managed !== organisationId) throw DomainError.notFound('organisation');
  const db = getDb();
  const [organisation] = await db
    .select({ id: organisations.id, kind: organisations.kind, nameEn: organisations.nameEn })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .limit(1);
  if (!organisation) throw DomainError.notFound('organisation');
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.organisationId, organisationId)).orderBy(desc(apiKeys.createdAt));
  const now = new Date();
  return {
    ...organisation,
    keys: rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      scopes: row.scopes as ApiScope[],
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      lastUsedAt: row.lastUsedAt,
      status: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active',
    })),
  };
}
