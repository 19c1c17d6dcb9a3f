import type { MailSummary } from '@/lib/mail/views';
import type { CappedTotal } from '@/lib/pagination/capped-total';
import type { CaseEvent } from './case-events';
import type { OfficialNotificationView } from '@/lib/consular/views';
import type { CaseStatus, ClosureReason, ConsularConsent, ConsularNotificationWish, CrimeType, DualNationalDecision, HandlingCode, NotificationKind } from '@/db/schema';
import type { LocalizedNames } from '@/lib/i18n/localized-name';
import type { DeclineView } from '@/lib/notifications/views';
import type { PersonDetails } from '@/lib/disclosure/person-details';

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

export interface PolicePersonView extends PersonDetails {
  nationality: string;
  consularConsent: ConsularConsent;
  disclosureOverrideJustification: string | null;
  otherNationalities: string[];
  rightsInformedAt: Date | null;
  notificationWish: ConsularNotificationWish | null;
  dualNationalDecision: DualNationalDecision | null;
}

export interface TimelineEntry {
  id: string;
  /** What happened, with its details (lib/cases/case-events.ts). */
  event: CaseEvent;
  occurredAt: Date;
  actorName: string | null;
  actorOrganisation: LocalizedNames | null;
  embassy: LocalizedNames | null;
  /** The note's text for `note_added`, the assignee's name for `case_assigned`. */
  text: string | null;
}

export interface NotificationStateView {
  id: string;
  embassyOrganisationId: string;
  embassy: LocalizedNames;
  countryCode: string;
  kind: NotificationKind;
  createdAt: Date;
  dueAt: Date;
  firstOpenedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  /** The case no longer involves a national of the embassy's country: it stopped waiting, and its thread is closed. */
  withdrawnAt: Date | null;
  /** The embassy's decline and the police's answer to it (confirm, or correct the person). */
  decline: DeclineView | null;
  isOverdue: boolean;
  /** How the embassy was e-mailed, in counts; null before any delivery was planned. */
  mail: MailSummary | null;
}

/** The police workspace of one case. */
export interface PoliceCaseView {
  id: string;
  referenceNumber: string;
  provinceCode: string;
  crimeType: CrimeType;
  status: CaseStatus;
  closureReason: ClosureReason | null;
  district: string | null;
  commune: string | null;
  placeDescription: string | null;
  occurredAt: Date;
  reportedAt: Date;
  title: string;
  narrative: string;
  isNarrativeShareable: boolean;
  narrativeHandlingCode: HandlingCode;
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
  notifiableEmbassies: { id: string; names: LocalizedNames }[];
  canOverrideDisclosure: boolean;
  /** Tasks to notify countries whose missions are off CaseBridge (lib/consular). */
  officialNotifications: OfficialNotificationView[];
  canDecideDualNational: boolean;
  /** Whether the reader may confirm a nationality an embassy declined (lib/notifications/answers.ts). */
  canResolveNationality: boolean;
}

export interface PossibleMatch {
  caseId: string;
  referenceNumber: string;
  personName: string;
  matchedOn: 'idDocumentNumber' | 'name';
}
