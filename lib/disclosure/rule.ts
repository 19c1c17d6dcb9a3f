import type { CasePersonRow } from '@/db/schema';

/**
 * Victims decide: a victim's identifying details reach her embassy only with her recorded consent to consular
 * contact, or when a supervisor overrode her silence with a written justification. Suspects and witnesses are
 * disclosed to their own embassy; a detained one's embassy is told whatever they want, so that someone outside
 * the police knows a foreign national is held. The database holds the same rule as
 * `casebridge_is_disclosed_to_embassy` behind the embassy's policy on case_people (decision 009).
 */
export function isDisclosedToEmbassy(person: Pick<CasePersonRow, 'roleInCase' | 'consularConsent' | 'disclosureOverrideAt'>): boolean {
  if (person.roleInCase !== 'victim') return true;
  return person.consularConsent === 'yes' || person.disclosureOverrideAt !== null;
}
