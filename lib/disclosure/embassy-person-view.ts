import type { CasePersonRow } from '@/db/schema';
import { isDisclosedToEmbassy } from './rule';

/** A national of the embassy's country, as that embassy may see them. */
export type EmbassyPersonView =
  | {
      disclosure: 'full';
      id: string;
      roleInCase: 'suspect' | 'victim' | 'witness';
      latinName: string;
      nativeName: string | null;
      sex: 'female' | 'male' | 'other' | 'unknown';
      dateOfBirth: string | null;
      approximateAge: number | null;
      idDocumentType: 'passport' | 'national_id' | 'other' | null;
      idDocumentNumber: string | null;
      detentionStatus: 'not_detained' | 'detained' | 'released';
      detentionChangedAt: Date | null;
      isSensitiveVictim: boolean;
      /** Set when a supervisor disclosed a victim without consent: the justification is shown to both sides. */
      overrideJustification: string | null;
    }
  | WithheldVictimView;

/** "A victim of your nationality — details withheld": all an embassy learns of a victim who has not consented. */
export type WithheldVictimView = { disclosure: 'withheld'; id: string; roleInCase: 'victim'; isSensitiveVictim: boolean };

export function toWithheldVictimView(victim: { id: string; isSensitiveVictim: boolean }): WithheldVictimView {
  return { disclosure: 'withheld', id: victim.id, roleInCase: 'victim', isSensitiveVictim: victim.isSensitiveVictim };
}

/** What one embassy may see of one of its nationals. Other nationalities never reach this function. */
export function toEmbassyPersonView(person: CasePersonRow): EmbassyPersonView {
  if (!isDisclosedToEmbassy(person)) return toWithheldVictimView(person);
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
