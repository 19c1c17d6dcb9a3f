import { getFormatter, getTranslations } from 'next-intl/server';
import type { PolicePersonView } from '@/lib/cases/views';

/** The fields a police officer and the person's embassy both see, whichever view the person came from. */
type PersonDetails = Pick<PolicePersonView, 'sex' | 'dateOfBirth' | 'approximateAge' | 'idDocumentType' | 'idDocumentNumber' | 'detentionStatus' | 'detentionChangedAt'>;

/** Three cells of a people table: sex with date of birth or age, ID document, detention with its time. */
export async function PersonDetailCells({ person }: { person: PersonDetails }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  return (
    <>
      <td className="px-4 py-2 align-top">
        {t(`enums.sex.${person.sex}`)}
        {/* Kept whole on a line of its own: the table shares its width with the rest of the workspace. */}
        {person.dateOfBirth ? (
          <span className="block whitespace-nowrap text-xs text-slate-600">
            {t('cases.workspace.born', { date: format.dateTime(new Date(`${person.dateOfBirth}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }) })}
          </span>
        ) : (
          person.approximateAge !== null && <span className="block whitespace-nowrap text-xs text-slate-600">{t('cases.workspace.age', { age: String(person.approximateAge) })}</span>
        )}
      </td>
      <td className="px-4 py-2 align-top">
        {person.idDocumentType ? (
          <>
            {t(`enums.idDocumentType.${person.idDocumentType}`)}
            <span className="block whitespace-nowrap font-mono">{person.idDocumentNumber}</span>
          </>
        ) : (
          '—'
        )}
      </td>
      <td className="px-4 py-2 align-top">
        {t(`enums.detentionStatus.${person.detentionStatus}`)}
        {person.detentionChangedAt && (
          <span className="block text-xs text-slate-600">{format.dateTime(person.detentionChangedAt, { dateStyle: 'medium', timeStyle: 'short' })}</span>
        )}
      </td>
    </>
  );
}
