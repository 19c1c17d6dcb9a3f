import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { UserForm } from '@/app/admin/_components/user-form';
import { requireAccess } from '@/lib/auth/session';
import { listOrganisationOptions } from '@/lib/directory/queries';
import { listUsersQueryFields } from '@/lib/directory/schemas';
import { localizedName } from '@/lib/i18n/localized-name';
import { parseFilters, type PageSearchParams } from '@/lib/search-params';
import { pageTitle } from '@/lib/i18n/page-title';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: pageTitle(t('admin.newUser'), t('nav.adminUsers')) };
}

export default async function NewUserPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requireAccess('view:area:admin');
  const { organisationId } = parseFilters({ organisationId: listUsersQueryFields.organisationId }, await searchParams).filters;
  const [organisations, t, locale] = await Promise.all([listOrganisationOptions(actor), getTranslations(), getLocale()]);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">{t('admin.newUser')}</h1>
      <p className="text-sm text-slate-600">{t('admin.newUserHelp')}</p>
      <UserForm
        organisations={organisations.map((organisation) => ({ id: organisation.id, kind: organisation.kind, isActive: organisation.isActive, name: localizedName(organisation.names, locale) }))}
        values={{ name: '', email: '', role: 'police_officer', organisationId, preferredLocale: 'en', credential: 'one_time_password' }}
      />
    </div>
  );
}
