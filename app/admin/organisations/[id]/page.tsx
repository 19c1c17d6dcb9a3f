import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { OrganisationActivation } from '@/app/admin/_components/organisation-activation';
import { OrganisationForm } from '@/app/admin/_components/organisation-form';
import { orNotFound } from '@/lib/run-action';
import { requireAccess } from '@/lib/auth/session';
import type { Actor } from '@/lib/auth/actor';
import { getOrganisationForAdmin } from '@/lib/directory/queries';
import { localizedName } from '@/lib/i18n/localized-name';
import { pageTitle } from '@/lib/i18n/page-title';
import { listProvinces } from '@/lib/reference/provinces';

interface PageProps {
  params: Promise<{ id: string }>;
}

/** Read once per request, for the title and the page (React's cache; the actor is the request's own). */
const loadOrganisation = cache(async (actor: Actor, id: string) => orNotFound(getOrganisationForAdmin(actor, id)));

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const actor = await requireAccess('view:area:admin');
  const [organisation, t, locale] = await Promise.all([params.then(({ id }) => loadOrganisation(actor, id)), getTranslations('nav'), getLocale()]);
  return { title: pageTitle(localizedName(organisation.names, locale), t('adminHome')) };
}

export default async function OrganisationPage({ params }: PageProps) {
  const actor = await requireAccess('view:area:admin');
  const { id } = await params;
  const [organisation, provinces, t, locale] = await Promise.all([loadOrganisation(actor, id), listProvinces(), getTranslations(), getLocale()]);
  return (
    <div className="max-w-3xl space-y-8">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/admin" className="text-brand-700 underline">
            {t('admin.organisations')}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{localizedName(organisation.names, locale)}</h1>
        <p className="text-sm text-slate-600">
          {t(`organisationKinds.${organisation.kind}`)} · {organisation.isActive ? t('admin.active') : t('admin.inactive')} ·{' '}
          <Link href={`/admin/users?organisationId=${organisation.id}`} className="text-brand-700 underline">
            {t('admin.viewUsers')}
          </Link>
        </p>
      </div>
      <OrganisationForm
        existing={{ id: organisation.id, version: organisation.version }}
        provinces={provinces.map((province) => ({ code: province.code, name: localizedName(province.names, locale) }))}
        values={{
          kind: organisation.kind,
          nameEn: organisation.names.en,
          nameKm: organisation.names.km,
          nameZh: organisation.names.zh,
          provinceCode: organisation.provinceCode ?? '',
          countryCode: organisation.countryCode ?? '',
          ackDeadlineHours: String(organisation.ackDeadlineHours),
          detentionAckDeadlineHours: String(organisation.detentionAckDeadlineHours),
          requiresTotp: organisation.requiresTotp,
          dutyEmailAddresses: organisation.dutyEmailAddresses.join('\n'),
        }}
      />
      <section aria-labelledby="activation" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="activation" className="text-lg font-semibold">
          {t('admin.activationHeading')}
        </h2>
        <OrganisationActivation id={organisation.id} version={organisation.version} isActive={organisation.isActive} />
      </section>
    </div>
  );
}
