import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { FiltersNotUnderstood } from '@/components/ui/filters-not-understood';
import { DataTable } from '@/components/ui/data-table';
import { FilterInput, FilterSelect } from '@/components/ui/filter-field';
import { caseStatus, crimeType } from '@/db/schema/enums';
import type { CaseListFilters } from '@/lib/cases/schemas';
import type { CaseListPage } from '@/lib/cases/views';
import { countryName, localizedName } from '@/lib/i18n/localized-name';
import { countryCodes, frequentNationalities } from '@/lib/reference/countries';
import type { ProvinceView } from '@/lib/reference/provinces';

function queryString(filters: CaseListFilters, overrides: Partial<Record<keyof CaseListFilters, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...overrides })) {
    if (value && !(key === 'sort' && value === 'reported')) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

type CaseListViewProps = {
  page: CaseListPage;
  filters: CaseListFilters;
  /** Filters the URL held but that could not be read (not applied); the list says so. */
  notUnderstood: readonly string[];
  /** The page's own path, for pagination links and "clear". */
  basePath: string;
} & (
  /** Police list and open their province's cases; the ministry reads every province without opening cases. */
  { variant: 'police' } | { variant: 'national'; provinces: ProvinceView[] }
);

/** The case list with its filter form, shared by police (own province) and ministry analysts (all provinces, read-only). */
export async function CaseListView(props: CaseListViewProps) {
  const { page, filters, notUnderstood, basePath } = props;
  const isPolice = props.variant === 'police';
  const provinces = props.variant === 'national' ? props.provinces : [];
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  const provinceNames = new Map(provinces.map((province) => [province.code, localizedName(province.names, locale)]));
  const collator = new Intl.Collator(locale);
  const nationalityOptions = [
    ...frequentNationalities,
    ...countryCodes.filter((code) => !(frequentNationalities as readonly string[]).includes(code)).sort((a, b) => collator.compare(countryName(a, locale), countryName(b, locale))),
  ];
  const isFiltered = Boolean(
    filters.q || filters.status || filters.crimeType || filters.nationality || filters.detained || filters.from || filters.to || filters.mine || filters.province,
  );
  const dateTime = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t('cases.listTitle')}</h1>
        {isPolice && (
          <Link href="/police/cases/new" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
            {t('cases.newCase')}
          </Link>
        )}
      </div>

      <FiltersNotUnderstood names={notUnderstood} />

      <form method="get" role="search" aria-label={t('cases.filters')} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4">
        <FilterInput
          id="filter-q"
          label={t('cases.search')}
          hint={isPolice ? t('cases.searchHint') : t('cases.searchHintNational')}
          className="md:col-span-2"
          name="q"
          type="search"
          defaultValue={filters.q}
        />
 {!isPolice && (
          <FilterSelect
            id="filter-province"
            name="province"
            label={t('cases.province')}
            defaultValue={filters.province ?? ''}
            anyLabel={t('cases.allProvinces')}
            options={provinces.map((province) => ({ value: province.code, label: localizedName(province.names, locale) }))}
          />
        )}
        <FilterSelect
          id="filter-status"
          name="status"
          label={t('cases.status')}
          defaultValue={filters.status ?? ''}
          anyLabel={t('cases.anyOption')}
          options={caseStatus.enumValues.map((status) => ({ value: status, label: t(`enums.caseStatus.${status}`) }))}
        />
        <FilterSelect
          id="filter-crime"
          name="crimeType"
          label={t('cases.crimeType')}
          defaultValue={filters.crimeType ?? ''}
          anyLabel={t('cases.anyOption')}
          options={crimeType.enumValues.map((type) => ({ value: type, label: t(`enums.crimeType.${type}`) }))}
        />
        <FilterSelect
          id="filter-nationality"
          name="nationality"
          label={t('cases.nationality')}
          defaultValue={filters.nationality ?? ''}
          anyLabel={t('cases.anyOption')}
          options={nationalityOptions.map((code) => ({ value: code, label: countryName(code, locale) }))}
        />
        <FilterInput id="filter-from" label={t('cases.reportedFrom')} name="from" type="date" defaultValue={filters.from ?? ''} />
        <FilterInput id="filter-to" label={t('cases.reportedTo')} name="to" type="date" defaultValue={filters.to ?? ''} />
        <FilterSelect
          id="filter-sort"
          name="sort"
          label={t('cases.sort')}
          defaultValue={filters.sort}
          options={[
            { value: 'reported', label: t('cases.sortReported') },
            { value: 'updated', label: t('cases.sortUpdated') },
          ]}
        />
        <div className="flex flex-wrap items-center gap-4 md:col-span-4">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="detained" value="1" defaultChecked={Boolean(filters.detained)} className="h-4 w-4" />
            {t('cases.detainedOnly')}
          </label>
          {isPolice && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="mine" value="1" defaultChecked={Boolean(filters.mine)} className="h-4 w-4" />
              {t('cases.assignedToMe')}
            </label>
          )}
          <button type="submit" className="ml-auto rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            {t('cases.applyFilters')}
          </button>
          <Link href={basePath} className="text-sm font-medium text-slate-700 underline">
            {t('cases.clearFilters')}
          </Link>
        </div>
      </form>

      <p role="status" className="text-sm text-slate-700">
        {page.totalIsCapped ? t('cases.resultCountCapped', { count: page.total }) : t('cases.resultCount', { count: page.total })}
      </p>

      {page.items.length === 0 ? (
        <EmptyState>{isFiltered ? t('cases.noResults') : t('cases.noCasesYet')}</EmptyState>
      ) : (
        <DataTable
          columns={[
            { header: t('cases.reference') },
            ...(isPolice ? [] : [{ header: t('cases.province') }]),
            { header: t('cases.title') },
            { header: t('cases.crimeType') },
            { header: t('cases.status') },
            { header: t('cases.people') },
            ...(isPolice ? [{ header: t('cases.assignedTo') }] : []),
            { header: filters.sort === 'updated' ? t('cases.updatedAt') : t('cases.reportedAt') },
          ]}
        >
          {page.items.map((item) => (
            <tr key={item.id}>
              <td className="whitespace-nowrap px-4 py-2 font-mono">
                {isPolice ? (
                  <Link href={`/police/cases/${item.id}`} className="text-brand-700 underline">
                    {item.referenceNumber}
                  </Link>
                ) : (
                  item.referenceNumber
                )}
              </td>
              {!isPolice && <td className="px-4 py-2">{provinceNames.get(item.provinceCode) ?? item.provinceCode}</td>}
              <td className="px-4 py-2">{item.title}</td>
              <td className="px-4 py-2">{t(`enums.crimeType.${item.crimeType}`)}</td>
              <td className="px-4 py-2">{t(`enums.caseStatus.${item.status}`)}</td>
              <td className="px-4 py-2">
                {t('cases.peopleSummary', { count: item.peopleCount })}
                {item.nationalities.length > 0 && <span className="text-slate-600"> · {item.nationalities.map((code) => countryName(code, locale)).join(', ')}</span>}
                {item.detainedCount > 0 && <span className="ml-1 font-medium text-amber-800"> · {t('cases.detainedCount', { count: String(item.detainedCount) })}</span>}
              </td>
              {isPolice && <td className="px-4 py-2">{item.assignedToName ?? <span className="text-slate-500">{t('cases.unassigned')}</span>}</td>}
              <td className="whitespace-nowrap px-4 py-2">{dateTime(filters.sort === 'updated' ? item.updatedAt : item.reportedAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}

      {(page.nextCursor || filters.cursor) && (
        <nav aria-label={t('cases.pagination')} className="flex gap-4">
          {filters.cursor && (
            <Link href={`${basePath}${queryString(filters, { cursor: undefined })}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('cases.firstPage')}
            </Link>
          )}
          {page.nextCursor && (
            <Link href={`${basePath}${queryString(filters, { cursor: page.nextCursor })}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('cases.nextPage')}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
