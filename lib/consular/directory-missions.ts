import 'server-only';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { foreignMissions, missionDistricts, organisations } from '@/db/schema';
import type { RoutableEmbassy } from '@/lib/notifications/routing';
import { receivingOrganisationId, type DirectoryMission } from './competent-mission';

type Reader = Pick<Transaction, 'select'>;

/** The directory's missions of these countries, each with its consular district, as routing needs them. */
export async function loadDirectoryMissions(tx: Reader, countryCodes: readonly string[]): Promise<DirectoryMission[]> {
  if (countryCodes.length === 0) return [];
  const missions = await tx
    .select({
      id: foreignMissions.id,
      countryCode: foreignMissions.countryCode,
      missionType: foreignMissions.missionType,
      organisationId: foreignMissions.organisationId,
      isActive: foreignMissions.isActive,
    })
    .from(foreignMissions)
    .where(inArray(foreignMissions.countryCode, [...countryCodes]))
    .orderBy(asc(foreignMissions.slug));
  const districts = missions.length
    ? await tx
        .select({ missionId: missionDistricts.missionId, provinceCode: missionDistricts.provinceCode })
        .from(missionDistricts)
        .where(
          inArray(
            missionDistricts.missionId,
            missions.map((mission) => mission.id),
          ),
        )
    : [];
  return missions.map((mission) => ({
    ...mission,
    provinceCodes: districts.filter((district) => district.missionId === mission.id).map((district) => district.provinceCode),
  }));
}

/**
 * The organisation on CaseBridge that hears of a case of `provinceCode` for each country (competent-mission.ts
 * `receivingOrganisationId`); a country whose embassy is not in the directory (data older than it) and whose
 * posts do not cover the province goes to its active embassy-kind organisation that is not a post, as before the
 * directory. A country absent from the map is not on CaseBridge: the police notify its mission themselves
 * (official-sync.ts). An inactive organisation hears of nothing.
 */
export async function loadReceivingOrganisations(
  tx: Reader,
  missions: readonly DirectoryMission[],
  countryCodes: readonly string[],
  provinceCode: string,
): Promise<Map<string, RoutableEmbassy>> {
  const countriesWithEmbassy = new Set(missions.filter((mission) => mission.missionType === 'embassy').map((mission) => mission.countryCode));
  const postOrganisationIds = new Set(missions.filter((mission) => mission.missionType !== 'embassy').map((mission) => mission.organisationId));
  const routed = new Map(countryCodes.map((country) => [country, receivingOrganisationId(missions, country, provinceCode)]));
  const organisationIds = [...routed.values()].filter((id): id is string => id !== null);
  const unlistedCountries = countryCodes.filter((country) => routed.get(country) === null && !countriesWithEmbassy.has(country));
  if (organisationIds.length === 0 && unlistedCountries.length === 0) return new Map();
  const rows = await tx
    .select({
      id: organisations.id,
      countryCode: organisations.countryCode,
      ackDeadlineHours: organisations.ackDeadlineHours,
      detentionAckDeadlineHours: organisations.detentionAckDeadlineHours,
    })
    .from(organisations)
    .where(
      and(
        eq(organisations.kind, 'embassy'),
        eq(organisations.isActive, true),
        or(
          organisationIds.length ? inArray(organisations.id, organisationIds) : undefined,
          unlistedCountries.length ? inArray(organisations.countryCode, unlistedCountries) : undefined,
        ),
      ),
    )
    .orderBy(asc(organisations.createdAt), asc(organisations.id));
  const receivers = new Map<string, RoutableEmbassy>();
  for (const country of countryCodes) {
    const routedId = routed.get(country);
    const receiver = routedId
      ? rows.find((row) => row.id === routedId)
      : unlistedCountries.includes(country)
        ? rows.find((row) => row.countryCode === country && !postOrganisationIds.has(row.id))
        : undefined;
    if (receiver) receivers.set(country, receiver);
  }
  return receivers;
}
