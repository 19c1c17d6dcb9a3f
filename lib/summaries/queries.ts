import 'server-only';
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { casePeople, cases, caseStatus, cooperationActions, cooperationActionType, crimeType, notifications, organisations, provinces } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can, NotFoundError } from '@/lib/auth/permissions';
import type { CrimeType } from '@/lib/cases/views';
import { resolvePeriod, type SummaryQuery } from './period';
import { countPresenter, rankOf } from './suppression';
import type { CooperationActionType, Count, EmbassyLabel, SummaryReport, SummaryScope } from './views';

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
    if (requestedProvince && requestedProvince !== actor.provinceCode) throw new NotFoundError('summary');
    return { provinceCode: actor.provinceCode, isSuppressed: true, canCompareProvinces: false };
  }
  throw new NotFoundError('summary');
}

function allOf(...conditions: (SQL | undefined)[]): SQL {
  return and(...conditions) ?? sql`true`;
}

function sum<T>(rows: readonly T[], value: (row: T) => number): number {
  return rows.reduce((total, row) => total + value(row), 0);
}

/** Hours from sending a notification to its acknowledgement; null (and so ignored by percentiles) when unacknowledged. */
const hoursToAcknowledge = sql`extract(epoch from (${notifications.acknowledgedAt} - ${notifications.createdAt}))::float8 / 3600`;
/** The Cambodian calendar month (UTC+7, no daylight saving) a case was reported in. */
const monthReported = sql<string>`to_char((${cases.reportedAt} at time zone 'UTC') + interval '7 hours', 'YYYY-MM')`;

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
  if (!scope.provinceCode) return { ...scope, provinceNames: null };
  const [province] = await getDb()
    .select({ en: provinces.nameEn, km: provinces.nameKm, zh: provinces.nameZh })
    .from(provinces)
    .where(eq(provinces.code, scope.provinceCode))
    .limit(1);
  if (!province) throw new NotFoundError('province');
  return { ...scope, provinceNames: province };
}

/**
 * Every figure of the summary pages for the reader's scope and the period asked for, computed by aggregate
 * queries (nothing but counts and percentiles leaves the database). Counts of 1 and 2 come back as "<3" for a
 * governor's office.
 */
