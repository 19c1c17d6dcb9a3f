import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { organisations, users } from '@/db/schema';
import type { Actor } from './actor';
import { isSecondFactorRequired } from './second-factor-policy';

/** The user behind a session, or null when the session must end (deactivated, or its version is outdated). */
export async function loadActor(userId: string, sessionVersion: number): Promise<Actor | null> {
  return loadActorOfUser(userId, sessionVersion);
}

/**
 * The active user as an actor, whatever signs them in: a session (which passes its version) or an API key's
 * own account (lib/api-keys/authenticate.ts, which has no session).
 */
export async function loadActorOfUser(userId: string, sessionVersion?: number): Promise<Actor | null> {
  const [row] = await getDb()
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      locale: users.preferredLocale,
      isActive: users.isActive,
      sessionVersion: users.sessionVersion,
      mustChangePassword: users.mustChangePassword,
      totpEnabledAt: users.totpEnabledAt,
      organisationRequiresTotp: organisations.requiresTotp,
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
  if (!row || !row.isActive || !row.organisationActive) return null;
  if (sessionVersion !== undefined && row.sessionVersion !== sessionVersion) return null;
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
    mustChangePassword: row.mustChangePassword,
    hasSecondFactor: row.totpEnabledAt !== null,
    isSecondFactorRequired: isSecondFactorRequired(row.role, row.organisationRequiresTotp),
  };
}
