import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/ui/print-button';
import { SummaryBarChart, SummaryLineChart, type ChartRow, type ChartSeries } from '@/components/summaries/summary-charts';
import { SummaryTableSection, type PrintSpan } from '@/components/summaries/summary-table-section';
import { Alert } from '@/components/ui/alert';
import { LoadingState } from '@/components/ui/loading-state';
import { StatCard } from '@/components/ui/stat-card';
import { FilterInput, FilterSelect } from '@/components/ui/filter-field';
import { cooperationActionType, crimeType, type CooperationActionType } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { orNotFound } from '@/lib/run-action';
import { requireAccess } from '@/lib/auth/session';
import { localizedName } from '@/lib/i18n/localized-name';
import { listProvinces } from '@/lib/reference/provinces';
import { periodPresets, summaryQueryFields, summaryQuerySchema, summarySearchParams, type SummaryQuery } from '@/lib/summaries/period';
import { cambodianMonthOf, cambodianMonthStart } from '@/lib/time/cambodia';
import { getSummaryReport, getSummaryScope } from '@/lib/summaries/queries';
import { buildSummaryTable, summaryTablesOf, type Cell, type SummaryTable, type SummaryTableId } from '@/lib/summaries/tables';
import { suppressedCount, type Count } from '@/lib/summaries/views';
import { firstValues, type PageSearchParams } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('nav');
  return { title: t('summariesHome') };
}

function chartValue(value: Cell): number | null {
  return typeof value === 'number' ? value : null;
}

/** Chart rows from a table's rows: the first cell names the row, the chosen columns become series values. */
function chartRows(table: SummaryTable, columns: Record<string, number>): ChartRow[] {
  return table.rows.map((row) => ({
    label: String(row[0] ?? ''),
    values: Object.fromEntries(Object.entries(columns).map(([key, index]) => [key, chartValue(row[index] ?? null)])),
  }));
}

export default async function SummariesPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requireAccess('view:area:summaries');
  const params = firstValues(await searchParams);
  const parsed = summaryQuerySchema.safeParse(params);
  // A malformed period falls back to the default one (and says so); the province asked for still applies.
  const query: SummaryQuery = parsed.success ? parsed.data : { province: summaryQueryFields.province.safeParse(params.province).data };
  // The scope is checked before anything streams (see docs/decisions/001): another province is a real 404.
  await orNotFound(getSummaryScope(actor, query.province));
  return (
    <Suspense key={JSON.stringify(query)} fallback={<LoadingState />}>
      <SummaryReportView actor={actor} query={query} isQueryValid={parsed.success} />
    </Suspense>
  );
}

