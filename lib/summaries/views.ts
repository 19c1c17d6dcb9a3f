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

/** Hours as a reader may see them: a governor's office sees "<3" for a median of one or two people's times. */
export type Hours = number | null | typeof suppressedCount;

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

/**
 * One country's consular notification figures over the foreign people of the period's cases (decision 024). A dual
 * national counts under each of their nationalities. "Notified" is the case's notification to an organisation of
 * the country on CaseBridge, or the police's record of informing its mission off CaseBridge.
 */
export interface ConsularCountryRow {
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  /** An active embassy-kind organisation of the country has accounts, so its nationals are notified through CaseBridge. */
  isOnCaseBridge: boolean;
  /** People of the nationality in the period's cases, whatever their role. */
  involved: Count;
  /** Of those, detained (still detained or since released). */
  detained: Count;
  /** Detained nationals notified within 24 hours of their detention (0 hours when the country already knew of the case). */
  notifiedWithin24Hours: Count;
  /** Within 72 hours (those within 24 hours included). */
  notifiedWithin72Hours: Count;
  /** Median hours from detention to notification over the notified detained nationals; null when none. */
  medianHoursToNotification: Hours;
  /** Detained nationals who, informed of the right to consular notification, declined it. */
  declined: Count;
  /** Detained nationals the country must be told of (lib/consular/nationals.ts `isNotifiedNational`) and is not yet. */
  unnotified: Count;
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
  /** Every country among the foreign people of the period's cases, most involved first. */
  consularByCountry: ConsularCountryRow[];
  /** All 25 provinces side by side; only for the ministry. */
  provinces: ProvinceComparisonRow[] | null;
}
