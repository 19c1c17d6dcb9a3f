import 'server-only';
import { and, asc, count, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { foreignMissions, missionDistricts, organisations, type MissionType } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/domain-error';
import type { LocalizedNames } from '@/lib/i18n/localized-name';
import { isUuid } from '@/lib/ids';
import type { ListMissionsQuery } from './schemas';

/** A mission as the admin's list shows it. */
export interface MissionListItem {
  id: string;
  missionType: MissionType;
  countryCode: string;
  names: LocalizedNames;
  city: string;
  /** The post's consular district, sorted; empty for an embassy. */
  provinceCodes: string[];
  /** The organisation on CaseBridge, or null when the mission is off CaseBridge. */
  organisation: { id: string; names: LocalizedNames } | null;
  isActive: boolean;
}

export const missionsPageSize = 50;

export interface MissionListPage {
  missions: MissionListItem[];
  total: number;
  page: number;
  pageCount: number;
}

/** The directory's district of each mission as one sorted array (a post covers a handful of provinces). */
const districtOf = sql<string[]>`coalesce((select array_agg(${missionDistricts.provinceCode} order by ${missionDistricts.provinceCode}) from ${missionDistricts} where ${missionDistricts.missionId} = ${foreignMissions.id}), '{}')`;

/** By country, the embassy first (the enum's order), then by name. */
export async function listMissions(actor: Actor, query: ListMissionsQuery): Promise<MissionListPage> {
  requirePermission(actor, 'manage:directory:all');
  const where = and(
    query.country ? eq(foreignMissions.countryCode, query.country) : undefined,
    query.type ? eq(foreignMissions.missionType, query.type) : undefined,
    query.presence === 'on' ? isNotNull(foreignMissions.organisationId) : undefined,
    query.presence === 'off' ? isNull(foreignMissions.organisationId) : undefined,
  );
  const db = getDb();
  const [counted] = await db.select({ total: count() }).from(foreignMissions).where(where);
  const total = counted?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / missionsPageSize));
  const page = Math.min(query.page, pageCount);
  const rows = await db
    .select({
      id: foreignMissions.id,
      missionType: foreignMissions.missionType,
      countryCode: foreignMissions.countryCode,
      nameEn: foreignMissions.nameEn,
      nameKm: foreignMissions.nameKm,
      nameZh: foreignMissions.nameZh,
      city: foreignMissions.city,
      provinceCodes: districtOf,
      isActive: foreignMissions.isActive,
      organisationId: organisations.id,
      organisationEn: organisations.nameEn,
      organisationKm: organisations.nameKm,
      organisationZh: organisations.nameZh,
    })
    .from(foreignMissions)
    .leftJoin(organisations, eq(organisations.id, foreignMissions.organisationId))
    .where(where)
    .orderBy(asc(foreignMissions.countryCode), asc(foreignMissions.missionType), asc(foreignMissions.nameEn), asc(foreignMissions.id))
    .limit(missionsPageSize)
    .offset((page - 1) * missionsPageSize);
  return {
    total,
    page,
    pageCount,
    missions: rows.map((row) => ({
      id: row.id,
      missionType: row.missionType,
      countryCode: row.countryCode,
      names: { en: row.nameEn, km: row.nameKm, zh: row.nameZh },
      city: row.city,
      provinceCodes: row.provinceCodes,
      organisation: row.organisationId ? { id: row.organisationId, names: { en: row.organisationEn ?? '', km: row.organisationKm ?? '', zh: row.organisationZh ?? '' } } : null,
      isActive: row.isActive,
    })),
  };
}

/** The countries the directory holds, for the list's filter. */
export async function listMissionCountries(actor: Actor): Promise<string[]> {
  requirePermission(actor, 'manage:directory:all');
  const rows = await getDb().selectDistinct({ countryCode: foreignMissions.countryCode }).from(foreignMissions).orderBy(asc(foreignMissions.countryCode));
  return rows.map((row) => row.countryCode);
}

/** A mission as its edit form needs it. */
export interface MissionDetails {
  id: string;
  slug: string;
  missionType: MissionType;
  countryCode: string;
  names: LocalizedNames;
  city: string;
  provinceCodes: string[];
  email: string | null;
  phone: string | null;
  fax: string | null;
  organisationId: string | null;
  isActive: boolean;
  version: number;
}

export async function getMissionForAdmin(actor: Actor, missionId: string): Promise<MissionDetails> {
  requirePermission(actor, 'manage:directory:all');
  if (!isUuid(missionId)) throw DomainError.notFound('mission');
  const [row] = await getDb()
    .select({
      id: foreignMissions.id,
      slug: foreignMissions.slug,
      missionType: foreignMissions.missionType,
      countryCode: foreignMissions.countryCode,
      nameEn: foreignMissions.nameEn,
      nameKm: foreignMissions.nameKm,
      nameZh: foreignMissions.nameZh,
      city: foreignMissions.city,
      provinceCodes: districtOf,
      email: foreignMissions.email,
      phone: foreignMissions.phone,
      fax: foreignMissions.fax,
      organisationId: foreignMissions.organisationId,
      isActive: foreignMissions.isActive,
      version: foreignMissions.version,
    })
    .from(foreignMissions)
    .where(eq(foreignMissions.id, missionId))
    .limit(1);
  if (!row) throw DomainError.notFound('mission');
  return {
    id: row.id,
    slug: row.slug,
    missionType: row.missionType,
    countryCode: row.countryCode,
    names: { en: row.nameEn, km: row.nameKm, zh: row.nameZh },
    city: row.city,
    provinceCodes: row.provinceCodes,
    email: row.email,
    phone: row.phone,
    fax: row.fax,
    organisationId: row.organisationId,
    isActive: row.isActive,
    version: row.version,
  };
}

export interface LinkableOrganisation {
  id: string;
  countryCode: string;
  names: LocalizedNames;
}

/**
 * The organisations a mission may be linked to: active, of kind `embassy`, and linked to no other mission; the one
 * being edited keeps its own (even deactivated, so the form does not unlink it unasked). The form offers those of
 * the country chosen.
 */
export async function listLinkableOrganisations(actor: Actor, missionId?: string): Promise<LinkableOrganisation[]> {
  requirePermission(actor, 'manage:directory:all');
  const rows = await getDb()
    .select({ id: organisations.id, countryCode: organisations.countryCode, nameEn: organisations.nameEn, nameKm: organisations.nameKm, nameZh: organisations.nameZh })
    .from(organisations)
    .leftJoin(foreignMissions, eq(foreignMissions.organisationId, organisations.id))
    .where(
      and(
        eq(organisations.kind, 'embassy'),
        isNotNull(organisations.countryCode),
        or(and(eq(organisations.isActive, true), isNull(foreignMissions.id)), missionId && isUuid(missionId) ? eq(foreignMissions.id, missionId) : undefined),
      ),
    )
    .orderBy(asc(organisations.countryCode), asc(organisations.nameEn));
  return rows.map((row) => ({ id: row.id, countryCode: row.countryCode ?? '', names: { en: row.nameEn, km: row.nameKm, zh: row.nameZh } }));
}