/** The report itself, streamed once its figures are computed. */
async function SummaryReportView({ actor, query, isQueryValid }: { actor: Actor; query: SummaryQuery; isQueryValid: boolean }) {
  const report = await getSummaryReport(actor, query);
  const [t, format, locale, provinces] = await Promise.all([getTranslations(), getFormatter(), getLocale(), report.scope.canCompareProvinces ? listProvinces() : Promise.resolve([])]);
  const { scope, period } = report;

  const monthName = (month: string, style: 'long' | 'short') => format.dateTime(cambodianMonthStart(month), { month: style, year: 'numeric' });
  const labels = { t: (key: string, values?: Record<string, string | number>) => t(key, values), locale, monthLabel: (month: string) => monthName(month, 'short') };
  const tables = new Map(summaryTablesOf(report).map((id) => [id, buildSummaryTable(report, id, labels)] as const));
  const table = (id: SummaryTableId): SummaryTable => {
    const found = tables.get(id);
    if (!found) throw new Error(`No table ${id} for this scope`);
    return found;
  };
  const formatCell = (cell: Cell): string => {
    if (cell === null) return '—';
    if (typeof cell === 'number') return format.number(cell, { maximumFractionDigits: 1 });
    return cell;
  };
  const formatCount = (value: Count) => (typeof value === 'number' ? format.number(value) : value);
  const currentQuery = summarySearchParams(period, scope.canCompareProvinces ? scope.provinceCode : null);
  const csvHref = (id: SummaryTableId) => `/summaries/export?${new URLSearchParams([...currentQuery, ['table', id]]).toString()}`;
  const presetHref = (months: number) => {
    const presetParams = new URLSearchParams({ months: String(months) });
    if (scope.canCompareProvinces && scope.provinceCode) presetParams.set('province', scope.provinceCode);
    return `/summaries?${presetParams.toString()}`;
  };
  // Printed, small tables come first and the long ones last, so that the report packs onto one page.
  const printOrder: SummaryTableId[] = ['crimeTypes', 'statuses', 'nationalities', 'detained', 'embassyResponse', 'cooperationRequests', 'cooperationTypes', 'consular', 'monthlyTrend', 'provinces'];
  const chartDescription = (id: SummaryTableId) => t('summaries.chartDescription', { title: table(id).title });
  const section = (id: SummaryTableId, options: { chart?: React.ReactNode; note?: string; wide?: boolean; printSpan?: PrintSpan } = {}) => (
    <SummaryTableSection
      key={id}
      table={table(id)}
      formatCell={formatCell}
      csvHref={csvHref(id)}
      csvLabel={t('summaries.downloadCsv')}
      csvAccessibleName={t('summaries.downloadCsvOf', { table: table(id).title })}
      emptyText={t('summaries.noData')}
      printOrder={printOrder.indexOf(id)}
      {...options}
    />
  );
  const series = (...keys: string[]): ChartSeries[] => keys.map((key) => ({ key, label: t(`summaries.columns.${key}`) }));
  const crimeSeries: ChartSeries[] = crimeType.enumValues.map((type) => ({ key: type, label: t(`enums.crimeType.${type}`) }));
  const actionTypesPresent = cooperationActionType.enumValues.filter((type) => report.cooperationByType.some((row) => row.byActionType[type] !== 0));
  const actionTypeColumn = (type: string) => cooperationActionType.enumValues.indexOf(type as CooperationActionType) + 1;
  const figures = [
    ['newCases', report.headline.newCases],
    ['closedCases', report.headline.closedCases],
    ['openCases', report.headline.openCases],
    ['detainedForeignNationals', report.headline.detainedForeignNationals],
    ['notificationsSent', report.headline.notificationsSent],
    ['notificationsAcknowledged', report.headline.notificationsAcknowledged],
    ['notificationsOverdue', report.headline.notificationsOverdue],
  ] as const;
  const title = scope.provinceNames
    ? t('summaries.titleProvince', { province: localizedName(scope.provinceNames, locale) })
    : t('summaries.titleNational');
  const currentMonth = cambodianMonthOf(new Date());

  return (
    <div className="summary-report space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-lg text-slate-800">
          {t('summaries.periodRange', { from: monthName(period.fromMonth, 'long'), to: monthName(period.toMonth, 'long') })}
        </p>
        <p className="text-sm text-slate-600">{t('summaries.periodNote')}</p>
        <p className="text-sm text-slate-600">{scope.isSuppressed ? t('summaries.suppressionNote', { suppressed: suppressedCount }) : t('summaries.exactCountsNote', { suppressed: suppressedCount })}</p>
        <p className="hidden text-xs text-slate-600 print:block">
          {t('common.appName')} · {localizedName(actor.organisationName, locale)} · {t('summaries.preparedAt', { date: format.dateTime(new Date(), { dateStyle: 'medium', timeStyle: 'short' }) })}
        </p>
      </div>

      {!isQueryValid && <Alert title={t('summaries.invalidPeriod')} />}

      <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 print:hidden">
        <nav aria-label={t('summaries.presets')}>
          <ul className="flex flex-wrap gap-2">
            {periodPresets.map((months) => (
              <li key={months}>
                <Link
                  href={presetHref(months)}
                  aria-current={period.presetMonths === months ? 'page' : undefined}
                  className={`inline-block rounded-full border px-3 py-1 text-sm ${
                    period.presetMonths === months ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50'
                  }`}
                >
                  {t('summaries.presetMonths', { months })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <form method="get" action="/summaries" aria-label={t('summaries.periodForm')} className="grid items-end gap-4 md:grid-cols-4">
          <FilterInput id="summary-from" label={t('summaries.fromMonth')} name="from" type="month" required max={currentMonth} defaultValue={period.fromMonth} />
          <FilterInput id="summary-to" label={t('summaries.toMonth')} name="to" type="month" required max={currentMonth} defaultValue={period.toMonth} />
          {scope.canCompareProvinces && (
            <FilterSelect
              id="summary-province"
              name="province"
              label={t('summaries.province')}
              defaultValue={scope.provinceCode ?? ''}
              anyLabel={t('summaries.wholeCountry')}
              options={provinces.map((province) => ({ value: province.code, label: localizedName(province.names, locale) }))}
            />
          )}
          <div className="flex flex-wrap gap-3">
            <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
              {t('summaries.show')}
            </button>
            <PrintButton label={t('summaries.print')} />
          </div>
        </form>
      </div>

      <section aria-labelledby="summary-overview" className="summary-section space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="summary-overview" className="text-lg font-semibold">
            {table('overview').title}
          </h2>
          <a
            href={csvHref('overview')}
            download
            aria-label={t('summaries.downloadCsvOf', { table: table('overview').title })}
            className="text-sm font-medium text-brand-700 underline print:hidden"
          >
            {t('summaries.downloadCsv')}
          </a>
        </div>
        <dl className="summary-figures grid grid-cols-2 gap-4 md:grid-cols-4 print:grid-cols-7 print:gap-2">
          {figures.map(([key, value]) => (
            <StatCard key={key} label={t(`summaries.figures.${key}`)} value={formatCount(value)} tone={key === 'notificationsOverdue' && value !== 0 ? 'warning' : 'default'} />
          ))}
        </dl>
      </section>

      <div className="summary-grid space-y-10">
        {section('crimeTypes', {
          chart: (
            <SummaryBarChart description={chartDescription('crimeTypes')} rows={chartRows(table('crimeTypes'), { newCases: 1 })} series={series('newCases')} suppressedLabel={suppressedCount} />
          ),
        })}
        {section('monthlyTrend', {
          wide: true,
          // Beside the provinces table when there is one, so the national report still fits one page.
          printSpan: report.provinces ? 'half' : 'full',
          chart: (
            <SummaryLineChart
              description={chartDescription('monthlyTrend')}
              rows={chartRows(table('monthlyTrend'), { ...Object.fromEntries(crimeType.enumValues.map((type, index) => [type, index + 1])), total: crimeType.enumValues.length + 1 })}
              series={[...crimeSeries, { key: 'total', label: t('summaries.columns.total') }]}
              suppressedLabel={suppressedCount}
            />
          ),
        })}
        {section('statuses', {
          chart: <SummaryBarChart description={chartDescription('statuses')} rows={chartRows(table('statuses'), { newCases: 1 })} series={series('newCases')} suppressedLabel={suppressedCount} />,
        })}
        {section('nationalities', {
          chart: (
            <SummaryBarChart
              description={chartDescription('nationalities')}
              rows={chartRows(table('nationalities'), { cases: 1 }).slice(0, 12)}
              series={series('cases')}
              suppressedLabel={suppressedCount}
            />
          ),
        })}
        {section('detained', {
          note: t('summaries.detainedNote'),
          chart: (
            <SummaryBarChart
              description={chartDescription('detained')}
              rows={chartRows(table('detained'), { detained: 1, stillDetained: 2 })}
              series={series('detained', 'stillDetained')}
              suppressedLabel={suppressedCount}
            />
          ),
        })}
        {section('embassyResponse', {
          printSpan: 'two-thirds',
          note: t('summaries.embassyResponseNote'),
          chart: (
            <SummaryBarChart
              description={chartDescription('embassyResponse')}
              rows={chartRows(table('embassyResponse'), { medianHours: 4, p90Hours: 5 })}
              series={series('medianHours', 'p90Hours')}
              suppressedLabel={suppressedCount}
            />
          ),
        })}
        {section('cooperationTypes', {
          wide: true,
          printSpan: 'full',
          chart: (
            <SummaryBarChart
              description={chartDescription('cooperationTypes')}
              rows={chartRows(table('cooperationTypes'), Object.fromEntries(actionTypesPresent.map((type) => [type, actionTypeColumn(type)])))}
              series={actionTypesPresent.map((type) => ({ key: type, label: t(`summaries.actionTypes.${type}`) }))}
              suppressedLabel={suppressedCount}
              stacked
            />
          ),
        })}
        {section('cooperationRequests', {
          printSpan: 'third',
          note: t('summaries.requestsNote'),
          chart: (
            <SummaryBarChart
              description={chartDescription('cooperationRequests')}
              rows={chartRows(table('cooperationRequests'), { answered: 2, pending: 3 })}
              series={series('answered', 'pending')}
              suppressedLabel={suppressedCount}
              stacked
            />
          ),
        })}
        {section('consular', {
          wide: true,
          printSpan: 'full',
          note: t('summaries.consularNote'),
          chart: (
            <SummaryBarChart
              description={chartDescription('consular')}
              rows={chartRows(table('consular'), { notifiedWithin24Hours: 4, notifiedWithin72Hours: 5, unnotified: 8 }).slice(0, 12)}
              series={series('notifiedWithin24Hours', 'notifiedWithin72Hours', 'unnotified')}
              suppressedLabel={suppressedCount}
            />
          ),
        })}
        {report.provinces &&
          section('provinces', {
            wide: true,
            printSpan: 'half',
            note: t('summaries.provincesNote'),
            chart: (
              <SummaryBarChart
                description={chartDescription('provinces')}
                rows={chartRows(table('provinces'), { newCases: 1, openCases: 3 }).filter((row) => Object.values(row.values).some((value) => value !== 0))}
                series={series('newCases', 'openCases')}
                suppressedLabel={suppressedCount}
              />
            ),
          })}
      </div>
    </div>
  );
}
