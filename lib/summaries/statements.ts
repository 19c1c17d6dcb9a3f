import 'server-only';
import { and, asc, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { prebuilt, prebuiltByShape, prebuiltSql, type Placeholders } from '@/db/prebuilt';
import type { Database, Transaction } from '@/db/client';
import { organisations, provinces, summaryActionMonths, summaryCaseMonths, summaryClosureMonths, summaryConsularMonths, summaryNotificationMonths, summaryPeopleMonths } from '@/db/schema';

/**
 * The statements of the summary pages, built once per shape (db/prebuilt.ts): a governor's page runs a dozen small
 * aggregates over the rollups, and building them each time cost a third of its answer (bench/results.md).
 */

/** What the statements branch on: whether one province is read, and whether every province is compared. */
export interface SummaryShape {
  oneProvince: boolean;
  compareProvinces: boolean;
}

export interface SummaryValues {
  /** The province read, or '' for the whole country (then no statement uses it). */
  provinceCode: string;
  /** First day of the period's first month, and of the month after its last (`YYYY-MM-DD`). */
  firstMonth: string;
  endMonth: string;
  /** The moment of asking, as ISO text: overdue depends on it. */
  now: string;
}

export const summaryShapeKey = (shape: SummaryShape) => `${shape.oneProvince}:${shape.compareProvinces}`;

export function allOf(...conditions: (SQL | undefined)[]): SQL {
  return and(...conditions) ?? sql`true`;
}

export const total = (column: SQL | AnyPgColumn) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

/** The scope and period conditions of one shape, on the placeholders of its values. */
export function scopeConditions(p: Placeholders<SummaryValues>, shape: SummaryShape) {
  const inScope = (provinceCode: AnyPgColumn) => (shape.oneProvince ? eq(provinceCode, p.provinceCode) : undefined);
  return {
    inScope,
    // Per-province figures cover every province for the comparison table, and only the own one otherwise.
    inProvinceGroups: (provinceCode: AnyPgColumn) => (shape.compareProvinces ? undefined : inScope(provinceCode)),
    inPeriod: (month: AnyPgColumn) => allOf(gte(month, p.firstMonth), lt(month, p.endMonth)),
  };
}

const withoutParallelWorkers = prebuiltSql(() => sql`set local max_parallel_workers_per_gather = 0`);
const withoutJit = prebuiltSql(() => sql`set local jit = off`);

/**
 * The rollups are a few thousand rows: starting parallel workers for them cost more than the work itself
 * (measured at a million cases: a third of the ministry's figures went to Gather nodes), and so did compiling a
 * statement to machine code (JIT: 8–12 ms of the per-country hours' 57 ms at a million cases, whose estimated
 * cost passes `jit_above_cost`). Both settings last until the transaction ends; sent together, one round trip.
 */
export async function useRollupPlannerSettings(db: Transaction): Promise<void> {
  await Promise.all([withoutParallelWorkers(db, {}), withoutJit(db, {})]);
}

export const selectProvinceNames = prebuilt((db, p: Placeholders<{ provinceCode: string }>) =>
  db.select({ en: provinces.nameEn, km: provinces.nameKm, zh: provinces.nameZh }).from(provinces).where(eq(provinces.code, p.provinceCode)).limit(1),
);

export const selectProvinces = prebuilt((db) =>
  db.select({ code: provinces.code, nameEn: provinces.nameEn, nameKm: provinces.nameKm, nameZh: provinces.nameZh }).from(provinces).orderBy(asc(provinces.nameEn)),
);

const caseMonths = summaryCaseMonths;
const peopleMonths = summaryPeopleMonths;
const notificationMonths = summaryNotificationMonths;
const actionMonths = summaryActionMonths;
const embassyColumns = { embassyId: organisations.id, countryCode: organisations.countryCode, nameEn: organisations.nameEn, nameKm: organisations.nameKm, nameZh: organisations.nameZh };

/**
 * Per province, a monthly count summed over the period and over everything before its end: what the open cases
 * are computed from (reported before the end, less closed before it).
 */
function inPeriodAndBeforeEnd(
  db: Database | Transaction,
  p: Placeholders<SummaryValues>,
  shape: SummaryShape,
  table: typeof summaryCaseMonths | typeof summaryClosureMonths,
  counted: AnyPgColumn,
) {
  const { inProvinceGroups } = scopeConditions(p, shape);
  return db
    .select({
      provinceCode: table.provinceCode,
      inPeriod: total(sql`${counted}) filter (where ${gte(table.month, p.firstMonth)}`),
      beforeEnd: total(counted),
    })
    .from(table)
    .where(allOf(inProvinceGroups(table.provinceCode), lt(table.month, p.endMonth)))
    .groupBy(table.provinceCode);
}

export const selectReportedCounts = prebuiltByShape(summaryShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) =>
  inPeriodAndBeforeEnd(db, p, shape, caseMonths, caseMonths.cases),
);

