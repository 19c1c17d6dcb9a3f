import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { LiveRefresh } from '@/components/notifications/live-refresh';
import { OverdueDigest } from '@/components/notifications/overdue-digest';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { StatCard } from '@/components/ui/stat-card';
import { FilterInput, FilterSelect, type FilterOption } from '@/components/ui/filter-field';
import { caseStatus, crimeType, notificationReason } from '@/db/schema/enums';
import { requireAccess } from '@/lib/auth/session';
import { countryName, localizedName } from '@/lib/i18n/localized-name';
import { getOverdueDigest } from '@/lib/notifications/digest';
import { listInbox } from '@/lib/notifications/embassy-queries';
import { getEmbassyDashboard } from '@/lib/notifications/queries';
import { inboxFilterFields, type InboxFilters } from '@/lib/notifications/schemas';
import type { InboxItem } from '@/lib/notifications/views';
import { listProvinces } from '@/lib/reference/provinces';
import { parseFilters, type PageSearchParams } from '@/lib/search-params';
import { FiltersNotUnderstood } from '@/components/ui/filters-not-understood';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('embassy');
  return { title: t('inboxTitle') };
}

function pageHref(filters: InboxFilters, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, page: page > 1 ? String(page) : undefined })) if (value) params.set(key, String(value));
  const text = params.toString();
  return text ? `/embassy?${text}` : '/embassy';
}

