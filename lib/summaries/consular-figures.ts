import 'server-only';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Transaction } from '@/db/client';
import { countryConsularRules, organisations, summaryConsularMonths } from '@/db/schema';
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

/**
 * The per-country consular figures (decision 024) from the rollup of migration 0036: a few thousand rows, their
 * hours unnested for the median like the acknowledgement times. A detainee who declined is still due, and their
 * notification's time counts, where the country's agreement makes notification mandatory: the rollup keeps them
 * apart, and the admin's rule as it stands now decides here.
 */
export async function readConsularFigures(db: Transaction, query: ConsularFiguresQuery): Promise<ConsularCountryRow[]> {
  const months = summaryConsularMonths;
  const inScope: SQL =
    and(query.provinceCode ? eq(months.provinceCode, query.provinceCode) : undefined, gte(months.month, query.firstMonth), lt(months.month, query.endMonth)) ?? sql`true`;
  const isMandatory = sql<boolean>`coalesce(${countryConsularRules.mandatoryNotification}, false)`;
  const total = (column: SQL | AnyPgColumn) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);
  // Sorted by country before the hours are unnested, so the grouping reads its input in order (see queries.ts).
  const rows = db
    .select({
      countryCode: sql<string>`${months.countryCode}`.as('country_code'),
      hours: months.notifiedHours,
      declinedHours: months.declinedNotifiedHours,
      isMandatory: isMandatory.as('is_mandatory'),
    })
    .from(months)
    .leftJoin(countryConsularRules, eq(countryConsularRules.countryCode, months.countryCode))
    .where(inScope)
    .orderBy(months.countryCode)
    .as('rows');
  const [counts, timings, onCaseBridge] = await Promise.all([
    db
      .select({
        countryCode: months.countryCode,
        involved: total(months.involved),
        detained: total(months.detained),
        declined: total(months.declined),
        unnotified: total(sql`${months.unnotified} + case when ${isMandatory} then ${months.unnotifiedDeclined} else 0 end`),
      })
      .from(months)
      .leftJoin(countryConsularRules, eq(countryConsularRules.countryCode, months.countryCode))
      .where(inScope)
      .groupBy(months.countryCode),
    db
      .select({
        countryCode: rows.countryCode,
        notified: sql<number>`count(*)`.mapWith(Number),
        within24: sql<number>`count(*) filter (where h.hours <= 24)`.mapWith(Number),
        within72: sql<number>`count(*) filter (where h.hours <= 72)`.mapWith(Number),
        median: sql<number>`percentile_cont(0.5) within group (order by h.hours)`.mapWith(Number),
      })
      .from(rows)
      .crossJoin(sql`lateral (select hours from unnest(${rows.hours}) hours union all select hours from unnest(${rows.declinedHours}) hours where ${rows.isMandatory}) as h`)
      .groupBy(rows.countryCode),
    // As routing decides (lib/consular/official-sync.ts): an active embassy-kind organisation of the country.
    db
      .selectDistinct({ countryCode: organisations.countryCode })
      .from(organisations)
      .where(and(eq(organisations.kind, 'embassy'), eq(organisations.isActive, true))),
  ]);
  const timingOf = new Map(timings.map((row) => [row.countryCode, row]));
  const countriesOnCaseBridge = new Set(onCaseBridge.map((row) => row.countryCode));
  const medianOf = (timing: { notified: number; median: number } | undefined): Hours => {
    if (!timing) return null;
    // A median of one or two people's times is their own time.
    if (query.isSuppressed && timing.notified <= smallCountThreshold) return suppressedCount;
    return Math.round(timing.median * 10) / 10;
  };
  return counts
    .filter((row) => row.involved > 0)
    .sort((first, second) => query.rank(second.involved) - query.rank(first.involved) || first.countryCode.localeCompare(second.countryCode))
    .map((row) => {
      const timing = timingOf.get(row.countryCode);
      return {
        countryCode: row.countryCode,
        isOnCaseBridge: countriesOnCaseBridge.has(row.countryCode),
        involved: query.present(row.involved),
        detained: query.present(row.detained),
        notifiedWithin24Hours: query.present(timing?.within24 ?? 0),
        notifiedWithin72Hours: query.present(timing?.within72 ?? 0),
        medianHoursToNotification: medianOf(timing),
        declined: query.present(row.declined),
        unnotified: query.present(row.unnotified),
      };
    });
}