export const selectClosedCounts = prebuiltByShape(summaryShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) =>
  inPeriodAndBeforeEnd(db, p, shape, summaryClosureMonths, summaryClosureMonths.closed),
);

export const selectCaseBreakdown = prebuiltByShape(summaryShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) => {
  const { inScope, inPeriod } = scopeConditions(p, shape);
  return db
    .select({ month: sql<string>`to_char(${caseMonths.month}, 'YYYY-MM')`, crimeType: caseMonths.crimeType, status: caseMonths.status, total: total(caseMonths.cases) })
    .from(caseMonths)
    .where(allOf(inScope(caseMonths.provinceCode), inPeriod(caseMonths.month)))
    .groupBy(caseMonths.month, caseMonths.crimeType, caseMonths.status);
});

export const selectPeopleCounts = prebuiltByShape(summaryShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) => {
  const { inProvinceGroups, inPeriod } = scopeConditions(p, shape);
  return db
    .select({
      provinceCode: peopleMonths.provinceCode,
      nationality: peopleMonths.nationality,
      cases: total(peopleMonths.cases),
      detained: total(peopleMonths.detained),
      stillDetained: total(peopleMonths.stillDetained),
    })
    .from(peopleMonths)
    .where(allOf(inProvinceGroups(peopleMonths.provinceCode), inPeriod(peopleMonths.month)))
    .groupBy(peopleMonths.provinceCode, peopleMonths.nationality);
});

export const selectNotificationsByProvince = prebuiltByShape(summaryShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) => {
  const { inProvinceGroups, inPeriod } = scopeConditions(p, shape);
  return db
    .select({ provinceCode: notificationMonths.provinceCode, sent: total(notificationMonths.sent), acknowledged: total(notificationMonths.acknowledged) })
    .from(notificationMonths)
    .where(allOf(inProvinceGroups(notificationMonths.provinceCode), inPeriod(notificationMonths.month)))
    .groupBy(notificationMonths.provinceCode);
});

export const selectNotificationsByEmbassy = prebuiltByShape(summaryShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) => {
  const { inScope, inPeriod } = scopeConditions(p, shape);
  return db
    .select({ ...embassyColumns, sent: total(notificationMonths.sent), acknowledged: total(notificationMonths.acknowledged) })
    .from(notificationMonths)
    .innerJoin(organisations, eq(organisations.id, notificationMonths.embassyOrganisationId))
    .where(allOf(inScope(notificationMonths.provinceCode), inPeriod(notificationMonths.month)))
    .groupBy(organisations.id);
});

/**
 * How many hours, how many within 24 and 72, their median and 90th percentile, per value of `groupColumn` over
 * the rollup rows `where` picks (`hours` unnests a row's, knowing its group): each
 * group's hours are unnested (in the select list: a lateral unnest per row cost three times as much) and
 * sorted by their own aggregate, so no sort of every hour by the group key is needed (measured at a million
 * cases: 95 → 55 ms per grouping).
 */