export default async function EmbassyInboxPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requireAccess('view:area:embassy');
  const raw = await searchParams;
  const { filters, notUnderstood } = parseFilters(inboxFilterFields, raw);
  const now = new Date();
  const [inbox, dashboard, digest, provinces, t, format, locale] = await Promise.all([
    listInbox(actor, filters, now),
    getEmbassyDashboard(actor, 0, now),
    getOverdueDigest(actor, now),
    listProvinces(),
    getTranslations(),
    getFormatter(),
    getLocale(),
  ]);
  const showsPosts = inbox.items.some((item) => item.receivedBy !== null);
  const receivedBy = (item: InboxItem) => (item.receivedBy ? localizedName(item.receivedBy, locale) : t('embassy.ownMission'));
  const provinceNames = new Map(provinces.map((province) => [province.code, localizedName(province.names, locale)]));
  const dateTime = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  const select = (id: string, name: keyof InboxFilters, label: string, options: FilterOption[]) => (
    <FilterSelect id={id} name={name} label={label} defaultValue={String(filters[name] ?? '')} anyLabel={t('embassy.anyOption')} options={options} />
  );

  return (
    <div className="space-y-8">
      <LiveRefresh />
      <div>
        <h1 className="text-2xl font-semibold">{t('embassy.inboxTitle')}</h1>
        <p className="text-slate-600">
          {localizedName(actor.organisationName, locale)} · {t('embassy.subtitle', { country: countryName(dashboard.countryCode, locale) })}
        </p>
        <p className="mt-1 text-xs text-slate-500">{t('embassy.liveUpdates')}</p>
      </div>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <StatCard label={t('embassy.awaitingAcknowledgement')} value={format.number(dashboard.awaitingAcknowledgement)} />
        <StatCard label={t('embassy.overdue')} value={format.number(dashboard.overdue)} tone={dashboard.overdue > 0 ? 'warning' : 'default'} />
        <StatCard label={t('embassy.detention')} value={format.number(dashboard.detentionAwaiting)} />
      </dl>
      <OverdueDigest digest={digest} caseHref={(caseId) => `/embassy/cases/${caseId}`} showEmbassy={false} allHref="/embassy?state=overdue" />

      <FiltersNotUnderstood names={notUnderstood} />

      <form method="get" role="search" aria-label={t('embassy.filters')} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4">
        {select('inbox-state', 'state', t('embassy.state'), [
          { value: 'pending', label: t('embassy.pending') },
          { value: 'overdue', label: t('embassy.overdueState') },
          { value: 'acknowledged', label: t('embassy.acknowledged') },
        ])}
        {select('inbox-reason', 'reason', t('embassy.reason'), notificationReason.enumValues.map((value) => ({ value, label: t(`enums.notificationReason.${value}`) })))}
        {select('inbox-province', 'province', t('embassy.province'), provinces.map((province) => ({ value: province.code, label: localizedName(province.names, locale) })))}
        {select('inbox-crime', 'crimeType', t('embassy.crimeType'), crimeType.enumValues.map((value) => ({ value, label: t(`enums.crimeType.${value}`) })))}
        {select('inbox-status', 'status', t('embassy.caseStatus'), caseStatus.enumValues.map((value) => ({ value, label: t(`enums.caseStatus.${value}`) })))}
        <FilterInput id="inbox-from" label={t('embassy.notifiedFrom')} name="from" type="date" defaultValue={filters.from ?? ''} />
        <FilterInput id="inbox-to" label={t('embassy.notifiedTo')} name="to" type="date" defaultValue={filters.to ?? ''} />
        <div className="flex items-end gap-4">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            {t('embassy.apply')}
          </button>
          <Link href="/embassy" className="text-sm font-medium text-slate-700 underline">
            {t('embassy.clear')}
          </Link>
        </div>
      </form>

      <section aria-labelledby="inbox-list" className="space-y-3">
        <h2 id="inbox-list" className="text-lg font-semibold">
          {inbox.totalIsCapped ? t('embassy.resultCountCapped', { count: inbox.total }) : t('embassy.resultCount', { count: inbox.total })}
        </h2>
        {inbox.items.length === 0 ? (
          <EmptyState>{inbox.total === 0 && !Object.values({ ...filters, page: undefined }).some(Boolean) ? t('embassy.noNotifications') : t('embassy.noMatches')}</EmptyState>
        ) : (
          <DataTable
            columns={[
              { header: t('embassy.reference') },
              // Only an embassy with consular posts on CaseBridge sees whom each notification went to (decision 021).
              ...(showsPosts ? [{ header: t('embassy.receivedBy') }] : []),
              { header: t('embassy.province') },
              { header: t('embassy.crimeType') },
              { header: t('embassy.kind') },
              { header: t('embassy.notifiedAt') },
              { header: t('embassy.dueAt') },
              { header: t('embassy.state') },
            ]}
          >
            {inbox.items.map((item) =>
              item.state === 'withdrawn' ? (
                <tr key={item.id} className="text-slate-600">
                  <td className="px-4 py-2" colSpan={3}>
                    {t('embassy.withdrawnRow', { time: dateTime(item.withdrawnAt) })}
                  </td>
                  {showsPosts && <td className="px-4 py-2">{receivedBy(item)}</td>}
                  <td className="px-4 py-2">{t(`enums.notificationKind.${item.kind}`)}</td>
                  <td className="whitespace-nowrap px-4 py-2">{dateTime(item.createdAt)}</td>
                  <td className="px-4 py-2">—</td>
                  <td className="px-4 py-2">{t('embassy.withdrawnState')}</td>
                </tr>
              ) : (
              <tr key={item.id} className={item.firstOpenedAt && item.unreadUpdates === 0 ? '' : 'bg-brand-50/60'}>
                <td className="whitespace-nowrap px-4 py-2">
                  <Link href={`/embassy/cases/${item.caseId}`} className="font-mono text-brand-700 underline">
                    {item.caseReferenceNumber}
                  </Link>
                  {!item.firstOpenedAt && <span className="ml-2 rounded bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">{t('embassy.new')}</span>}
                  {item.unreadUpdates > 0 && <span className="ml-2 text-xs font-semibold text-brand-700">{t('embassy.unread', { count: String(item.unreadUpdates) })}</span>}
                </td>
                {showsPosts && <td className="px-4 py-2">{receivedBy(item)}</td>}
                <td className="px-4 py-2">{provinceNames.get(item.provinceCode) ?? item.provinceCode}</td>
                <td className="px-4 py-2">{t(`enums.crimeType.${item.crimeType}`)}</td>
                <td className={`px-4 py-2 ${item.kind === 'detention' ? 'font-semibold text-red-800' : ''}`}>{t(`enums.notificationKind.${item.kind}`)}</td>
                <td className="whitespace-nowrap px-4 py-2">{dateTime(item.createdAt)}</td>
                <td className="whitespace-nowrap px-4 py-2">{dateTime(item.dueAt)}</td>
                <td className={`px-4 py-2 ${item.isOverdue ? 'font-semibold text-amber-800' : ''}`}>
                  {item.declined
                    ? t('embassy.declinedRow', { time: dateTime(item.declined.at), reason: t(`enums.notificationDeclineReason.${item.declined.reason}`) })
                    : item.acknowledgedAt
                      ? t('embassy.acknowledged')
                      : item.isOverdue
                        ? t('embassy.overdueState')
                        : t('embassy.pending')}
                </td>
              </tr>
              ),
            )}
          </DataTable>
        )}
        {inbox.pageCount > 1 && (
          <nav aria-label={t('embassy.pagination')} className="flex items-center gap-4 text-sm">
            {inbox.page > 1 && (
              <Link href={pageHref(filters, inbox.page - 1)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium">
                {t('embassy.previousPage')}
              </Link>
            )}
            <span>
              {t(inbox.totalIsCapped ? 'embassy.pageOfMany' : 'embassy.pageOf', { page: String(inbox.page), pages: String(inbox.pageCount) })}
            </span>
            {inbox.hasNextPage && (
              <Link href={pageHref(filters, inbox.page + 1)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium">
                {t('embassy.nextPage')}
              </Link>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}
