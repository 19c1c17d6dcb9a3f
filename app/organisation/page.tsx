import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { ApiKeyManagement } from '@/components/api-keys/api-key-list';
import { listApiKeys } from '@/lib/api-keys/queries';
import { requireAccess } from '@/lib/auth/session';
import { localizedName } from '@/lib/i18n/localized-name';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('nav');
  return { title: t('organisationHome') };
}

/** The organisation administrator's home: its own organisation's API keys. */
export default async function OrganisationPage() {
  const actor = await requireAccess('manage:api-keys:own-organisation');
  const [organisation, t, locale] = await Promise.all([listApiKeys(actor, actor.organisationId), getTranslations(), getLocale()]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{localizedName(actor.organisationName, locale)}</h1>
      <p className="text-sm text-slate-600">{t('apiKeys.organisationIntro')}</p>
      <ApiKeyManagement organisation={organisation} />
    </div>
  );
}
