import { cooperationActionType, crimeType } from '@/db/schema/enums';
import { countryName, localizedName, type LocalizedNames } from '@/lib/i18n/localized-name';
import type { Count, SummaryReport } from './views';

/** Every table of the summary pages; each one is shown on the page and exported as CSV from the same rows. */
export const summaryTableIds = [
  'overview',
  'crimeTypes',
  'statuses',
  'nationalities',
  'monthlyTrend',
  'detained',
  'embassyResponse',
  'cooperationTypes',
  'cooperationRequests',
  'consular',
  'provinces',
] as const;
export type SummaryTableId = (typeof summaryTableIds)[number];

/** A label, a count (possibly "<3"), hours, or nothing (shown as a dash). */
export type Cell = string | number | null;

export interface SummaryTable {
  id: SummaryTableId;
  title: string;
  columns: { header: string; align?: 'start' | 'end' }[];
  /** The first cell of each row names it. */
  rows: Cell[][];
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface TableLabels {
  /** A translator over the whole message tree (`summaries.…`, `enums.…`). */
  t: Translate;
  locale: string;
  /** How a `YYYY-MM` month is written; the key itself by default (what a spreadsheet sorts best). */
  monthLabel?: (month: string) => string;
}

const headlineKeys = [
  'newCases',
  'closedCases',
  'openCases',
  'detainedForeignNationals',
  'notificationsSent',
  'notificationsAcknowledged',
  'notificationsOverdue',
] as const;

function nationalityLabel(code: string, labels: TableLabels): string {
  return code === 'XX' ? labels.t('summaries.unknownNationality') : countryName(code, labels.locale);
}

const count = (value: Count): Cell => value;

/** One table of a report with its localised title, headers and row labels; null when the reader's scope has no such table. */
export function buildSummaryTable(report: SummaryReport, id: SummaryTableId, labels: TableLabels): SummaryTable | null {
  const { t, locale } = labels;
  const column = (key: string, align: 'start' | 'end' = 'end') => ({ header: t(`summaries.columns.${key}`), align });
  const title = t(`summaries.tables.${id}`);
  const embassyName = (names: LocalizedNames) => localizedName(names, locale);
  switch (id) {
    case 'overview':
      return {
        id,
        title,
        columns: [column('figure', 'start'), column('value')],
        rows: headlineKeys.map((key) => [t(`summaries.figures.${key}`), count(report.headline[key])]),
      };
    case 'crimeTypes':
      return {
        id,
        title,
        columns: [column('crimeType', 'start'), column('newCases')],
        rows: report.casesByCrimeType.map((row) => [t(`enums.crimeType.${row.crimeType}`), count(row.cases)]),
      };
    case 'statuses':
      return {
        id,
        title,
        columns: [column('status', 'start'), column('newCases')],
        rows: report.casesByStatus.map((row) => [t(`enums.caseStatus.${row.status}`), count(row.cases)]),
      };
    case 'nationalities':
      return {
        id,
        title,
        columns: [column('nationality', 'start'), column('cases')],
        rows: report.casesByNationality.map((row) => [nationalityLabel(row.nationality, labels), count(row.cases)]),
      };
    case 'monthlyTrend':
      return {
        id,
        title,
        columns: [column('month', 'start'), ...crimeType.enumValues.map((type) => ({ header: t(`enums.crimeType.${type}`), align: 'end' as const })), column('total')],
        rows: report.monthlyTrend.map((row) => [
          labels.monthLabel ? labels.monthLabel(row.month) : row.month,
          ...crimeType.enumValues.map((type) => count(row.byCrimeType[type])),
          count(row.total),
        ]),
      };
    case 'detained':
      return {
        id,
        title,
        columns: [column('nationality', 'start'), column('detained'), column('stillDetained')],
        rows: report.detainedByNationality.map((row) => [nationalityLabel(row.nationality, labels), count(row.detained), count(row.stillDetained)]),
      };
    case 'embassyResponse':
      return {
        id,
        title,
        columns: [column('embassy', 'start'), column('sent'), column('acknowledged'), column('overdue'), column('medianHours'), column('p90Hours')],
        rows: report.notificationsByEmbassy.map((row) => [
          embassyName(row.embassy.names),
          count(row.sent),
          count(row.acknowledged),
          count(row.overdue),
          row.medianHoursToAcknowledge,
          row.p90HoursToAcknowledge,
        ]),
      };
    case 'cooperationTypes':
      return {
        id,
        title,
        columns: [
          column('embassy', 'start'),
          ...cooperationActionType.enumValues.map((type) => ({ header: t(`summaries.actionTypes.${type}`), align: 'end' as const })),
          column('total'),
        ],
        rows: report.cooperationByType.map((row) => [
          embassyName(row.embassy.names),
          ...cooperationActionType.enumValues.map((type) => count(row.byActionType[type])),
          count(row.total),
        ]),
      };
    case 'cooperationRequests':
      return {
        id,
        title,
        columns: [column('embassy', 'start'), column('requests'), column('answered'), column('pending')],
        rows: report.cooperationRequests.map((row) => [embassyName(row.embassy.names), count(row.requests), count(row.answered), count(row.pending)]),
      };
    case 'consular':
      return {
        id,
        title,
        columns: [
          column('country', 'start'),
          column('mission', 'start'),
          column('involved'),
          column('detained'),
          column('notifiedWithin24Hours'),
          column('notifiedWithin72Hours'),
          column('medianHoursToNotification'),
          column('declinedNotification'),
          column('unnotified'),
        ],
        rows: report.consularByCountry.map((row) => [
          nationalityLabel(row.countryCode, labels),
          t(row.isOnCaseBridge ? 'summaries.onCaseBridge' : 'summaries.offCaseBridge'),
          count(row.involved),
          count(row.detained),
          count(row.notifiedWithin24Hours),
          count(row.notifiedWithin72Hours),
          row.medianHoursToNotification,
          count(row.declined),
          count(row.unnotified),
        ]),
      };
    case 'provinces':
      if (!report.provinces) return null;
      return {
        id,
        title,
        columns: [
          column('province', 'start'),
          column('newCases'),
          column('closedCases'),
          column('openCases'),
          column('detainedForeignNationals'),
          column('sent'),
          column('overdue'),
          column('medianHours'),
        ],
        rows: report.provinces.map((row) => [
          localizedName(row.names, locale),
          count(row.newCases),
          count(row.closedCases),
          count(row.openCases),
          count(row.detainedForeignNationals),
          count(row.notificationsSent),
          count(row.notificationsOverdue),
          row.medianHoursToAcknowledge,
        ]),
      };
  }
}

/** The tables a report has, in page order. */
export function summaryTablesOf(report: SummaryReport): SummaryTableId[] {
  return summaryTableIds.filter((id) => id !== 'provinces' || report.provinces !== null);
}
