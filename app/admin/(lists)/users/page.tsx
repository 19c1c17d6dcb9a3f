import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterInput, FilterSelect } from '@/components/ui/filter-field';
import { roles } from '@/lib/auth/roles';
import { requireAccess } from '@/lib/auth/session';
import { listOrganisationOptions, listUsers, type UserAdminView } from '@/lib/directory/queries';
import { listUsersQueryFields, userStatuses, type ListUsersQuery } from '@/lib/directory/schemas';
import { localizedName } from '@/lib/i18n/localized-name';
import { parseFilters, type PageSearchParams } from '@/lib/search-params';
import { FiltersNotUnderstood } from '@/components/ui/filters-not-understood';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin');
  return { title: t('usersTitle') };
}

function queryString(query: ListUsersQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.organisationId) params.set('organisationId', query.organisationId);
  if (query.role) params.set('role', query.role);
  if (query.status !== 'all') params.set('status', query.status);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

type SearchParams = PageSearchParams;

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireAccess('view:area:admin');
  const raw = await searchParams;
  const { filters: query, notUnderstood } = parseFilters(listUsersQueryFields, raw);
  const [page, organisations, t, format, locale] = await Promise.all([listUsers(actor, query), listOrganisationOptions(actor), getTranslations(), getFormatter(), getLocale()]);
  const status = (user: UserAdminView) =>
    [!user.isActive ? t('admin.inactive') : t('admin.active'), user.isLocked && t('admin.locked'), user.mustChangePassword && t('admin.mustChangePassword')].filter(Boolean).join(' · ');

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t('admin.usersTitle')}</h1>
        <Link href="/admin/users/new" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          {t('admin.newUser')}
        </Link>
      </div>

      <FiltersNotUnderstood names={notUnderstood} />

      <form method="get" role="search" aria-label={t('admin.filters')} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4">
        <FilterInput id="filter-q" label={t('admin.search')} name="q" type="search" maxLength={100} defaultValue={query.q} />
        <FilterSelect
          id="filter-organisation"
          name="organisationId"
          label={t('admin.organisation')}
          defaultValue={query.organisationId}
          anyLabel={t('admin.anyOrganisation')}
          options={organisations.map((organisation) => ({ value: organisation.id, label: localizedName(organisation.names, locale) }))}
        />
        <FilterSelect
          id="filter-role"
          name="role"
          label={t('admin.role')}
          defaultValue={query.role}
          anyLabel={t('admin.anyRole')}
          options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        <FilterSelect
          id="filter-status"
          name="status"
          label={t('admin.status')}
          defaultValue={query.status}
          options={userStatuses.map((value) => ({ value, label: t(`admin.statuses.${value}`) }))}
        />
        <div className="flex items-center gap-4 md:col-span-4">
          <button type="submit" className="ml-auto rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            {t('admin.applyFilters')}
          </button>
          <Link href="/admin/users" className="text-sm font-medium text-slate-700 underline">
            {t('admin.clearFilters')}
          </Link>
        </div>
      </form>

      <p role="status" className="text-sm text-slate-700">
        {t('admin.usersTotal', { count: page.total })}
      </p>

      {page.users.length === 0 ? (
        <EmptyState>{t('admin.noUsers')}</EmptyState>
      ) : (
        <DataTable
          caption={t('admin.usersTitle')}
          columns={[{ header: t('admin.name') }, { header: t('admin.email') }, { header: t('admin.role') }, { header: t('admin.organisation') }, { header: t('admin.status') }, { header: t('admin.lastSignIn') }]}
        >
          {page.users.map((user) => (
            <tr key={user.id}>
              <th scope="row" className="px-4 py-2 text-left font-normal">
                <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 underline">
                  {user.name}
                </Link>
              </th>
              <td className="px-4 py-2">{user.email}</td>
              <td className="px-4 py-2">{t(`roles.${user.role}`)}</td>
              <td className="px-4 py-2">{localizedName(user.organisation.names, locale)}</td>
              <td className="px-4 py-2">{status(user)}</td>
              <td className="whitespace-nowrap px-4 py-2">{user.lastSignInAt ? format.dateTime(user.lastSignInAt, { dateStyle: 'medium', timeStyle: 'short' }) : t('common.never')}</td>
            </tr>
          ))}
        </DataTable>
      )}

      {page.pageCount > 1 && (
        <nav aria-label={t('admin.pagination')} className="flex items-center gap-4">
          {page.page > 1 && (
            <Link href={`/admin/users${queryString(query, page.page - 1)}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('admin.previousPage')}
            </Link>
          )}
          <span className="text-sm text-slate-700">{t('admin.pageOf', { page: page.page, pageCount: page.pageCount })}</span>
          {page.page < page.pageCount && (
            <Link href={`/admin/users${queryString(query, page.page + 1)}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('admin.nextPage')}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
