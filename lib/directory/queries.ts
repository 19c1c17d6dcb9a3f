import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { organisations, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { OrganisationKind } from '@/lib/auth/roles';
import { requirePermission } from '@/lib/auth/permissions';

export interface OrganisationListItem {
  id: string;
  kind: OrganisationKind;
  names: { en: string; km: string; zh: string };
  provinceCode: string | null;
  countryCode: string | null;
  isActive: boolean;
  userCount: number;
  activeUserCount: number;
}

export async function listOrganisations(actor: Actor): Promise<OrganisationListItem[]> {
  requirePermission(actor, 'manage:directory:all');
  const rows = await getDb()
    .select({
      id: organisations.id,
      kind: organisations.kind,
      nameEn: organisations.nameEn,
      nameKm: organisations.nameKm,
      nameZh: organisations.nameZh,
      provinceCode: organisations.provinceCode,
      countryCode: organisations.countryCode,
      isActive: organisations.isActive,
      userCount: sql<number>`count(${users.id})`.mapWith(Number),
      activeUserCount: sql<number>`count(${users.id}) filter (where ${users.isActive})`.mapWith(Number),
    })
    .from(organisations)
    .leftJoin(users, eq(users.organisationId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.kind), asc(organisations.nameEn));
  return rows.map(({ nameEn, nameKm, nameZh, ...rest }) => ({ ...rest, names: { en: nameEn, km: nameKm, zh: nameZh } }));
}
