import type { SummaryPeriod } from './period';
import type { CaseStatus, CooperationActionType, CrimeType } from '@/db/schema';
import type { LocalizedNames } from '@/lib/i18n/localized-name';

/** What a governor's office sees instead of a count of 1 or 2. */
export const suppressedCount = '<3';

/**
 * A count as a reader may see it: exact for the ministry; for a governor's office 1 and 2 become "<3" so
 * that a small number cannot point at a person (0 stays 0).
 */
export type Count = number | typeof suppressedCount;

export interface EmbassyLabel {
  countryCode: string;
  names: LocalizedNames;
}

export interface SummaryScope {
  /** Null for the whole country. */
  provinceCode: string | null;
  provinceNames: LocalizedNames | null;
  /** True when small counts are shown as "<3" (governor's offices). */
  isSuppressed: boolean;
  /** The ministry may pick a province and compare all of them. */
  canCompareProvinces: boolean;
}

export interface SummaryHeadline {
  /** Open at the end of the period. */
  openCases: Count;
  /** Reported in the period. */
  newCases: Count;
  /** Closed in the period. */
  closedCases: Count;
  /** Foreign nationals detained in cases reported in the period (still detained or since released). */
  detainedForeignNationals: Count;
  /** Embassy notifications sent in the period. */
  notificationsSent: Count;
  /** Of those, acknowledged by now. */
  notificationsAcknowledged: Count;
  /** Of those, past their deadline and still unacknowledged now. */
  notificationsOverdue: Count;
}

export interface MonthlyTrendRow {
  /** `YYYY-MM`, Cambodian calendar month. */
  month: string;
  byCrimeType: Record<CrimeType, Count>;
  total: Count;
}

export interface NationalityRow {
  /** ISO 3166-1 alpha-2, or `XX` for unknown. */
  nationality: string;
  /** Cases reported in the period with at least one person of this nationality. */
  cases: Count;
}

export interface DetainedRow {
  nationality: string;
  /** Detained in cases reported in the period, whether still detained or since released. */
  detained: Count;
  /** Of those, still detained now. */
  stillDetained: Count;
}

export interface EmbassyResponseRow {
  embassy: EmbassyLabel;
  sent: Count;
  acknowledged: Count;
  overdue: Count;
  /** Hours from sending to acknowledgement over the acknowledged notifications; null when none. */
  medianHoursToAcknowledge: number | null;
  p90HoursToAcknowledge: number | null;
}

export interface CooperationTypeRow {
  embassy: EmbassyLabel;
  /** Actions recorded in the period, every action type included. */
  byActionType: Record<CooperationActionType, Count>;
  total: Count;
}

export interface CooperationRequestRow {
  embassy: EmbassyLabel;
  /** Actions recorded in the period that are not themselves an answer to another action. */
  requests: Count;
  /** Of those, done or declined, or answered by an action of the other side. */
  answered: Count;
  /** Of those, still requested or in progress with no answer. */
  pending: Count;
}

export interface ProvinceComparisonRow {
  provinceCode: string;
  names: LocalizedNames;
  newCases: Count;
  closedCases: Count;
  openCases: Count;
  detainedForeignNationals: Count;
  notificationsSent: Count;
  notificationsOverdue: Count;
  medianHoursToAcknowledge: number | null;
}

/**
 * Everything a summary page shows, for one scope and period. Counts, labels of organisations and reference
 * data only: no field of it can carry a name, an ID number, a date of birth or a case's own text.
 */
export interface SummaryReport {
  scope: SummaryScope;
  period: SummaryPeriod;
  headline: SummaryHeadline;
  /** Every crime type, in the enum's order. */
  casesByCrimeType: { crimeType: CrimeType; cases: Count }[];
  /** Cases reported in the period by their status now, every status in workflow order. */
  casesByStatus: { status: CaseStatus; cases: Count }[];
  /** Most frequent first. */
  casesByNationality: NationalityRow[];
  /** One row per month of the period, zeros included. */
  monthlyTrend: MonthlyTrendRow[];
  detainedByNationality: DetainedRow[];
  notificationsByEmbassy: EmbassyResponseRow[];
  cooperationByType: CooperationTypeRow[];
  cooperationRequests: CooperationRequestRow[];
  /** All 25 provinces side by side; only for the ministry. */
  provinces: ProvinceComparisonRow[] | null;
}
