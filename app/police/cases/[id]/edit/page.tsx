import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { CaseForm } from '@/components/case/case-form';
import { orNotFound } from '@/lib/run-action';
import { requireAccess } from '@/lib/auth/session';
import { getCaseWorkspace } from '@/lib/cases/queries';
import { dateToCambodianLocal } from '@/lib/time/cambodia';
import { localizedName } from '@/lib/i18n/localized-name';
import { pageTitle } from '@/lib/i18n/page-title';
import { getProvince } from '@/lib/reference/provinces';

interface PageProps {
  params: Promise<{ id: string }>;
}

/** The page's one (audited) read of the case, shared by its title and its body for the request. */
const loadCase = cache(async (id: string) => {
  const actor = await requireAccess('update:case:own-province');
  return orNotFound(getCaseWorkspace(actor, id));
});

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const [view, t] = await Promise.all([params.then(({ id }) => loadCase(id)), getTranslations()]);
  return { title: pageTitle(t('cases.workspace.edit'), view.referenceNumber, t('nav.cases')) };
}

export default async function EditCasePage({ params }: PageProps) {
  const view = await loadCase((await params).id);
  const [t, locale, province] = await Promise.all([getTranslations('cases.workspace'), getLocale(), getProvince(view.provinceCode)]);
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">
        {t('edit')}: <span className="font-mono">{view.referenceNumber}</span>
      </h1>
      <CaseForm
        existing={{ caseId: view.id, version: view.version }}
        provinceName={province ? localizedName(province.names, locale) : view.provinceCode}
        defaultValues={{
          crimeType: view.crimeType,
          provinceCode: view.provinceCode,
          district: view.district ?? '',
          commune: view.commune ?? '',
          placeDescription: view.placeDescription ?? '',
          occurredAt: dateToCambodianLocal(view.occurredAt),
          reportedAt: dateToCambodianLocal(view.reportedAt),
          title: view.title,
          narrative: view.narrative,
          isNarrativeShareable: view.isNarrativeShareable,
          narrativeHandlingCode: view.narrativeHandlingCode,
          narrativeHandlingNote: view.narrativeHandlingNote ?? '',
          people: view.people.map((person) => ({
            id: person.id,
            roleInCase: person.roleInCase,
            latinName: person.latinName,
            nativeName: person.nativeName ?? '',
            sex: person.sex,
            dateOfBirth: person.dateOfBirth ?? '',
            approximateAge: person.approximateAge === null ? '' : String(person.approximateAge),
            nationality: person.nationality,
            idDocumentType: person.idDocumentType ?? '',
            idDocumentNumber: person.idDocumentNumber ?? '',
            detentionStatus: person.detentionStatus,
            detentionChangedAt: person.detentionChangedAt ? dateToCambodianLocal(person.detentionChangedAt) : '',
            isSensitiveVictim: person.isSensitiveVictim,
            otherNationalities: person.otherNationalities.length ? person.otherNationalities : [''],
            rightsInformedAt: person.rightsInformedAt ? dateToCambodianLocal(person.rightsInformedAt) : '',
            notificationWish: person.notificationWish ?? '',
          })),
        }}
      />
    </div>
  );
}
