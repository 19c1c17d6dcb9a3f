import { getDb } from '@/db/client';
import { foreignMissions, type MissionType } from '@/db/schema';
import { createOrganisation, uniqueSuffix } from './factories';

/**
 * A mission of a country on CaseBridge: an embassy-kind organisation and its directory row. Made after the cases
 * a test routes: until routing goes by consular district, every active embassy-kind organisation of a country is
 * notified of its nationals, so a post made earlier would already have the case.
 */
export async function createOnCaseBridgeMission(input: { countryCode: string; missionType: MissionType; organisationId?: string; city?: string }) {
  const organisationId = input.organisationId ?? (await createOrganisation({ kind: 'embassy', countryCode: input.countryCode })).id;
  const suffix = uniqueSuffix();
  const [mission] = await getDb()
    .insert(foreignMissions)
    .values({
      slug: `mission-${suffix}`,
      countryCode: input.countryCode,
      missionType: input.missionType,
      nameEn: `Consulate-General ${suffix}`,
      nameKm: `អគ្គកុងស៊ុល ${suffix}`,
      nameZh: `总领事馆 ${suffix}`,
      city: input.city ?? 'Preah Sihanouk',
      organisationId,
    })
    .returning();
  if (!mission) throw new Error('mission not created');
  return { organisationId, mission };
}
