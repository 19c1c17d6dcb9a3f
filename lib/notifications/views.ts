import type { CappedTotal } from '@/lib/pagination/capped-total';
import type { CaseStatus, CrimeType, HandlingCode, MissionType, NationalityResolution, NotificationDeclineReason, NotificationKind, NotificationReason, NotificationUpdateKind } from '@/db/schema';
import type { LocalizedNames } from '@/lib/i18n/localized-name';
import type { EmbassyPersonView } from '@/lib/disclosure/embassy-person-view';

/** A notification as its embassy lists it: no names, only what identifies the case. */
export interface EmbassyNotificationListItem {
  id: string;
  caseReferenceNumber: string;
  provinceCode: string;
  crimeType: CrimeType;
  caseStatus: CaseStatus;
  kind: NotificationKind;
  createdAt: Date;
  dueAt: Date;
  acknowledgedAt: Date | null;
}

export interface EmbassyDashboard {
  countryCode: string;
  awaitingAcknowledgement: number;
  overdue: number;
  detentionAwaiting: number;
  recentNotifications: EmbassyNotificationListItem[];
}

/** One row of an embassy's inbox: a notification of a case that concerns it … */
export interface OpenInboxItem {
  state: 'open';
  id: string;
  caseId: string;
  caseReferenceNumber: string;
  provinceCode: string;
  crimeType: CrimeType;
  caseStatus: CaseStatus;
  kind: NotificationKind;
  reason: NotificationReason;
  createdAt: Date;
  dueAt: Date;
  firstOpenedAt: Date | null;
  acknowledgedAt: Date | null;
  /** The embassy declined it (it waits no longer); the case stays open to it, for the police's answer. */
  declined: { at: Date; reason: NotificationDeclineReason } | null;
  unreadUpdates: number;
  isOverdue: boolean;
  /** The consular post it went to, in the embassy's inbox; null for the reader's own organisation's (decision 021). */
  receivedBy: LocalizedNames | null;
}

/** … or one withdrawn from it: when it came and when it went, nothing of the case. */
export interface WithdrawnInboxItem {
  state: 'withdrawn';
  id: string;
  kind: NotificationKind;
  createdAt: Date;
  withdrawnAt: Date;
  receivedBy: LocalizedNames | null;
}

export type InboxItem = OpenInboxItem | WithdrawnInboxItem;

export interface InboxPage extends CappedTotal {
  items: InboxItem[];
  page: number;
  /** Pages known to exist: with a capped total there may be more, reached by "next". */
  pageCount: number;
  hasNextPage: boolean;
}

export interface NotificationUpdateView {
  id: string;
  kind: NotificationUpdateKind;
  createdAt: Date;
  isUnread: boolean;
  details: Record<string, unknown>;
}

/** A case as one embassy sees it: its own nationals in full (victims only with consent), everyone else as a count. */
export interface EmbassyCaseView {
  caseId: string;
  referenceNumber: string;
  provinceCode: string;
  crimeType: CrimeType;
  status: CaseStatus;
  occurredAt: Date;
  reportedAt: Date;
  title: string;
  narrative: { text: string; handlingCode: HandlingCode; handlingNote: string | null } | null;
  nationals: EmbassyPersonView[];
  otherPeopleCount: number;
  notification: {
    id: string;
    kind: NotificationKind;
    reason: NotificationReason;
    manualReason: string | null;
    createdAt: Date;
    dueAt: Date;
    firstOpenedAt: Date | null;
    acknowledgedAt: Date | null;
    acknowledgedByName: string | null;
    acknowledgementNote: string | null;
    isOverdue: boolean;
    /** The consular post it went to, when the reader is that post's embassy (decision 021). */
    receivedBy: LocalizedNames | null;
    decline: DeclineView | null;
  };
  updates: NotificationUpdateView[];
}

/** An embassy's decline and, once given, the police's answer to it: both sides read it. */
export interface DeclineView {
  at: Date;
  byName: string | null;
  reason: NotificationDeclineReason;
  note: string | null;
  resolution: { kind: NationalityResolution; at: Date; byName: string | null; note: string | null } | null;
}

/** Another mission of the embassy's country on CaseBridge, to which it may send a notification on. */
export interface RedirectTarget {
  organisationId: string;
  names: LocalizedNames;
  missionType: MissionType;
  city: string;
}
