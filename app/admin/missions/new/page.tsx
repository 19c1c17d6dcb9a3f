import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { MissionForm } from '@/app/admin/_components/mission-form';
import { requireAccess } from '@/lib/auth/session';
import { localizedName } from '@/lib/i18n/localized-name';
import { pageTitle } from '@/lib/i18n/page-title';
import { listLinkableOrganisations } from '@/lib/missions/queries';
import { listProvinces } from '@/lib/reference/provinces';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: pageTitle(t('missions.new'), t('nav.adminMissions')) };
}

export default async function NewMissionPage() {
  const actor = await requireAccess('manage:directory:all');
  const [provinces, organisations, t, locale] = await Promise.all([listProvinces(), listLinkableOrganisations(actor), getTranslations(), getLocale()]);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">{t('missions.new')}</h1>
      <MissionForm
        provinces={provinces.map((province) => ({ code: province.code, name: localizedName(province.names, locale) }))}
        organisations={organisations.map((organisation) => ({ id: organisation.id, countryCode: organisation.countryCode, name: localizedName(organisation.names, locale) }))}
        values={{ missionType: 'consulate_general', countryCode: '', nameEn: '', nameKm: '', nameZh: '', city: '', provinceCodes: [], email: '', phone: '', fax: '', organisationId: '', isActive: true }}
      />
    </div>
  );
}
