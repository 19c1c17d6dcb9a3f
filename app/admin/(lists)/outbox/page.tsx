import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterSelect } from '@/components/ui/filter-field';
import { mailDeliveryStatus, mailKind } from '@/db/schema/mail';
import { requireAccess } from '@/lib/auth/session';
import { listOutbox } from '@/lib/mail/queries';
import { parseFilters, type PageSearchParams } from '@/lib/search-params';
import { outboxFilterFields, type OutboxFilters } from '@/lib/mail/schemas';
import { FiltersNotUnderstood } from '@/components/ui/filters-not-understood';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('outbox');
  return { title: t('title') };
}

function queryString(filters: OutboxFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.kind) params.set('kind', filters.kind);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Every e-mail CaseBridge sent, or stored because no mail server is configured, newest first. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requireAccess('read:mail:all');
  const raw = await searchParams;
  const { filters, notUnderstood } = parseFilters(outboxFilterFields, raw);
  const [page, t, format] = await Promise.all([listOutbox(actor, filters), getTranslations(), getFormatter()]);
  const dateTime = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t('outbox.title')}</h1>
      <p className="text-sm text-slate-600">{t('outbox.intro')}</p>
      <FiltersNotUnderstood names={notUnderstood} />

      <form method="get" role="search" aria-label={t('outbox.filters')} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3">
        <FilterSelect
          id="outbox-status"
          name="status"
          label={t('outbox.status')}
          defaultValue={filters.status}
          anyLabel={t('outbox.anyStatus')}
          options={mailDeliveryStatus.enumValues.map((status) => ({ value: status, label: t(`enums.mailDeliveryStatus.${status}`) }))}
        />
        <FilterSelect
          id="outbox-kind"
          name="kind"
          label={t('outbox.kind')}
          defaultValue={filters.kind}
          anyLabel={t('outbox.anyKind')}
          options={mailKind.enumValues.map((kind) => ({ value: kind, label: t(`enums.mailKind.${kind}`) }))}
        />
        <div className="flex items-end gap-4">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            {t('outbox.applyFilters')}
          </button>
          <Link href="/admin/outbox" className="text-sm font-medium text-slate-700 underline">
            {t('outbox.clearFilters')}
          </Link>
        </div>
      </form>

      {page.items.length === 0 ? (
        <EmptyState>{t('outbox.empty')}</EmptyState>
      ) : (
        <DataTable
          caption={t('outbox.title')}
          columns={[
            { header: t('outbox.columns.queuedAt') },
            { header: t('outbox.columns.recipient') },
            { header: t('outbox.columns.subject') },
            { header: t('outbox.columns.kind') },
            { header: t('outbox.columns.status') },
            { header: t('outbox.columns.attempts'), align: 'end' },
          ]}
        >
          {page.items.map((item) => (
            <tr key={item.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-2">{dateTime(item.queuedAt)}</td>
              <td className="px-4 py-2 break-all">
                {item.recipientAddress}
                {item.isDutyAddress && <span className="block text-xs text-slate-500">{t('record.dutyAddress')}</span>}
              </td>
              <td className="px-4 py-2">
                <Link href={`/admin/outbox/${item.id}`} className="text-brand-700 underline">
                  {item.subject}
                </Link>
              </td>
              <td className="px-4 py-2">{t(`enums.mailKind.${item.kind}`)}</td>
              <td className="px-4 py-2">
                <span className="block">{t(`enums.mailDeliveryStatus.${item.status}`)}</span>
                {item.finishedAt && <span className="block text-xs text-slate-500">{dateTime(item.finishedAt)}</span>}
              </td>
              <td className="px-4 py-2 text-right">{item.attempts}</td>
            </tr>
          ))}
        </DataTable>
      )}

      {(page.hasNextPage || page.page > 1) && (
        <nav aria-label={t('outbox.pagination')} className="flex gap-4">
          {page.page > 1 && (
            <Link href={`/admin/outbox${queryString(filters, page.page - 1)}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('outbox.newer')}
            </Link>
          )}
          {page.hasNextPage && (
            <Link href={`/admin/outbox${queryString(filters, page.page + 1)}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('outbox.older')}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
