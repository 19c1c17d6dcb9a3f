import { getFormatter, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import type { ApiKeyOrganisation } from '@/lib/api-keys/queries';
import { CreateApiKeyForm, RevokeApiKeyButton } from './api-keys-panel';
import { canHaveApiKeys, scopesOfKind } from '@/lib/api-keys/scopes';

/** An organisation's keys (name, prefix, scopes, expiry, last use, state) with revocation, and the form for a new one. */
export async function ApiKeyManagement({ organisation }: { organisation: ApiKeyOrganisation }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const time = (value: Date | null) => (value ? format.dateTime(value, { dateStyle: 'medium', timeStyle: 'short' }) : '—');
  return (
    <div className="space-y-8">
      <section aria-labelledby="api-keys-heading" className="space-y-3">
        <h2 id="api-keys-heading" className="text-lg font-semibold">
          {t('apiKeys.title')}
        </h2>
        <p className="text-sm text-slate-600">{t('apiKeys.intro')}</p>
        {organisation.keys.length === 0 ? (
          <EmptyState>{t('apiKeys.none')}</EmptyState>
        ) : (
          <DataTable
            caption={t('apiKeys.title')}
            columns={[
              { header: t('apiKeys.name') },
              { header: t('apiKeys.scopes') },
              { header: t('apiKeys.expiresAt') },
              { header: t('apiKeys.lastUsedAt') },
              { header: t('apiKeys.status') },
              { header: t('apiKeys.action') },
            ]}
          >
            {organisation.keys.map((key) => (
              <tr key={key.id} className="align-top">
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  <span className="block">{key.name}</span>
                  <code className="block text-xs text-slate-500">cbk_{key.prefix}_…</code>
                </th>
                <td className="px-4 py-2">
                  {key.scopes.map((scope) => (
                    <code key={scope} className="block text-xs">
                      {scope}
                    </code>
                  ))}
                </td>
                <td className="whitespace-nowrap px-4 py-2">{time(key.expiresAt)}</td>
                <td className="whitespace-nowrap px-4 py-2">{time(key.lastUsedAt)}</td>
                <td className="px-4 py-2">{t(`apiKeys.statuses.${key.status}`)}</td>
                <td className="px-4 py-2">{key.status === 'active' && <RevokeApiKeyButton id={key.id} name={key.name} />}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {canHaveApiKeys(organisation.kind) && <CreateApiKeyForm organisationId={organisation.id} scopes={scopesOfKind[organisation.kind]} />}
    </div>
  );
}
