import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { localizedName } from '@/lib/i18n/localized-name';
import type { DigestItem } from '@/lib/notifications/digest';

/** The daily digest of overdue acknowledgements, linking each item to the case view of the reader's side. */
export async function OverdueDigest({ items, caseHref, showEmbassy }: { items: DigestItem[]; caseHref: (caseId: string) => string; showEmbassy: boolean }) {
  const [t, format, locale] = await Promise.all([getTranslations('embassy'), getFormatter(), getLocale()]);
  return (
    <section aria-labelledby="overdue-digest" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="overdue-digest" className="font-semibold text-amber-900">
        {t('digestTitle')}
      </h2>
      <p className="mt-1 text-sm text-amber-900">{t('digestBody', { count: items.length })}</p>
      {items.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm">
          {items.map((item) => (
            <li key={item.notificationId}>
              <Link href={caseHref(item.caseId)} className="font-mono text-brand-700 underline">
                {item.caseReferenceNumber}
              </Link>
              {showEmbassy && <> · {localizedName(item.embassy, locale)}</>} · {t('dueBy', { time: format.dateTime(item.dueAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
