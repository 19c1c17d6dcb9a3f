import type { CaseStatus, CrimeType } from '@/lib/cases/views';

export type NotificationKind = 'ordinary' | 'detention';

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
