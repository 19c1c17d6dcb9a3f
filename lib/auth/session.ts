import 'server-only';
import { eq } from 'drizzle-orm';
import { getServerSession } from 'next-auth';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { organisations, users } from '@/db/schema';
import type { Actor } from './actor';
import { authOptions, sessionMaxLifetimeSeconds } from './auth-options';
import { homePathOf, type AreaOrPermission, can } from './permissions';

/**
 * The signed-in user, read fresh from the database on every request: a deactivated user, a user whose role
 * or password changed (session version bumped), or a session past its absolute lifetime is signed out here.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.userId) return null;
  if (Date.now() - session.signedInAt > sessionMaxLifetimeSeconds * 1000) return null;
  return loadActor(session.userId, session.sessionVersion);
});

export async function loadActor(userId: string, sessionVersion: number): Promise<Actor | null> {
  const [row] = await getDb()
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      locale: users.preferredLocale,
      isActive: users.isActive,
      sessionVersion: users.sessionVersion,
      organisationId: organisations.id,
      organisationKind: organisations.kind,
      organisationActive: organisations.isActive,
      nameEn: organisations.nameEn,
      nameKm: organisations.nameKm,
      nameZh: organisations.nameZh,
      provinceCode: organisations.provinceCode,
      countryCode: organisations.countryCode,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || !row.isActive || !row.organisationActive || row.sessionVersion !== sessionVersion) return null;
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    organisationId: row.organisationId,
    organisationKind: row.organisationKind,
    organisationName: { en: row.nameEn, km: row.nameKm, zh: row.nameZh },
    provinceCode: row.provinceCode,
    countryCode: row.countryCode,
    locale: row.locale,
  };
}

/** For pages: the actor, or a redirect to sign in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  return actor;
}

/** For pages of one area: another role gets "not found", never a hint that the page exists. */
export async function requireAccess(permission: AreaOrPermission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, permission)) notFound();
  return actor;
}

export { homePathOf };
