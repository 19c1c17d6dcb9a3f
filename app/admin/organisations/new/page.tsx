import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { OrganisationForm } from '@/app/admin/_components/organisation-form';
import { requireAccess } from '@/lib/auth/session';
import { localizedName } from '@/lib/i18n/localized-name';
import { listProvinces } from '@/lib/reference/provinces';
import { pageTitle } from '@/lib/i18n/page-title';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: pageTitle(t('admin.newOrganisation'), t('nav.adminHome')) };
}

export default async function NewOrganisationPage() {
  await requireAccess('view:area:admin');
  const [provinces, t, locale] = await Promise.all([listProvinces(), getTranslations(), getLocale()]);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">{t('admin.newOrganisation')}</h1>
      <OrganisationForm
        provinces={provinces.map((province) => ({ code: province.code, name: localizedName(province.names, locale) }))}
        values={{ kind: 'embassy', nameEn: '', nameKm: '', nameZh: '', provinceCode: '', countryCode: '', ackDeadlineHours: '72', detentionAckDeadlineHours: '24', requiresTotp: false, dutyEmailAddresses: '' }}
      />
    </div>
  );
}
