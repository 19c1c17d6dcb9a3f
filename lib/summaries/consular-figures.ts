import 'server-only';
import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { prebuilt, prebuiltByShape, type Placeholders } from '@/db/prebuilt';
import { countryConsularRules, organisations, summaryConsularMonths } from '@/db/schema';
import { allOf, percentilesPerGroup, scopeConditions, total, type SummaryShape, type SummaryValues } from './statements';
import { smallCountThreshold } from './suppression';
import { suppressedCount, type ConsularCountryRow, type Count, type Hours } from './views';

export interface ConsularFiguresQuery {
  shape: SummaryShape;
  values: SummaryValues;
  isSuppressed: boolean;
  present: (value: number) => Count;
  rank: (value: number) => number;
}

const months = summaryConsularMonths;
/** Whether the agreement with `countryCode`'s country makes notification mandatory (no rule: it does not). */
const isMandatoryFor = (countryCode: SQLWrapper) =>
  sql<boolean>`coalesce((select ${countryConsularRules.mandatoryNotification} from ${countryConsularRules} where ${countryConsularRules.countryCode} = ${countryCode}), false)`;
// Only whether one province is read changes these statements.
const consularShapeKey = (shape: SummaryShape) => String(shape.oneProvince);
const inConsularScope = (p: Placeholders<SummaryValues>, shape: SummaryShape) => {
  const { inScope, inPeriod } = scopeConditions(p, shape);
  return allOf(inScope(months.provinceCode), inPeriod(months.month));
};

const selectConsularCounts = prebuiltByShape(consularShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) =>
  db
    .select({
      countryCode: months.countryCode,
      involved: total(months.involved),
      detained: total(months.detained),
      declined: total(months.declined),
      unnotified: total(sql`${months.unnotified} + case when ${isMandatoryFor(months.countryCode)} then ${months.unnotifiedDeclined} else 0 end`),
    })
    .from(months)
    .where(inConsularScope(p, shape))
    .groupBy(months.countryCode),
);

// A declined notification's time counts where the country's agreement makes notification mandatory.
const selectConsularTimings = prebuiltByShape(consularShapeKey, (db, p: Placeholders<SummaryValues>, shape: SummaryShape) =>
  percentilesPerGroup(
    db,
    months,
    (countryCode) => sql`unnest(${months.notifiedHours} || case when ${isMandatoryFor(countryCode)} then ${months.declinedNotifiedHours} else '{}'::double precision[] end)`,
    inConsularScope(p, shape),
    months.countryCode,
  ),
);

// As routing decides (lib/consular/official-sync.ts): an active embassy-kind organisation of the country.
const selectCountriesOnCaseBridge = prebuilt((db) =>
  db
    .selectDistinct({ countryCode: organisations.countryCode })
    .from(organisations)
    .where(and(eq(organisations.kind, 'embassy'), eq(organisations.isActive, true))),
);

/**
 * The per-country consular figures (decision 024) from the rollup of migration 0036: a few thousand rows, their
 * hours unnested for the median like the acknowledgement times. A detainee who declined is still due, and their
 * notification's time counts, where the country's agreement makes notification mandatory: the rollup keeps them
 * apart, and the admin's rule as it stands now decides here.
 */
export async function readConsularFigures(db: Transaction, query: ConsularFiguresQuery): Promise<ConsularCountryRow[]> {
  const [counts, timings, onCaseBridge] = await Promise.all([
    selectConsularCounts(db, query.shape, query.values),
    selectConsularTimings(db, query.shape, query.values),
    selectCountriesOnCaseBridge(db, {}),
  ]);
  const timingOf = new Map(timings.map((row) => [row.groupKey, row]));
  const countriesOnCaseBridge = new Set(onCaseBridge.map((row) => row.countryCode));
  const medianOf = (timing: { count: number; medianHours: number } | undefined): Hours => {
    if (!timing || timing.count === 0) return null;
    // A median of one or two people's times is their own time.
    if (query.isSuppressed && timing.count <= smallCountThreshold) return suppressedCount;
    return Math.round(timing.medianHours * 10) / 10;
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
