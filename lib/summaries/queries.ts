import 'server-only';
import type { Transaction } from '@/db/client';
import { withActorScope } from '@/lib/auth/actor-scope';
import { caseStatus, cooperationActionType, crimeType, type CrimeType, type CooperationActionType } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { monthAfter, resolvePeriod, type SummaryQuery } from './period';
import { readConsularFigures } from './consular-figures';
import {
  selectActionsByType,
  selectCaseBreakdown,
  selectClosedCounts,
  selectHoursByEmbassy,
  selectHoursByProvince,
  selectNotificationsByEmbassy,
  selectNotificationsByProvince,
  selectOverdue,
  selectPeopleCounts,
  selectProvinceNames,
  selectProvinces,
  selectReportedCounts,
  useRollupPlannerSettings,
} from './statements';
import { countPresenter, rankOf } from './suppression';
import type { Count, EmbassyLabel, SummaryReport, SummaryScope } from './views';
import { DomainError } from '@/lib/domain-error';

/** Nationalities that are not foreign: Cambodian, and "not known". */
const notForeign = ['KH', 'XX'];

type ResolvedScope = Omit<SummaryScope, 'provinceNames'>;

/**
 * Which province a reader's summary covers. A governor's office: its own, always — asking for another one is
 * "not found". The ministry: the whole country, or the province it picked.
 */
function resolveScope(actor: Actor, requestedProvince: string | undefined): ResolvedScope {
  if (can(actor, 'read:summary:national')) return { provinceCode: requestedProvince ?? null, isSuppressed: false, canCompareProvinces: true };
  if (can(actor, 'read:summary:own-province') && actor.provinceCode) {
    if (requestedProvince && requestedProvince !== actor.provinceCode) throw DomainError.notFound('summary');
    return { provinceCode: actor.provinceCode, isSuppressed: true, canCompareProvinces: false };
  }
  throw DomainError.notFound('summary');
}

function sum<T>(rows: readonly T[], value: (row: T) => number): number {
  return rows.reduce((total, row) => total + value(row), 0);
}

function roundHours(hours: number | null): number | null {
  return hours === null ? null : Math.round(hours * 10) / 10;
}

function embassyLabel(row: { countryCode: string | null; nameEn: string; nameKm: string; nameZh: string }): EmbassyLabel {
  return { countryCode: row.countryCode ?? '', names: { en: row.nameEn, km: row.nameKm, zh: row.nameZh } };
}

/**
 * The scope a reader's summary covers, with the province's names: checked before any figure is computed, so
 * a page can answer "not found" (a governor asking for another province, an unknown province) up front.
 */
export async function getSummaryScope(actor: Actor, requestedProvince?: string): Promise<SummaryScope> {
  const scope = resolveScope(actor, requestedProvince);
  const provinceCode = scope.provinceCode;
  if (!provinceCode) return { ...scope, provinceNames: null };
  return withActorScope(actor, async (db) => withProvinceNames(scope, await selectProvinceNames(db, { provinceCode })));
}

function withProvinceNames(scope: ResolvedScope, [province]: { en: string; km: string; zh: string }[]): SummaryScope {
  if (!scope.provinceCode) return { ...scope, provinceNames: null };
  if (!province) throw DomainError.notFound('province');
  return { ...scope, provinceNames: province };
}

/**
 * Every figure of the summary pages for the reader's scope and the period asked for, computed by aggregate
 * queries (nothing but counts and percentiles leaves the database). Counts of 1 and 2 come back as "<3" for a
 * governor's office. One transaction, its statements sent at once (lib/summaries/statements.ts).
 */
