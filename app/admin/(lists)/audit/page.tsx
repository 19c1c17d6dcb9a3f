import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterInput, FilterSelect } from '@/components/ui/filter-field';
import { maxExportedEntries } from '@/lib/audit/export-audit';
import { listAuditActions, listAuditEntries } from '@/lib/audit/queries';
import { parseAuditFiltersLeniently, type AuditFilters } from '@/lib/audit/schemas';
import { requireAccess } from '@/lib/auth/session';
import { listOrganisationOptions } from '@/lib/directory/queries';
import { localizedName } from '@/lib/i18n/localized-name';
import { firstValues, type PageSearchParams } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('audit');
  return { title: t('title') };
}

function queryString(filters: AuditFilters, overrides: Partial<AuditFilters> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...overrides })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requireAccess('read:audit:all');
  const raw = await searchParams;
  const { filters, invalid } = parseAuditFiltersLeniently(firstValues(raw));
  const [page, actions, organisations, t, format, locale] = await Promise.all([
    listAuditEntries(actor, filters),
    listAuditActions(actor),
    listOrganisationOptions(actor),
    getTranslations(),
    getFormatter(),
    getLocale(),
  ]);
  const exportHref = `/admin/audit/export${queryString(filters, { cursor: '' })}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t('audit.title')}</h1>
        <a href={exportHref} download className="rounded-md border border-brand-600 px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50">
          {t('audit.exportCsv')}
        </a>
      </div>
      <p className="text-sm text-slate-600">{t('audit.intro', { max: maxExportedEntries })}</p>

      {invalid.length > 0 && (
        <Alert title={t('audit.invalidFiltersHeading')}>{t('audit.invalidFilters', { filters: invalid.map((key) => t(`audit.filterNames.${key}`)).join(', ') })}</Alert>
      )}

      <form method="get" role="search" aria-label={t('audit.filters')} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3">
        <FilterInput id="audit-user" label={t('audit.filterNames.user')} hint={t('audit.userHint')} name="user" type="search" maxLength={254} defaultValue={filters.user} />
        <FilterSelect
          id="audit-organisation"
          name="organisationId"
          label={t('audit.filterNames.organisationId')}
          defaultValue={filters.organisationId}
          anyLabel={t('admin.anyOrganisation')}
          options={organisations.map((organisation) => ({ value: organisation.id, label: localizedName(organisation.names, locale) }))}
        />
        <FilterSelect
          id="audit-action"
          name="action"
          label={t('audit.filterNames.action')}
          defaultValue={filters.action}
          anyLabel={t('audit.anyAction')}
          options={actions.map((action) => ({ value: action, label: action }))}
        />
        <FilterInput id="audit-entity" label={t('audit.filterNames.entityId')} hint={t('audit.entityHint')} name="entityId" type="search" maxLength={100} defaultValue={filters.entityId} />
        <FilterInput id="audit-from" label={t('audit.filterNames.from')} name="from" type="date" defaultValue={filters.from} />
        <FilterInput id="audit-to" label={t('audit.filterNames.to')} name="to" type="date" defaultValue={filters.to} />
        <div className="flex items-center gap-4 md:col-span-3">
          <button type="submit" className="ml-auto rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            {t('audit.applyFilters')}
          </button>
          <Link href="/admin/audit" className="text-sm font-medium text-slate-700 underline">
            {t('audit.clearFilters')}
          </Link>
        </div>
      </form>

      {page.entries.length === 0 ? (
        <EmptyState>{t('audit.noEntries')}</EmptyState>
      ) : (
        <DataTable
          caption={t('audit.title')}
          columns={[
            { header: t('audit.columns.time') },
            { header: t('audit.columns.user') },
            { header: t('audit.columns.organisation') },
            { header: t('audit.columns.action') },
            { header: t('audit.columns.outcome') },
            { header: t('audit.columns.record') },
            { header: t('audit.columns.address') },
            { header: t('audit.columns.details') },
          ]}
        >
          {page.entries.map((entry) => (
            <tr key={entry.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-2">
                <span className="block">{format.dateTime(entry.occurredAt, { dateStyle: 'medium', timeStyle: 'medium' })}</span>
                <span className="block text-xs text-slate-500">#{entry.id}</span>
              </td>
              <td className="px-4 py-2">
                {entry.actor ? (
                  <>
                    <span className="block">{entry.actor.name ?? entry.actor.userId}</span>
                    {entry.actor.email && <span className="block text-xs text-slate-500">{entry.actor.email}</span>}
                    {entry.role && <span className="block text-xs text-slate-500">{t(`roles.${entry.role}`)}</span>}
                  </>
                ) : (
                  <span className="text-slate-500">{t('audit.noActor')}</span>
                )}
              </td>
              <td className="px-4 py-2">{entry.organisation ? (entry.organisation.names ? localizedName(entry.organisation.names, locale) : entry.organisation.id) : '—'}</td>
              <td className="px-4 py-2 font-mono text-xs">{entry.action}</td>
              <td className="px-4 py-2">{t(`audit.outcomes.${entry.outcome}`)}</td>
              <td className="px-4 py-2 text-xs">
                {entry.entityType && <span className="block">{entry.entityType}</span>}
                {entry.entityId && <span className="block break-all font-mono">{entry.entityId}</span>}
              </td>
              <td className="px-4 py-2 font-mono text-xs">
                <span className="block">{entry.ipAddress ?? '—'}</span>
                {entry.userAgent && <span className="block max-w-[12rem] break-words font-sans text-slate-500">{entry.userAgent}</span>}
              </td>
              <td className="max-w-xs px-4 py-2">
                {Object.keys(entry.details).length > 0 && <code className="block break-all text-xs text-slate-700">{JSON.stringify(entry.details)}</code>}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      {(page.nextCursor || filters.cursor) && (
        <nav aria-label={t('audit.pagination')} className="flex gap-4">
          {filters.cursor && (
            <Link href={`/admin/audit${queryString(filters, { cursor: '' })}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('audit.newest')}
            </Link>
          )}
          {page.nextCursor && (
            <Link href={`/admin/audit${queryString(filters, { cursor: page.nextCursor })}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('audit.older')}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
