import 'server-only';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Transaction } from '@/db/client';
import { organisations, summaryConsularMonths } from '@/db/schema';
import { smallCountThreshold } from './suppression';
import { suppressedCount, type ConsularCountryRow, type Count, type Hours } from './views';

export interface ConsularFiguresQuery {
  /** Null for the whole country. */
  provinceCode: string | null;
  /** First day of the period's first month, and of the month after its last (`YYYY-MM-DD`). */
  firstMonth: string;
  endMonth: string;
  isSuppressed: boolean;
  present: (value: number) => Count;
  rank: (value: number) => number;
}

interface TimingFigures {
  notified: number;
  within24: number;
  within72: number;
  median: number | null;
}

/**
 * The per-country consular figures (decision 024) from the rollup of migration 0037: a few thousand rows, their
 * hours unnested for the median like the acknowledgement times. A declined detainee still counts as due (and their
 * notification's time counts) where the country's agreement makes notification mandatory: the rollup keeps them
 * apart, and the admin's current rule picks here.
 */
export async function readConsularFigures(db: Transaction, query: ConsularFiguresQuery): Promise<ConsularCountryRow[]> {
  const months = summaryConsularMonths;
  const inScope: SQL = and(
    query.provinceCode ? eq(months.provinceCode, query.provinceCode) : undefined,
    gte(months.month, query.firstMonth),
    lt(months.month, query.endMonth),
  ) ?? sql`true`;
  const total = (column: AnyPgColumn) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);
  // Sorted by country before the hours are unnested, so the grouping reads its input in order (see queries.ts).
  const rows = db
    .select({ countryCode: sql<string>`${months.countryCode}`.as('country_code'), hours: months.notifiedHours, declinedHours: months.declinedNotifiedHours })
    .from(months)
    .where(inScope)
    .orderBy(months.countryCode)
    .as('rows');
  const count = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
  const median = (condition: SQL) => sql<number | null>`percentile_cont(0.5) within group (order by h.hours) filter (where ${condition})`.mapWith((value) => (value === null ? null : Number(value)));
  const own = sql`not h.is_declined`;
  const [counts, timings, onCaseBridge] = await Promise.all([
    db
      .select({
        countryCode: months.countryCode,
        involved: total(months.involved),
        detained: total(months.detained),
        declined: total(months.declined),
        unnotified: total(months.unnotified),
        unnotifiedDeclined: total(months.unnotifiedDeclined),
        isMandatory: sql<boolean>`casebridge_is_mandatory_country(${months.countryCode})`,
      })
      .from(months)
      .where(inScope)
      .groupBy(months.countryCode),
    db
      .select({
        countryCode: rows.countryCode,
        notified: count(own),
        within24: count(sql`${own} and h.hours <= 24`),
        within72: count(sql`${own} and h.hours <= 72`),
        median: median(own),
        notifiedAll: count(sql`true`),
        within24All: count(sql`h.hours <= 24`),
        within72All: count(sql`h.hours <= 72`),
        medianAll: median(sql`true`),
      })
      .from(rows)
      .crossJoin(sql`lateral (select hours, false as is_declined from unnest(${rows.hours}) hours union all select hours, true from unnest(${rows.declinedHours}) hours) as h`)
      .groupBy(rows.countryCode),
    // As routing decides (lib/consular/official-sync.ts): an active embassy-kind organisation of the country.
    db
      .selectDistinct({ countryCode: organisations.countryCode })
      .from(organisations)
      .where(and(eq(organisations.kind, 'embassy'), eq(organisations.isActive, true))),
  ]);
  const countriesOnCaseBridge = new Set(onCaseBridge.map((row) => row.countryCode));
  const timingOf = new Map(timings.map((row) => [row.countryCode, row]));
  const hours = (timing: TimingFigures): Hours => {
    if (timing.median === null) return null;
    // A median of one or two people is their own time.
    if (query.isSuppressed && timing.notified <= smallCountThreshold) return suppressedCount;
    return Math.round(timing.median * 10) / 10;
  };
  return counts
    .filter((row) => row.involved > 0)
    .sort((first, second) => query.rank(second.involved) - query.rank(first.involved) || first.countryCode.localeCompare(second.countryCode))
    .map((row) => {
      const found = timingOf.get(row.countryCode);
      const timing: TimingFigures = !found
        ? { notified: 0, within24: 0, within72: 0, median: null }
        : row.isMandatory
          ? { notified: found.notifiedAll, within24: found.within24All, within72: found.within72All, median: found.medianAll }
          : found;
      return {
        countryCode: row.countryCode,
        isOnCaseBridge: countriesOnCaseBridge.has(row.countryCode),
        involved: query.present(row.involved),
        detained: query.present(row.detained),
        notifiedWithin24Hours: query.present(timing.within24),
        notifiedWithin72Hours: query.present(timing.within72),
        medianHoursToNotification: hours(timing),
        declined: query.present(row.declined),
        unnotified: query.present(row.unnotified + (row.isMandatory ? row.unnotifiedDeclined : 0)),
      };
    });
}
