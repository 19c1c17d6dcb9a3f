import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { countryName, localizedName } from '@/lib/i18n/localized-name';
import type { OverdueDigest as Digest } from '@/lib/notifications/digest';

/**
 * The daily digest of overdue acknowledgements: how many, the longest overdue linked to the case view of the
 * reader's side, and (where the reader has one) a link to the full list.
 */
export async function OverdueDigest({
  digest,
  caseHref,
  showEmbassy,
  allHref,
}: {
  digest: Digest;
  caseHref: (caseId: string) => string;
  showEmbassy: boolean;
  allHref?: string;
}) {
  const [t, format, locale] = await Promise.all([getTranslations('embassy'), getFormatter(), getLocale()]);
  const hasMore = digest.totalIsCapped || digest.total > digest.items.length;
  return (
    <section aria-labelledby="overdue-digest" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="overdue-digest" className="font-semibold text-amber-900">
        {t('digestTitle')}
      </h2>
      <p className="mt-1 text-sm text-amber-900">{digest.totalIsCapped ? t('digestBodyCapped', { count: digest.total }) : t('digestBody', { count: digest.total })}</p>
      {digest.items.length > 0 && (
        <>
          {hasMore && <p className="mt-2 text-sm text-amber-900">{t('digestLongest', { count: digest.items.length })}</p>}
          <ul className="mt-2 space-y-1 text-sm">
            {digest.items.map((item) => (
              <li key={item.notificationId}>
                <Link href={caseHref(item.caseId)} className="font-mono text-brand-700 underline">
                  {item.caseReferenceNumber}
                </Link>
                {showEmbassy && <> · {localizedName(item.embassy, locale)}</>} · {t('dueBy', { time: format.dateTime(item.dueAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {digest.official.total > 0 && (
        <>
          <h3 className="mt-3 text-sm font-semibold text-amber-900">{t('digestOfficial', { count: digest.official.total })}</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {digest.official.items.map((item) => (
              <li key={item.officialNotificationId}>
                <Link href={caseHref(item.caseId)} className="font-mono text-brand-700 underline">
                  {item.caseReferenceNumber}
                </Link>{' '}
                · {countryName(item.countryCode, locale)} · {t('dueBy', { time: format.dateTime(item.dueAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {hasMore && allHref && (
        <Link href={allHref} className="mt-2 inline-block text-sm font-medium text-brand-700 underline">
          {t('digestShowAll')}
        </Link>
      )}
    </section>
  );
}
