import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ApiKeyManagement } from '@/components/api-keys/api-key-list';
import { DataTable } from '@/components/ui/data-table';
import { listOrganisationMembers } from '@/lib/directory/queries';
import { InviteMemberForm } from './_components/invite-member-form';
import { MemberActions } from './_components/member-actions';
import { listApiKeys } from '@/lib/api-keys/queries';
import { requireAccess } from '@/lib/auth/session';
import { localizedName } from '@/lib/i18n/localized-name';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('nav');
  return { title: t('organisationHome') };
}

/** The organisation administrator's home: its own organisation's people and API keys. */
export default async function OrganisationPage() {
  const actor = await requireAccess('manage:api-keys:own-organisation');
  const [organisation, members, t, locale] = await Promise.all([listApiKeys(actor, actor.organisationId), listOrganisationMembers(actor), getTranslations(), getLocale()]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{localizedName(actor.organisationName, locale)}</h1>
      <p className="text-sm text-slate-600">{t('apiKeys.organisationIntro')}</p>
      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          {t('organisationAdmin.members')}
        </h2>
        <DataTable caption={t('organisationAdmin.members')} columns={[{ header: t('organisationAdmin.name') }, { header: t('organisationAdmin.role') }, { header: t('organisationAdmin.state') }, { header: t('apiKeys.action') }]}>
          {members.map((member) => (
            <tr key={member.id} className="align-top">
              <th scope="row" className="px-4 py-2 text-left font-normal">
                <span className="block">{member.name}</span>
                <span className="block text-xs text-slate-500">{member.email}</span>
              </th>
              <td className="px-4 py-2">{t(`roles.${member.role}`)}</td>
              <td className="px-4 py-2">{member.isActive ? t('organisationAdmin.active') : t('organisationAdmin.inactive')}</td>
              <td className="px-4 py-2">
                <MemberActions id={member.id} name={member.name} version={member.version} isActive={member.isActive} isSelf={member.id === actor.userId} />
              </td>
            </tr>
          ))}
        </DataTable>
        <InviteMemberForm organisationId={actor.organisationId} organisationKind={actor.organisationKind} />
      </section>
      <ApiKeyManagement organisation={organisation} />
      <section aria-labelledby="webhooks-heading" className="space-y-2">
        <h2 id="webhooks-heading" className="text-lg font-semibold">
          {t('webhooks.title')}
        </h2>
        <p className="text-sm text-slate-600">{t('webhooks.intro')}</p>
        <Link href="/organisation/webhooks" className="text-sm underline">
          {t('webhooks.title')}
        </Link>
      </section>
    </div>
  );
}
