import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiKeyManagement } from '@/components/api-keys/api-key-list';
import { listApiKeys } from '@/lib/api-keys/queries';
import { isUuid } from '@/lib/ids';
import { orNotFound } from '@/lib/run-action';
import { requireAccess } from '@/lib/auth/session';
import { notFound } from 'next/navigation';
import { pageTitle } from '@/lib/i18n/page-title';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const actor = await requireAccess('manage:api-keys:all');
  const { id } = await params;
  const [organisation, t] = await Promise.all([isUuid(id) ? orNotFound(listApiKeys(actor, id)) : notFound(), getTranslations()]);
  return { title: pageTitle(t('apiKeys.title'), organisation.nameEn, t('nav.adminHome')) };
}

/** The platform admin's view of any organisation's keys: the same list and form as its own administrator's. */
export default async function OrganisationApiKeysPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAccess('manage:api-keys:all');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const organisation = await orNotFound(listApiKeys(actor, id));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{organisation.nameEn}</h1>
      <ApiKeyManagement organisation={organisation} />
    </div>
  );
}
