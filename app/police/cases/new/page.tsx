import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { CaseForm } from '@/components/case/case-form';
import { requireAccess } from '@/lib/auth/session';
import { dateToCambodianLocal } from '@/lib/time/cambodia';
import { localizedName } from '@/lib/i18n/localized-name';
import { getProvince } from '@/lib/reference/provinces';
import { pageTitle } from '@/lib/i18n/page-title';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('nav');
  return { title: pageTitle(t('newCase'), t('cases')) };
}

export default async function NewCasePage() {
  const actor = await requireAccess('create:case:own-province');
  const [t, locale] = await Promise.all([getTranslations('cases'), getLocale()]);
  const provinceCode = actor.provinceCode ?? '';
  const province = await getProvince(provinceCode);
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">{t('newCase')}</h1>
      <CaseForm
        provinceName={province ? localizedName(province.names, locale) : provinceCode}
        defaultValues={{
          crimeType: 'human_trafficking',
          provinceCode,
          district: '',
          commune: '',
          placeDescription: '',
          occurredAt: '',
          reportedAt: dateToCambodianLocal(new Date()),
          title: '',
          narrative: '',
          isNarrativeShareable: false,
          narrativeHandlingCode: 'H0',
          narrativeHandlingNote: '',
          people: [],
        }}
      />
    </div>
  );
}
