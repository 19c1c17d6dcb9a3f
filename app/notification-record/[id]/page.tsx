import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { PrintButton } from '@/components/ui/print-button';
import { orNotFound } from '@/lib/run-action';
import { can } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { localizedName } from '@/lib/i18n/localized-name';
import { pageTitle } from '@/lib/i18n/page-title';
import { getNotificationRecord } from '@/lib/notifications/record';
import { getProvince } from '@/lib/reference/provinces';

interface PageProps {
  params: Promise<{ id: string }>;
}

/** The page's one (audited) read, shared by its title and its body for the request. */
const loadRecord = cache(async (id: string) => {
  const actor = await requireActor();
  return { actor, record: await orNotFound(getNotificationRecord(actor, id)) };
});

/** Under the case for its police, under the inbox for the embassy: where each came from. */
export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const [{ actor, record }, t] = await Promise.all([params.then(({ id }) => loadRecord(id)), getTranslations()]);
  const area = can(actor, 'read:case:own-province') ? t('nav.cases') : t('nav.embassyHome');
  return { title: pageTitle(t('record.title'), record.caseReferenceNumber, area) };
}

/** A one-page record for the file: printable by the case's police and by the notified embassy. */
export default async function NotificationRecordPage({ params }: PageProps) {
  const { record } = await loadRecord((await params).id);
  const [t, format, locale, province] = await Promise.all([getTranslations(), getFormatter(), getLocale(), getProvince(record.provinceCode)]);
  const dateTime = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: 'long', timeStyle: 'long' }) : t('record.notYet'));
  const rows: [string, string][] = [
    [t('record.case'), record.caseReferenceNumber],
    [t('record.province'), province ? localizedName(province.names, locale) : record.provinceCode],
    [t('record.crimeType'), t(`enums.crimeType.${record.crimeType}`)],
    [t('record.embassy'), localizedName(record.embassy, locale)],
    [t('record.kind'), t(`enums.notificationKind.${record.kind}`)],
    [t('record.reason'), `${t(`enums.notificationReason.${record.reason}`)}${record.manualReason ? ` — ${record.manualReason}` : ''}`],
    [t('record.sentAt'), dateTime(record.createdAt)],
    [t('record.sentBy'), record.createdByName ?? '—'],
    [t('record.dueAt'), dateTime(record.dueAt)],
    [t('record.firstOpenedAt'), record.firstOpenedAt ? `${dateTime(record.firstOpenedAt)} · ${record.firstOpenedByName ?? ''}` : t('record.notYet')],
    [t('record.acknowledgedAt'), record.acknowledgedAt ? `${dateTime(record.acknowledgedAt)} · ${record.acknowledgedByName ?? ''}` : t('record.notYet')],
    ...(record.withdrawnAt ? ([[t('record.withdrawnAt'), dateTime(record.withdrawnAt)]] as [string, string][]) : []),
    [t('record.note'), record.acknowledgementNote ?? '—'],
    ...declineRows(record.decline),
  ];
  // The embassy's decline and the police's answer: the exchange the case record keeps.
  function declineRows(decline: typeof record.decline): [string, string][] {
    if (!decline) return [];
    return [
      [t('record.declinedAt'), `${dateTime(decline.at)} · ${decline.byName ?? ''}`],
      [t('record.declineReason'), t(`enums.notificationDeclineReason.${decline.reason}`)],
      [t('record.declineNote'), decline.note ?? '—'],
      [
        t('record.resolution'),
        decline.resolution
          ? `${t(`enums.nationalityResolution.${decline.resolution.kind}`)} · ${dateTime(decline.resolution.at)} · ${decline.resolution.byName ?? ''}${decline.resolution.note ? ` — ${decline.resolution.note}` : ''}`
          : t('record.resolutionAwaited'),
      ],
    ];
  }
  return (
    <main id="main" className="mx-auto max-w-3xl bg-white px-8 py-10 print:px-0 print:py-0">
      <div className="flex items-start justify-between gap-4">
        <div>
          <p className="text-sm font-semibold text-brand-900">{t('common.appName')}</p>
          <h1 className="text-2xl font-semibold">{t('record.title')}</h1>
        </div>
        <PrintButton label={t('record.print')} />
      </div>
      <p className="mt-3 text-sm text-slate-700">{t('record.intro')}</p>
      <table className="mt-6 w-full border-collapse text-sm">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label} className="border-b border-slate-200">
              <th scope="row" className="w-1/3 py-2 pr-4 text-left align-top font-medium text-slate-700">
                {label}
              </th>
              <td className="py-2">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {record.redirects.length > 0 && (
        <>
          <h2 className="mt-6 font-semibold">{t('record.redirects')}</h2>
          <ol className="mt-2 list-decimal pl-6 text-sm">
            {record.redirects.map((redirect) => (
              <li key={redirect.at.toISOString()}>
                {t('record.redirectLine', { time: dateTime(redirect.at), from: redirect.from ? localizedName(redirect.from, locale) : '—', to: localizedName(redirect.to, locale) })}
                {redirect.note && ` — ${redirect.note}`}
              </li>
            ))}
          </ol>
        </>
      )}
      <h2 className="mt-6 font-semibold">{t('record.updates')}</h2>
      {record.updates.length === 0 ? (
        <p className="text-sm text-slate-600">—</p>
      ) : (
        <ol className="mt-2 list-decimal pl-6 text-sm">
          {record.updates.map((update) => (
            <li key={update.id}>
              {t(`enums.notificationUpdate.${update.kind}`)} · {dateTime(update.createdAt)}
            </li>
          ))}
        </ol>
      )}
      <h2 className="mt-6 font-semibold">{t('record.deliveries')}</h2>
      {record.deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">{t('record.noDeliveries')}</p>
      ) : (
        <table className="mt-2 w-full border-collapse text-sm">
          <caption className="sr-only">{t('record.deliveries')}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-2 pr-3 font-medium">{t('record.deliveryColumns.recipient')}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t('record.deliveryColumns.kind')}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t('record.deliveryColumns.queuedAt')}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t('record.deliveryColumns.outcome')}</th>
              <th scope="col" className="py-2 font-medium">{t('record.deliveryColumns.attempts')}</th>
            </tr>
          </thead>
          <tbody>
            {record.deliveries.map((delivery) => (
              <tr key={delivery.id} className="border-b border-slate-200 align-top">
                <td className="py-2 pr-3 break-all">
                  {delivery.recipientAddress}
                  {delivery.isDutyAddress && <span className="block text-xs text-slate-500">{t('record.dutyAddress')}</span>}
                </td>
                <td className="py-2 pr-3">{t(`enums.mailKind.${delivery.kind}`)}</td>
                <td className="py-2 pr-3">{dateTime(delivery.queuedAt)}</td>
                <td className="py-2 pr-3">
                  <span className="block">
                    {t(`record.deliveryStatus.${delivery.status}`, { time: delivery.finishedAt ? dateTime(delivery.finishedAt) : '' })}
                  </span>
                  {delivery.providerMessageId && <span className="block break-all font-mono text-xs text-slate-600">{delivery.providerMessageId}</span>}
                  {delivery.lastError && <span className="block break-words text-xs text-amber-800">{t('record.lastError', { error: delivery.lastError })}</span>}
                </td>
                <td className="py-2">{delivery.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-8 text-xs text-slate-500">{t('record.printedAt', { time: dateTime(new Date()) })}</p>
    </main>
  );
}
