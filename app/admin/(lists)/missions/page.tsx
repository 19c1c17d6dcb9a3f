import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterSelect } from '@/components/ui/filter-field';
import { FiltersNotUnderstood } from '@/components/ui/filters-not-understood';
import { missionType } from '@/db/schema/enums';
import { requireAccess } from '@/lib/auth/session';
import { countryName, localizedName } from '@/lib/i18n/localized-name';
import { pageTitle } from '@/lib/i18n/page-title';
import { listMissionCountries, listMissions } from '@/lib/missions/queries';
import { listMissionsQueryFields, type ListMissionsQuery } from '@/lib/missions/schemas';
import { listProvinces } from '@/lib/reference/provinces';
import { parseFilters, type PageSearchParams } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: pageTitle(t('missions.title')) };
}

function queryString(query: ListMissionsQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.country) params.set('country', query.country);
  if (query.type) params.set('type', query.type);
  if (query.presence) params.set('presence', query.presence);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The directory of foreign missions: where each country's nationals are notified, on CaseBridge or not. */
export default async function MissionsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requireAccess('manage:directory:all');
  const { filters: query, notUnderstood } = parseFilters(listMissionsQueryFields, await searchParams);
  const [page, countries, provinces, t, locale] = await Promise.all([listMissions(actor, query), listMissionCountries(actor), listProvinces(), getTranslations(), getLocale()]);
  const provinceNames = new Map(provinces.map((province) => [province.code, localizedName(province.names, locale)]));
  const isFiltered = Boolean(query.country || query.type || query.presence);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t('missions.title')}</h1>
        <Link href="/admin/missions/new" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          {t('missions.new')}
        </Link>
      </div>
      <p className="text-sm text-slate-600">{t('missions.intro')}</p>

      <FiltersNotUnderstood names={notUnderstood} />

      <form method="get" role="search" aria-label={t('missions.filters')} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3">
        <FilterSelect
          id="filter-country"
          name="country"
          label={t('missions.country')}
          defaultValue={query.country}
          anyLabel={t('missions.anyCountry')}
          options={countries.map((code) => ({ value: code, label: countryName(code, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale))}
        />
        <FilterSelect
          id="filter-type"
          name="type"
          label={t('missions.type')}
          defaultValue={query.type}
          anyLabel={t('missions.anyType')}
          options={missionType.enumValues.map((value) => ({ value, label: t(`enums.missionType.${value}`) }))}
        />
        <FilterSelect
          id="filter-presence"
          name="presence"
          label={t('missions.presence')}
          defaultValue={query.presence}
          anyLabel={t('missions.anyPresence')}
          options={[
            { value: 'on', label: t('missions.onCaseBridge') },
            { value: 'off', label: t('missions.offCaseBridge') },
          ]}
        />
        <div className="flex items-center gap-4 md:col-span-3">
          <button type="submit" className="ml-auto rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            {t('admin.applyFilters')}
          </button>
          <Link href="/admin/missions" className="text-sm font-medium text-slate-700 underline">
            {t('admin.clearFilters')}
          </Link>
        </div>
      </form>

      <p role="status" className="text-sm text-slate-700">
        {t('missions.total', { count: page.total })}
      </p>

      {page.missions.length === 0 ? (
        <EmptyState>{isFiltered ? t('missions.noneMatch') : t('missions.none')}</EmptyState>
      ) : (
        <DataTable
          caption={t('missions.title')}
          columns={[
            { header: t('missions.mission') },
            { header: t('missions.type') },
            { header: t('missions.country') },
            { header: t('missions.city') },
            { header: t('missions.district') },
            { header: t('missions.presence') },
            { header: t('admin.status') },
          ]}
        >
          {page.missions.map((mission) => (
            <tr key={mission.id}>
              <th scope="row" className="px-4 py-2 text-left font-normal">
                <Link href={`/admin/missions/${mission.id}`} className="font-medium text-brand-700 underline">
                  {localizedName(mission.names, locale)}
                </Link>
              </th>
              <td className="px-4 py-2">{t(`enums.missionType.${mission.missionType}`)}</td>
              <td className="px-4 py-2">{countryName(mission.countryCode, locale)}</td>
              <td className="px-4 py-2">{mission.city}</td>
              <td className="px-4 py-2">
                {mission.missionType === 'embassy' ? t('missions.restOfCountry') : mission.provinceCodes.map((code) => provinceNames.get(code) ?? code).join(', ')}
              </td>
              <td className="px-4 py-2">{mission.organisation ? localizedName(mission.organisation.names, locale) : t('missions.offCaseBridge')}</td>
              <td className="px-4 py-2">{mission.isActive ? t('admin.active') : t('admin.inactive')}</td>
            </tr>
          ))}
        </DataTable>
      )}

      {page.pageCount > 1 && (
        <nav aria-label={t('admin.pagination')} className="flex items-center gap-4">
          {page.page > 1 && (
            <Link href={`/admin/missions${queryString(query, page.page - 1)}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('admin.previousPage')}
            </Link>
          )}
          <span className="text-sm text-slate-700">{t('admin.pageOf', { page: page.page, pageCount: page.pageCount })}</span>
          {page.page < page.pageCount && (
            <Link href={`/admin/missions${queryString(query, page.page + 1)}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('admin.nextPage')}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
