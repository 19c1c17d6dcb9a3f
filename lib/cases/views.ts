import type { caseStatus, crimeType } from '@/db/schema';

export type CaseStatus = (typeof caseStatus.enumValues)[number];
export type CrimeType = (typeof crimeType.enumValues)[number];

/** A case as listed to police of its province. */
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
