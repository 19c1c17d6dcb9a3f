import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { MissionForm } from '@/app/admin/_components/mission-form';
import type { Actor } from '@/lib/auth/actor';
import { requireAccess } from '@/lib/auth/session';
import { countryName, localizedName } from '@/lib/i18n/localized-name';
import { pageTitle } from '@/lib/i18n/page-title';
import { getMissionForAdmin, listLinkableOrganisations } from '@/lib/missions/queries';
import { listProvinces } from '@/lib/reference/provinces';
import { orNotFound } from '@/lib/run-action';

interface PageProps {
  params: Promise<{ id: string }>;
}

/** Read once per request, for the title and the page (React's cache; the actor is the request's own). */
const loadMission = cache(async (actor: Actor, id: string) => orNotFound(getMissionForAdmin(actor, id)));

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const actor = await requireAccess('manage:directory:all');
  const [mission, t, locale] = await Promise.all([params.then(({ id }) => loadMission(actor, id)), getTranslations('nav'), getLocale()]);
  return { title: pageTitle(localizedName(mission.names, locale), t('adminMissions')) };
}

export default async function MissionPage({ params }: PageProps) {
  const actor = await requireAccess('manage:directory:all');
  const { id } = await params;
  const [mission, provinces, organisations, t, locale] = await Promise.all([loadMission(actor, id), listProvinces(), listLinkableOrganisations(actor, id), getTranslations(), getLocale()]);
  return (
    <div className="max-w-3xl space-y-6">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/admin/missions" className="text-brand-700 underline">
            {t('missions.title')}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{localizedName(mission.names, locale)}</h1>
        <p className="text-sm text-slate-600">
          {t(`enums.missionType.${mission.missionType}`)} · {countryName(mission.countryCode, locale)} · {mission.organisationId ? t('missions.onCaseBridge') : t('missions.offCaseBridge')}
        </p>
      </div>
      <MissionForm
        existing={{ id: mission.id, version: mission.version }}
        provinces={provinces.map((province) => ({ code: province.code, name: localizedName(province.names, locale) }))}
        organisations={organisations.map((organisation) => ({ id: organisation.id, countryCode: organisation.countryCode, name: localizedName(organisation.names, locale) }))}
        values={{
          missionType: mission.missionType,
          countryCode: mission.countryCode,
          nameEn: mission.names.en,
          nameKm: mission.names.km,
          nameZh: mission.names.zh,
          city: mission.city,
          provinceCodes: mission.provinceCodes,
          email: mission.email ?? '',
          phone: mission.phone ?? '',
          fax: mission.fax ?? '',
          organisationId: mission.organisationId ?? '',
          isActive: mission.isActive,
        }}
      />
    </div>
  );
}