export function percentilesPerGroup(
  db: Database | Transaction,
  table: typeof summaryNotificationMonths | typeof summaryConsularMonths,
  hours: (groupKey: SQL.Aliased<string>) => SQL,
  where: SQL,
  groupColumn: AnyPgColumn,
) {
  const groups = db.selectDistinct({ groupKey: sql<string>`${groupColumn}`.as('group_key') }).from(table).where(where).as('groups');
  return db
    .select({
      groupKey: groups.groupKey,
      count: sql<number>`h.count`.mapWith(Number),
      within24: sql<number>`h.within24`.mapWith(Number),
      within72: sql<number>`h.within72`.mapWith(Number),
      medianHours: sql<number>`h.median`.mapWith(Number),
      p90Hours: sql<number>`h.p90`.mapWith(Number),
    })
    .from(groups)
    .crossJoin(
      sql`lateral (select count(*) as count, count(*) filter (where hours <= 24) as within24, count(*) filter (where hours <= 72) as within72,
        percentile_cont(0.5) within group (order by hours) as median, percentile_cont(0.9) within group (order by hours) as p90
        from (select ${hours(groups.groupKey)} as hours from ${table} where ${where} and ${groupColumn} = ${groups.groupKey}) as hours) as h`,
    );
}

/** Hours to acknowledge per province (every province when they are compared). */
export const selectHoursByProvince = prebuiltByShape(summaryShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) => {
  const { inProvinceGroups, inPeriod } = scopeConditions(p, shape);
  const where = allOf(inProvinceGroups(notificationMonths.provinceCode), inPeriod(notificationMonths.month));
  return percentilesPerGroup(db, notificationMonths, () => sql`unnest(${notificationMonths.acknowledgedHours})`, where, notificationMonths.provinceCode);
});

/** Hours to acknowledge per embassy, in the scope read. */
export const selectHoursByEmbassy = prebuiltByShape(summaryShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) => {
  const { inScope, inPeriod } = scopeConditions(p, shape);
  const where = allOf(inScope(notificationMonths.provinceCode), inPeriod(notificationMonths.month));
  return percentilesPerGroup(db, notificationMonths, () => sql`unnest(${notificationMonths.acknowledgedHours})`, where, notificationMonths.embassyOrganisationId);
});

// Overdue depends on the moment of asking: counted from the deadlines the rollup keeps of notifications still
// waiting (migration 0018).
export const selectOverdue = prebuiltByShape(summaryShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) => {
  const { inProvinceGroups, inPeriod } = scopeConditions(p, shape);
  return db
    .select({ provinceCode: notificationMonths.provinceCode, embassyId: notificationMonths.embassyOrganisationId, overdue: count() })
    .from(notificationMonths)
    .crossJoin(sql`lateral unnest(${notificationMonths.pendingDueAt}) as d(due_at)`)
    .where(allOf(inProvinceGroups(notificationMonths.provinceCode), inPeriod(notificationMonths.month), sql`d.due_at < ${p.now}::timestamptz`))
    .groupBy(notificationMonths.provinceCode, notificationMonths.embassyOrganisationId);
});

export const selectActionsByType = prebuiltByShape(summaryShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) => {
  const { inScope, inPeriod } = scopeConditions(p, shape);
  return db
    .select({
      ...embassyColumns,
      actionType: actionMonths.actionType,
      actions: total(actionMonths.actions),
      requests: total(actionMonths.requests),
      answered: total(actionMonths.answered),
    })
    .from(actionMonths)
    .innerJoin(organisations, eq(organisations.id, actionMonths.embassyOrganisationId))
    .where(allOf(inScope(actionMonths.provinceCode), inPeriod(actionMonths.month)))
    .groupBy(organisations.id, actionMonths.actionType);
});
