import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { CaseForm } from '@/components/case/case-form';
import { orNotFound } from '@/lib/run-action';
import { requireAccess } from '@/lib/auth/session';
import { getCaseWorkspace } from '@/lib/cases/queries';
import { dateToCambodianLocal } from '@/lib/time/cambodia';
import { localizedName } from '@/lib/i18n/localized-name';
import { getProvince } from '@/lib/reference/provinces';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases.workspace');
  return { title: t('edit') };
}

export default async function EditCasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAccess('update:case:own-province');
  const { id } = await params;
  const view = await orNotFound(getCaseWorkspace(actor, id));
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
          })),
        }}
      />
    </div>
  );
}
