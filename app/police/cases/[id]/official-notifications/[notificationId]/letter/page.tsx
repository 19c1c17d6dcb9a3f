import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { PrintButton } from '@/components/ui/print-button';
import { requireAccess } from '@/lib/auth/session';
import { getOfficialLetter } from '@/lib/consular/queries';
import type { OfficialLetterView } from '@/lib/consular/views';
import { countryName, localizedName } from '@/lib/i18n/localized-name';
import { pageTitle } from '@/lib/i18n/page-title';
import { getProvince } from '@/lib/reference/provinces';
import { orNotFound } from '@/lib/run-action';

interface PageProps {
  params: Promise<{ id: string; notificationId: string }>;
}

const loadLetter = cache(async (caseId: string, notificationId: string) => {
  const actor = await requireAccess('read:case:own-province');
  return orNotFound(getOfficialLetter(actor, caseId, notificationId));
});

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { id, notificationId } = await params;
  const [letter, t] = await Promise.all([loadLetter(id, notificationId), getTranslations()]);
  return { title: pageTitle(t('consular.letter.title'), letter.caseReferenceNumber, t('nav.cases')) };
}

/** The letter in one language: English and Khmer are printed one after the other, whatever the reader's language. */
async function LetterSection({ letter, locale, provinceName }: { letter: OfficialLetterView; locale: 'en' | 'km'; provinceName: string }) {
  const [t, format] = await Promise.all([getTranslations({ locale }), getFormatter({ locale })]);
  const dateTime = (date: Date) => format.dateTime(date, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Phnom_Penh' });
  const country = countryName(letter.countryCode, locale);
  const isDetention = letter.nationals.some((national) => national.detentionStatus === 'detained');
  return (
    <section lang={locale} className="official-letter-section break-after-page py-6">
      <p className="text-right text-sm">{t('consular.letter.date', { date: format.dateTime(letter.issuedAt, { dateStyle: 'long', timeZone: 'Asia/Phnom_Penh' }) })}</p>
      <p className="mt-4 text-sm">
        {t('consular.letter.to')}
        <br />
        <strong>{letter.mission ? localizedName(letter.mission.names, locale) : t('consular.letter.toCountry', { country })}</strong>
        {letter.mission && (
          <>
            <br />
            {[letter.mission.city, letter.mission.email, letter.mission.fax].filter(Boolean).join(' · ')}
          </>
        )}
      </p>
      <h2 className="mt-6 text-lg font-semibold">{t(isDetention ? 'consular.letter.subjectDetention' : 'consular.letter.subjectInvolvement', { country })}</h2>
      <p className="mt-3 text-sm">
        {t(isDetention ? 'consular.letter.bodyDetention' : 'consular.letter.bodyInvolvement', {
          police: localizedName(letter.policeOrganisation, locale),
          country,
          reference: letter.caseReferenceNumber,
        })}
      </p>
      <table className="mt-4 w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-slate-400 text-left">
            <th className="py-1 pr-2">{t('consular.letter.name')}</th>
            <th className="py-1 pr-2">{t('consular.letter.dateOfBirth')}</th>
            <th className="py-1 pr-2">{t('consular.letter.nationality')}</th>
            <th className="py-1 pr-2">{t('consular.letter.document')}</th>
            <th className="py-1">{t('consular.letter.detention')}</th>
          </tr>
        </thead>
        <tbody>
          {letter.nationals.map((national, index) => (
            <tr key={index} className="border-b border-slate-200 align-top">
              <td className="py-1 pr-2">
                {national.latinName}
                {national.nativeName && <span className="block">{national.nativeName}</span>}
              </td>
              <td className="py-1 pr-2">
                {national.dateOfBirth ?? (national.approximateAge !== null ? t('consular.letter.age', { age: national.approximateAge }) : '—')}
              </td>
              <td className="py-1 pr-2">{national.nationalities.map((code) => countryName(code, locale)).join(', ')}</td>
              <td className="py-1 pr-2">{national.idDocumentType && national.idDocumentNumber ? `${t(`enums.idDocumentType.${national.idDocumentType}`)} ${national.idDocumentNumber}` : '—'}</td>
              <td className="py-1">
                {national.detentionStatus === 'not_detained' || !national.detentionChangedAt
                  ? t('enums.detentionStatus.not_detained')
                  : `${t(`enums.detentionStatus.${national.detentionStatus}`)} · ${dateTime(national.detentionChangedAt)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t('consular.letter.nature')}</dt>
        <dd>{t(`enums.crimeType.${letter.crimeType}`)}</dd>
        <dt className="font-medium">{t('consular.letter.place')}</dt>
        <dd>{[letter.place, provinceName].filter(Boolean).join(', ')}</dd>
        <dt className="font-medium">{t('consular.letter.occurredAt')}</dt>
        <dd>{dateTime(letter.occurredAt)}</dd>
      </dl>
      <p className="mt-4 text-sm">{t('consular.letter.contact', { officer: letter.contactOfficerName, police: localizedName(letter.policeOrganisation, locale), reference: letter.caseReferenceNumber })}</p>
      <p className="mt-8 text-sm">{t('consular.letter.closing')}</p>
      <p className="mt-10 text-sm">{letter.contactOfficerName}</p>
    </section>
  );
}

/** The formal notification letter to a mission off CaseBridge, for the police to send through the official channel. */
export default async function OfficialLetterPage({ params }: PageProps) {
  const { id, notificationId } = await params;
  const [letter, t] = await Promise.all([loadLetter(id, notificationId), getTranslations()]);
  const province = await getProvince(letter.provinceCode);
  return (
    <div className="official-letter mx-auto max-w-3xl bg-white px-8 py-6 print:px-0 print:py-0">
      <div className="flex items-start justify-between gap-4" data-print="hide">
        <h1 className="text-2xl font-semibold">{t('consular.letter.title')}</h1>
        <PrintButton label={t('consular.letter.print')} />
      </div>
      <p className="mt-2 text-sm text-slate-600 print:hidden">{t('consular.letter.intro')}</p>
      <LetterSection letter={letter} locale="en" provinceName={province?.names.en ?? letter.provinceCode} />
      <LetterSection letter={letter} locale="km" provinceName={province?.names.km ?? letter.provinceCode} />
    </div>
  );
}