export async function getSummaryReport(actor: Actor, query: SummaryQuery = {}, now = new Date()): Promise<SummaryReport> {
  const resolved = resolveScope(actor, query.province);
  const period = resolvePeriod(query, now);
  const present = countPresenter(resolved.isSuppressed);
  const rank = (value: number) => rankOf(value, resolved.isSuppressed);
  const shape = { oneProvince: resolved.provinceCode !== null, compareProvinces: resolved.canCompareProvinces };
  // Every figure but "overdue" (which depends on the moment of asking) comes from the rollups the triggers of
  // migration 0011 keep exact; see db/schema/summaries.ts. Nothing is reported, closed or sent in the future, so
  // the rollups' last month ends the period as `now` would.
  const values = { provinceCode: resolved.provinceCode ?? '', firstMonth: `${period.monthKeys[0]}-01`, endMonth: `${monthAfter(period.toMonth)}-01`, now: now.toISOString() };
  const readFigures = (db: Transaction) =>
    Promise.all([
      resolved.provinceCode ? selectProvinceNames(db, { provinceCode: resolved.provinceCode }) : Promise.resolve([]),
      resolved.canCompareProvinces ? selectProvinces(db, {}) : Promise.resolve([]),
      selectReportedCounts(db, shape, values),
      selectClosedCounts(db, shape, values),
      selectCaseBreakdown(db, shape, values),
      selectPeopleCounts(db, shape, values),
      selectNotificationsByProvince(db, shape, values),
      selectNotificationsByEmbassy(db, shape, values),
      selectOverdue(db, shape, values),
      selectActionsByType(db, shape, values),
      // Per country, from the rollup of migration 0036 (decision 024).
      readConsularFigures(db, { shape, values, isSuppressed: resolved.isSuppressed, present, rank }),
    ]);
  const inOwnTransaction = <T>(read: (db: Transaction) => Promise<T>) =>
    withActorScope(actor, async (db) => {
      await useRollupPlannerSettings(db);
      return read(db);
    });
  // The ministry's percentiles sort every hour of the period in the country, most of its report's time at a
  // million cases: each grouping reads in a transaction of its own beside the one of every other figure, so the
  // server works on the three at once (PGlite's single connection runs them one after the other). Each sees the
  // rollups as committed when it starts, and all three start together. A governor's province has few hours:
  // one transaction costs less there than three.
  const [[provinceNames, provinceRows, reportedCounts, closedCounts, caseBreakdown, peopleCounts, notificationsByProvince, notificationsByEmbassy, overdue, actionsByType, consularByCountry], [hoursByProvince, hoursByEmbassy]] =
    resolved.canCompareProvinces
      ? await Promise.all([
          inOwnTransaction(readFigures),
          Promise.all([inOwnTransaction((db) => selectHoursByProvince(db, shape, values)), inOwnTransaction((db) => selectHoursByEmbassy(db, shape, values))]),
        ])
      : await inOwnTransaction((db) => Promise.all([readFigures(db), Promise.all([selectHoursByProvince(db, shape, values), selectHoursByEmbassy(db, shape, values)])]));
  const scope = withProvinceNames(resolved, provinceNames);

  const closedByProvince = new Map(closedCounts.map((row) => [row.provinceCode, row]));
  const caseCounts = reportedCounts.map((row) => {
    const closed = closedByProvince.get(row.provinceCode);
    return {
      provinceCode: row.provinceCode,
      newCases: row.inPeriod,
      closedCases: closed?.inPeriod ?? 0,
      // A case is closed after it was reported, so those closed before the end were all reported before it.
      openCases: row.beforeEnd - (closed?.beforeEnd ?? 0),
    };
  });
  const overdueByProvince = new Map<string, number>();
  const overdueByEmbassy = new Map<string, number>();
  for (const row of overdue) {
    overdueByProvince.set(row.provinceCode, (overdueByProvince.get(row.provinceCode) ?? 0) + row.overdue);
    if (scope.provinceCode && row.provinceCode !== scope.provinceCode) continue;
    overdueByEmbassy.set(row.embassyId, (overdueByEmbassy.get(row.embassyId) ?? 0) + row.overdue);
  }
  const medianByProvince = new Map(hoursByProvince.map((row) => [row.groupKey, row.medianHours]));
  const hoursOfEmbassy = new Map(hoursByEmbassy.map((row) => [row.groupKey, row]));
  const nationalityTotals = new Map<string, { nationality: string; cases: number; detained: number; stillDetained: number }>();
  const detainedByProvince: { provinceCode: string; detained: number }[] = [];
  for (const row of peopleCounts) {
    if (scope.provinceCode && row.provinceCode !== scope.provinceCode) continue;
    const totals = nationalityTotals.get(row.nationality) ?? { nationality: row.nationality, cases: 0, detained: 0, stillDetained: 0 };
    totals.cases += row.cases;
    totals.detained += row.detained;
    totals.stillDetained += row.stillDetained;
    nationalityTotals.set(row.nationality, totals);
  }
  if (scope.canCompareProvinces) {
    const detainedForeign = new Map<string, number>();
    for (const row of peopleCounts) {
      if (notForeign.includes(row.nationality)) continue;
      detainedForeign.set(row.provinceCode, (detainedForeign.get(row.provinceCode) ?? 0) + row.detained);
    }
    for (const [provinceCode, detained] of detainedForeign) detainedByProvince.push({ provinceCode, detained });
  }
  const peopleByNationality = [...nationalityTotals.values()];
  const provinceNotifications = notificationsByProvince.map((row) => ({
    ...row,
    overdue: overdueByProvince.get(row.provinceCode) ?? 0,
    medianHours: medianByProvince.get(row.provinceCode) ?? null,
  }));
  const embassyNotifications = notificationsByEmbassy.map((row) => ({
    ...row,
    overdue: overdueByEmbassy.get(row.embassyId) ?? 0,
    medianHours: hoursOfEmbassy.get(row.embassyId)?.medianHours ?? null,
    p90Hours: hoursOfEmbassy.get(row.embassyId)?.p90Hours ?? null,
  }));
  const requestsByEmbassy = new Map<string, { embassy: EmbassyLabel; countryCode: string | null; requests: number; answered: number }>();
  for (const row of actionsByType) {
    const totals = requestsByEmbassy.get(row.embassyId) ?? { embassy: embassyLabel(row), countryCode: row.countryCode, requests: 0, answered: 0 };
    totals.requests += row.requests;
    totals.answered += row.answered;
    requestsByEmbassy.set(row.embassyId, totals);
  }

  const inScopeRow = (row: { provinceCode: string }) => !scope.provinceCode || row.provinceCode === scope.provinceCode;
  const scopedCaseCounts = caseCounts.filter(inScopeRow);
  const scopedNotifications = provinceNotifications.filter(inScopeRow);
  const foreignPeople = peopleByNationality.filter((row) => !notForeign.includes(row.nationality));

  const crimeTypeTotals = new Map<CrimeType, number>();
  const statusTotals = new Map<string, number>();
  const monthTotals = new Map<string, Map<CrimeType, number>>();
  for (const row of caseBreakdown) {
    crimeTypeTotals.set(row.crimeType, (crimeTypeTotals.get(row.crimeType) ?? 0) + row.total);
    statusTotals.set(row.status, (statusTotals.get(row.status) ?? 0) + row.total);
    const month = monthTotals.get(row.month) ?? new Map<CrimeType, number>();
    month.set(row.crimeType, (month.get(row.crimeType) ?? 0) + row.total);
    monthTotals.set(row.month, month);
  }

  const actionsByEmbassy = new Map<string, { embassy: EmbassyLabel; byActionType: Map<CooperationActionType, number>; total: number }>();
  for (const row of actionsByType) {
    const embassy = actionsByEmbassy.get(row.embassyId) ?? { embassy: embassyLabel(row), byActionType: new Map(), total: 0 };
    embassy.byActionType.set(row.actionType, row.actions);
    embassy.total += row.actions;
    actionsByEmbassy.set(row.embassyId, embassy);
  }

  const caseCountsByProvince = new Map(caseCounts.map((row) => [row.provinceCode, row]));
  const detainedCountsByProvince = new Map(detainedByProvince.map((row) => [row.provinceCode, row.detained]));
  const notificationCountsByProvince = new Map(provinceNotifications.map((row) => [row.provinceCode, row]));

  return {
    scope,
    period,
    headline: {
      openCases: present(sum(scopedCaseCounts, (row) => row.openCases)),
      newCases: present(sum(scopedCaseCounts, (row) => row.newCases)),
      closedCases: present(sum(scopedCaseCounts, (row) => row.closedCases)),
      detainedForeignNationals: present(sum(foreignPeople, (row) => row.detained)),
      notificationsSent: present(sum(scopedNotifications, (row) => row.sent)),
      notificationsAcknowledged: present(sum(scopedNotifications, (row) => row.acknowledged)),
      notificationsOverdue: present(sum(scopedNotifications, (row) => row.overdue)),
    },
    casesByCrimeType: crimeType.enumValues.map((type) => ({ crimeType: type, cases: present(crimeTypeTotals.get(type) ?? 0) })),
    casesByStatus: caseStatus.enumValues.map((status) => ({ status, cases: present(statusTotals.get(status) ?? 0) })),
    casesByNationality: peopleByNationality
      .sort((first, second) => rank(second.cases) - rank(first.cases) || first.nationality.localeCompare(second.nationality))
      .map((row) => ({ nationality: row.nationality, cases: present(row.cases) })),
    monthlyTrend: period.monthKeys.map((month) => {
      const totals = monthTotals.get(month);
      const byCrimeType = Object.fromEntries(crimeType.enumValues.map((type) => [type, present(totals?.get(type) ?? 0)])) as Record<CrimeType, Count>;
      return { month, byCrimeType, total: present(totals ? sum([...totals.values()], (value) => value) : 0) };
    }),
    detainedByNationality: foreignPeople
      .filter((row) => row.detained > 0)
      .sort((first, second) => rank(second.detained) - rank(first.detained) || first.nationality.localeCompare(second.nationality))
      .map((row) => ({ nationality: row.nationality, detained: present(row.detained), stillDetained: present(row.stillDetained) })),
    notificationsByEmbassy: embassyNotifications
      .sort((first, second) => rank(second.sent) - rank(first.sent) || (first.countryCode ?? '').localeCompare(second.countryCode ?? ''))
      .map((row) => ({
        embassy: embassyLabel(row),
        sent: present(row.sent),
        acknowledged: present(row.acknowledged),
        overdue: present(row.overdue),
        medianHoursToAcknowledge: roundHours(row.medianHours),
        p90HoursToAcknowledge: roundHours(row.p90Hours),
      })),
    cooperationByType: [...actionsByEmbassy.values()]
      .sort((first, second) => rank(second.total) - rank(first.total) || first.embassy.countryCode.localeCompare(second.embassy.countryCode))
      .map((row) => ({
        embassy: row.embassy,
        byActionType: Object.fromEntries(cooperationActionType.enumValues.map((type) => [type, present(row.byActionType.get(type) ?? 0)])) as Record<
          CooperationActionType,
          Count
        >,
        total: present(row.total),
      })),
    cooperationRequests: [...requestsByEmbassy.values()]
      .sort((first, second) => rank(second.requests) - rank(first.requests) || (first.countryCode ?? '').localeCompare(second.countryCode ?? ''))
      .map((row) => ({
        embassy: row.embassy,
        requests: present(row.requests),
        answered: present(row.answered),
        pending: present(row.requests - row.answered),
      })),
    consularByCountry,
    provinces: scope.canCompareProvinces
      ? provinceRows.map((province) => {
          const caseRow = caseCountsByProvince.get(province.code);
          const notificationRow = notificationCountsByProvince.get(province.code);
          return {
            provinceCode: province.code,
            names: { en: province.nameEn, km: province.nameKm, zh: province.nameZh },
            newCases: present(caseRow?.newCases ?? 0),
            closedCases: present(caseRow?.closedCases ?? 0),
            openCases: present(caseRow?.openCases ?? 0),
            detainedForeignNationals: present(detainedCountsByProvince.get(province.code) ?? 0),
            notificationsSent: present(notificationRow?.sent ?? 0),
            notificationsOverdue: present(notificationRow?.overdue ?? 0),
            medianHoursToAcknowledge: roundHours(notificationRow?.medianHours ?? null),
          };
        })
      : null,
  };
}
