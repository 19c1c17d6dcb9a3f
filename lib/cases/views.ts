import type { CappedTotal } from '@/lib/pagination/capped-total';
import type { caseEventKind, caseStatus, closureReason, consularConsent, crimeType, detentionStatus, idDocumentType, personRole, sex } from '@/db/schema';

export type CaseStatus = (typeof caseStatus.enumValues)[number];
export type CrimeType = (typeof crimeType.enumValues)[number];
type Names = { en: string; km: string; zh: string };

/** A case as listed to police: what identifies it, no personal data of the people in it. */
export interface PoliceCaseListItem {
  id: string;
  referenceNumber: string;
  title: string;
  crimeType: CrimeType;
  status: CaseStatus;
  reportedAt: Date;
}

export interface PoliceDashboard {
  provinceCode: string;
  statusCounts: Record<CaseStatus, number>;
  recentCases: PoliceCaseListItem[];
}

export interface CaseListRow extends PoliceCaseListItem {
  provinceCode: string;
  updatedAt: Date;
  assignedToName: string | null;
  peopleCount: number;
  detainedCount: number;
  nationalities: string[];
}

export interface CaseListPage extends CappedTotal {
  items: CaseListRow[];
  nextCursor: string | null;
}

export interface PolicePersonView {
  id: string;
  roleInCase: (typeof personRole.enumValues)[number];
  latinName: string;
  nativeName: string | null;
  sex: (typeof sex.enumValues)[number];
  dateOfBirth: string | null;
  approximateAge: number | null;
  nationality: string;
  idDocumentType: (typeof idDocumentType.enumValues)[number] | null;
  idDocumentNumber: string | null;
  detentionStatus: (typeof detentionStatus.enumValues)[number];
  detentionChangedAt: Date | null;
  isSensitiveVictim: boolean;
  consularConsent: (typeof consularConsent.enumValues)[number];
  disclosureOverrideJustification: string | null;
}

export interface TimelineEntry {
  id: string;
  kind: (typeof caseEventKind.enumValues)[number];
  occurredAt: Date;
  actorName: string | null;
  actorOrganisation: Names | null;
  embassy: Names | null;
  details: Record<string, unknown>;
  /** The note's text for `note_added`, the assignee's name for `case_assigned`. */
  text: string | null;
}

export interface NotificationStateView {
  id: string;
  embassyOrganisationId: string;
  embassy: Names;
  countryCode: string;
  kind: 'ordinary' | 'detention';
  createdAt: Date;
  dueAt: Date;
  firstOpenedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  isOverdue: boolean;
}

/** The police workspace of one case. */
export interface PoliceCaseView {
  id: string;
  referenceNumber: string;
  provinceCode: string;
  crimeType: CrimeType;
  status: CaseStatus;
  closureReason: (typeof closureReason.enumValues)[number] | null;
  district: string | null;
  commune: string | null;
  placeDescription: string | null;
  occurredAt: Date;
  reportedAt: Date;
  title: string;
  narrative: string;
  isNarrativeShareable: boolean;
  narrativeHandlingCode: 'H0' | 'H1' | 'H2' | 'H3';
  narrativeHandlingNote: string | null;
  createdByName: string;
  assignedTo: { id: string; name: string } | null;
  updatedByName: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  people: PolicePersonView[];
  timeline: TimelineEntry[];
  notifications: NotificationStateView[];
  allowedTransitions: CaseStatus[];
  assignableOfficers: { id: string; name: string }[] | null;
  /** Active embassies not yet notified of the case, for notifying one by hand. */
  notifiableEmbassies: { id: string; names: { en: string; km: string; zh: string } }[];
  canOverrideDisclosure: boolean;
}

export interface PossibleMatch {
  caseId: string;
  referenceNumber: string;
  personName: string;
  matchedOn: 'idDocumentNumber' | 'name';
}