export async function getSummaryReport(actor: Actor, query: SummaryQuery = {}, now = new Date()): Promise<SummaryReport> {
  const scope = await getSummaryScope(actor, query.province);
  const period = resolvePeriod(query, now);
  const present = countPresenter(scope.isSuppressed);
  const rank = (value: number) => rankOf(value, scope.isSuppressed);
  const db = getDb();

  const inScope = scope.provinceCode ? eq(cases.provinceCode, scope.provinceCode) : undefined;
  // Per-province figures cover every province for the comparison table, and only the own one otherwise.
  const inProvinceGroups = scope.canCompareProvinces ? undefined : inScope;
  const reportedInPeriod = allOf(gte(cases.reportedAt, period.start), lt(cases.reportedAt, period.end));
  const notificationSentInPeriod = allOf(gte(notifications.createdAt, period.start), lt(notifications.createdAt, period.end));
  const actionRecordedInPeriod = allOf(gte(cooperationActions.createdAt, period.start), lt(cooperationActions.createdAt, period.end));
  const wasDetained = inArray(casePeople.detentionStatus, ['detained', 'released']);
  const isForeign = notInArray(casePeople.nationality, notForeign);
  const answer = alias(cooperationActions, 'answer');
  const embassyColumns = { embassyId: organisations.id, countryCode: organisations.countryCode, nameEn: organisations.nameEn, nameKm: organisations.nameKm, nameZh: organisations.nameZh };

  const [provinceRows, caseCounts, caseBreakdown, peopleCounts, detainedByProvince, notificationsByProvince, notificationsByEmbassy, actionsByType, requestsByEmbassy] =
    await Promise.all([
      scope.canCompareProvinces
        ? db.select({ code: provinces.code, nameEn: provinces.nameEn, nameKm: provinces.nameKm, nameZh: provinces.nameZh }).from(provinces).orderBy(asc(provinces.nameEn))
        : Promise.resolve([]),
      db
        .select({
          provinceCode: cases.provinceCode,
          newCases: sql<number>`count(*) filter (where ${reportedInPeriod})`.mapWith(Number),
          closedCases: sql<number>`count(*) filter (where ${allOf(gte(cases.closedAt, period.start), lt(cases.closedAt, period.end))})`.mapWith(Number),
          openCases: sql<number>`count(*) filter (where ${or(isNull(cases.closedAt), gte(cases.closedAt, period.end))})`.mapWith(Number),
        })
        .from(cases)
        // A case closed in the period was reported before its end, so this bound loses nothing.
        .where(allOf(inProvinceGroups, lt(cases.reportedAt, period.end)))
        .groupBy(cases.provinceCode),
      db
        .select({ month: monthReported, crimeType: cases.crimeType, status: cases.status, total: count() })
        .from(cases)
        .where(allOf(inScope, reportedInPeriod))
        .groupBy(monthReported, cases.crimeType, cases.status),
      db
        .select({
          nationality: casePeople.nationality,
          cases: sql<number>`count(distinct ${casePeople.caseId})`.mapWith(Number),
          detained: sql<number>`count(*) filter (where ${wasDetained})`.mapWith(Number),
          stillDetained: sql<number>`count(*) filter (where ${eq(casePeople.detentionStatus, 'detained')})`.mapWith(Number),
        })
        .from(casePeople)
        .innerJoin(cases, eq(cases.id, casePeople.caseId))
        .where(allOf(inScope, reportedInPeriod))
        .groupBy(casePeople.nationality),
      scope.canCompareProvinces
        ? db
            .select({ provinceCode: cases.provinceCode, detained: count() })
            .from(casePeople)
            .innerJoin(cases, eq(cases.id, casePeople.caseId))
            .where(allOf(reportedInPeriod, wasDetained, isForeign))
            .groupBy(cases.provinceCode)
        : Promise.resolve([]),
      db
        .select({
          provinceCode: cases.provinceCode,
          sent: count(),
          acknowledged: sql<number>`count(${notifications.acknowledgedAt})`.mapWith(Number),
          overdue: sql<number>`count(*) filter (where ${allOf(isNull(notifications.acknowledgedAt), lt(notifications.dueAt, now))})`.mapWith(Number),
          medianHours: sql<number | null>`percentile_cont(0.5) within group (order by ${hoursToAcknowledge})`.mapWith(Number),
        })
        .from(notifications)
        .innerJoin(cases, eq(cases.id, notifications.caseId))
        .where(allOf(inProvinceGroups, notificationSentInPeriod))
        .groupBy(cases.provinceCode),
      db
        .select({
          ...embassyColumns,
          sent: count(),
          acknowledged: sql<number>`count(${notifications.acknowledgedAt})`.mapWith(Number),
          overdue: sql<number>`count(*) filter (where ${allOf(isNull(notifications.acknowledgedAt), lt(notifications.dueAt, now))})`.mapWith(Number),
          medianHours: sql<number | null>`percentile_cont(0.5) within group (order by ${hoursToAcknowledge})`.mapWith(Number),
          p90Hours: sql<number | null>`percentile_cont(0.9) within group (order by ${hoursToAcknowledge})`.mapWith(Number),
        })
        .from(notifications)
        .innerJoin(cases, eq(cases.id, notifications.caseId))
        .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
        .where(allOf(inScope, notificationSentInPeriod))
        .groupBy(organisations.id),
      db
        .select({ ...embassyColumns, actionType: cooperationActions.actionType, actions: count() })
        .from(cooperationActions)
        .innerJoin(cases, eq(cases.id, cooperationActions.caseId))
        .innerJoin(organisations, eq(organisations.id, cooperationActions.embassyOrganisationId))
        .where(allOf(inScope, actionRecordedInPeriod))
        .groupBy(organisations.id, cooperationActions.actionType),
      db
        .select({
          ...embassyColumns,
          requests: count(),
          // `in (uncorrelated subquery)` is hashed once; a correlated `exists` would rescan the table per request.
          answered: sql<number>`count(*) filter (where ${or(
            inArray(cooperationActions.status, ['done', 'declined']),
            inArray(cooperationActions.id, db.select({ id: answer.respondsToId }).from(answer).where(isNotNull(answer.respondsToId))),
          )})`.mapWith(Number),
        })
        .from(cooperationActions)
        .innerJoin(cases, eq(cases.id, cooperationActions.caseId))
        .innerJoin(organisations, eq(organisations.id, cooperationActions.embassyOrganisationId))
        .where(allOf(inScope, actionRecordedInPeriod, isNull(cooperationActions.respondsToId)))
        .groupBy(organisations.id),
    ]);

  const inScopeRow = (row: { provinceCode: string }) => !scope.provinceCode || row.provinceCode === scope.provinceCode;
  const scopedCaseCounts = caseCounts.filter(inScopeRow);
  const scopedNotifications = notificationsByProvince.filter(inScopeRow);
  const foreignPeople = peopleCounts.filter((row) => !notForeign.includes(row.nationality));

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
  const notificationCountsByProvince = new Map(notificationsByProvince.map((row) => [row.provinceCode, row]));

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
    casesByNationality: peopleCounts
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
    notificationsByEmbassy: notificationsByEmbassy
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
    cooperationRequests: requestsByEmbassy
      .sort((first, second) => rank(second.requests) - rank(first.requests) || (first.countryCode ?? '').localeCompare(second.countryCode ?? ''))
      .map((row) => ({
        embassy: embassyLabel(row),
        requests: present(row.requests),
        answered: present(row.answered),
        pending: present(row.requests - row.answered),
      })),
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
