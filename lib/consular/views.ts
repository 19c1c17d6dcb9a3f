import type { DetentionStatus, IdDocumentType, NotificationKind, OfficialNotificationMethod, CrimeType } from '@/db/schema';
import type { LocalizedNames } from '@/lib/i18n/localized-name';

/** A mission of the directory as the police need it to notify it themselves. */
export interface MissionContactView {
  names: LocalizedNames;
  city: string;
  email: string | null;
  phone: string | null;
  fax: string | null;
}

/** One official-notification task of a case, for the police workspace and the notification record. */
export interface OfficialNotificationView {
  id: string;
  countryCode: string;
  mission: MissionContactView | null;
  kind: NotificationKind;
  createdAt: Date;
  dueAt: Date;
  isOverdue: boolean;
  method: OfficialNotificationMethod | null;
  informedAt: Date | null;
  informedWhom: string | null;
  reference: string | null;
  answer: string | null;
  answeredAt: Date | null;
  withdrawnAt: Date | null;
  version: number;
}

/** What a formal notification letter says of one national (the content VCCR Art. 36 notification requires). */
export interface LetterNationalView {
  latinName: string;
  nativeName: string | null;
  dateOfBirth: string | null;
  approximateAge: number | null;
  nationalities: string[];
  idDocumentType: IdDocumentType | null;
  idDocumentNumber: string | null;
  detentionStatus: DetentionStatus;
  detentionChangedAt: Date | null;
}

export interface OfficialLetterView {
  caseReferenceNumber: string;
  provinceCode: string;
  crimeType: CrimeType;
  place: string;
  occurredAt: Date;
  countryCode: string;
  mission: MissionContactView | null;
  nationals: LetterNationalView[];
  policeOrganisation: LocalizedNames;
  contactOfficerName: string;
  issuedAt: Date;
}
