import type { CasePersonRow } from '@/db/schema';
import type { EmbassyPersonView } from './views';

/**
 * Victims decide: a victim's identifying details reach their embassy only with recorded consent, or when a
 * supervisor overrode with a written justification. Suspects and witnesses are disclosed to their own
 * embassy (detained suspects must be notified regardless of consent).
 */
export function isDisclosedToEmbassy(person: Pick<CasePersonRow, 'roleInCase' | 'consularConsent' | 'disclosureOverrideAt'>): boolean {
  if (person.roleInCase !== 'victim') return true;
  return person.consularConsent === 'yes' || person.disclosureOverrideAt !== null;
}

/** What one embassy may see of one of its nationals. Other nationalities never reach this function. */
export function toEmbassyPersonView(person: CasePersonRow): EmbassyPersonView {
  if (!isDisclosedToEmbassy(person)) {
    return { disclosure: 'withheld', id: person.id, roleInCase: 'victim', isSensitiveVictim: person.isSensitiveVictim };
  }
  return {
    disclosure: 'full',
    id: person.id,
    roleInCase: person.roleInCase,
    latinName: person.latinName,
    nativeName: person.nativeName,
    sex: person.sex,
    dateOfBirth: person.dateOfBirth,
    approximateAge: person.approximateAge,
    idDocumentType: person.idDocumentType,
    idDocumentNumber: person.idDocumentNumber,
    detentionStatus: person.detentionStatus,
    detentionChangedAt: person.detentionChangedAt,
    isSensitiveVictim: person.isSensitiveVictim,
    overrideJustification: person.consularConsent === 'yes' ? null : person.disclosureOverrideJustification,
  };
}
