import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAccess } from '@/lib/auth/session';
import { listOrganisations } from '@/lib/directory/queries';
import { countryName, localizedName } from '@/lib/i18n/localized-name';
import { listProvinces } from '@/lib/reference/provinces';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('nav');
  return { title: t('adminHome') };
}

export default async function AdminPage() {
  const actor = await requireAccess('view:area:admin');
  const [organisations, provinces, t, format, locale] = await Promise.all([
    listOrganisations(actor),
    listProvinces(),
    getTranslations(),
    getFormatter(),
    getLocale(),
  ]);
  const provinceNames = new Map(provinces.map((province) => [province.code, localizedName(province.names, locale)]));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t('admin.title')}</h1>
      <section aria-labelledby="organisations" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h2 id="organisations" className="text-lg font-semibold">
            {t('admin.organisations')}
          </h2>
          <Link href="/admin/organisations/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            {t('admin.newOrganisation')}
          </Link>
        </div>
        {organisations.length === 0 ? (
          <EmptyState>{t('admin.noOrganisations')}</EmptyState>
        ) : (
          <DataTable
            caption={t('admin.organisations')}
            columns={[{ header: t('admin.organisation') }, { header: t('admin.kind') }, { header: t('admin.place') }, { header: t('admin.activeUsers'), align: 'end' }, { header: t('admin.status') }]}
          >
            {organisations.map((organisation) => (
              <tr key={organisation.id}>
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  <Link href={`/admin/organisations/${organisation.id}`} className="font-medium text-brand-700 underline">
                    {localizedName(organisation.names, locale)}
                  </Link>
                </th>
                <td className="px-4 py-2">{t(`organisationKinds.${organisation.kind}`)}</td>
                <td className="px-4 py-2">
                  {organisation.provinceCode
                    ? (provinceNames.get(organisation.provinceCode) ?? organisation.provinceCode)
                    : organisation.countryCode
                      ? countryName(organisation.countryCode, locale)
                      : '—'}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">
                  <Link href={`/admin/users?organisationId=${organisation.id}`} className="underline" aria-label={t('admin.usersOf', { organisation: localizedName(organisation.names, locale) })}>
                    {format.number(organisation.activeUserCount)} / {format.number(organisation.userCount)}
                  </Link>
                </td>
                <td className="px-4 py-2">{organisation.isActive ? t('admin.active') : t('admin.inactive')}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
