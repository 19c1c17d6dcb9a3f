import type { DetentionStatus, IdDocumentType, PersonRole, Sex } from '@/db/schema';

/** What both sides read of a person the reader may see in full: the police of the case, or the person's embassy. */
export interface PersonDetails {
  id: string;
  roleInCase: PersonRole;
  latinName: string;
  nativeName: string | null;
  sex: Sex;
  dateOfBirth: string | null;
  approximateAge: number | null;
  idDocumentType: IdDocumentType | null;
  idDocumentNumber: string | null;
  detentionStatus: DetentionStatus;
  detentionChangedAt: Date | null;
  isSensitiveVictim: boolean;
}

/** Those fields of a person's row or view, named one by one (decision 027): nothing else of it comes along. */
export function personDetailsOf(person: PersonDetails): PersonDetails {
  return {
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
  };
}
