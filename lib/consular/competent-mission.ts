import type { MissionType } from '@/db/schema';

/** A directory entry as routing needs it (db/schema/directory.ts foreign_missions with its district). */
export interface DirectoryMission {
  id: string;
  countryCode: string;
  missionType: MissionType;
  /** The organisation on CaseBridge that receives the mission's notifications; null when it is off CaseBridge. */
  organisationId: string | null;
  isActive: boolean;
  /** The provinces of a post's consular district; an embassy lists none (it covers what no post covers). */
  provinceCodes: readonly string[];
}

/**
 * The mission competent for a national of `countryCode` in a case of `provinceCode` (Vienna Convention Art. 36:
 * the post in whose district the person is detained): the active post whose district holds the province, else
 * the country's active embassy, else none.
 */
export function competentMission<M extends DirectoryMission>(missions: readonly M[], countryCode: string, provinceCode: string): M | null {
  const post = missions.find(
    (mission) => mission.isActive && mission.countryCode === countryCode && mission.missionType !== 'embassy' && mission.provinceCodes.includes(provinceCode),
  );
  return post ?? embassyOf(missions, countryCode);
}

/** The country's active embassy in the directory. */
export function embassyOf<M extends DirectoryMission>(missions: readonly M[], countryCode: string): M | null {
  return missions.find((mission) => mission.isActive && mission.countryCode === countryCode && mission.missionType === 'embassy') ?? null;
}

/**
 * The organisation that hears of the case through CaseBridge: the competent mission's when it is on CaseBridge,
 * else its embassy's (which sees every post of its country), else none — the police then notify the competent
 * mission themselves through an official channel (lib/consular/official-sync.ts).
 */
export function receivingOrganisationId(missions: readonly DirectoryMission[], countryCode: string, provinceCode: string): string | null {
  const competent = competentMission(missions, countryCode, provinceCode);
  if (!competent) return null;
  if (competent.organisationId) return competent.organisationId;
  return embassyOf(missions, countryCode)?.organisationId ?? null;
}
