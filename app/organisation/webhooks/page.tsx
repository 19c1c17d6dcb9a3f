import type { Metadata } from 'next';
import { pageTitle } from '@/lib/i18n/page-title';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { RegisterWebhookForm, WebhookEndpointControls } from '@/components/webhooks/webhook-forms';
import { requireAccess } from '@/lib/auth/session';
import { canHaveWebhooks, eventTypesOfKind } from '@/lib/webhooks/events';
import { listWebhookEndpoints } from '@/lib/webhooks/queries';
import { webhookStateLabel } from '@/components/webhooks/state-label';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('webhooks');
  const nav = await getTranslations('nav');
  return { title: pageTitle(t('title'), nav('organisationHome')) };
}

/** The organisation administrator's webhook endpoints: register, rotate, switch on and off, and each one's log. */
export default async function OrganisationWebhooksPage() {
  const actor = await requireAccess('manage:api-keys:own-organisation');
  const [endpoints, t, format] = await Promise.all([listWebhookEndpoints(actor, actor.organisationId), getTranslations('webhooks'), getFormatter()]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="text-sm text-slate-600">{t('intro')}</p>
      {endpoints.length === 0 ? (
        <EmptyState>{t('none')}</EmptyState>
      ) : (
        <DataTable caption={t('title')} columns={[{ header: t('url') }, { header: t('events') }, { header: t('state') }, { header: t('action') }]}>
          {endpoints.map((endpoint) => (
            <tr key={endpoint.id} className="align-top">
              <th scope="row" className="px-4 py-2 text-left font-normal">
                <Link href={`/organisation/webhooks/${endpoint.id}`} className="block break-all underline">
                  {endpoint.url}
                </Link>
                {endpoint.description && <span className="block text-xs text-slate-500">{endpoint.description}</span>}
              </th>
              <td className="px-4 py-2">
                {endpoint.events.map((event) => (
                  <code key={event} className="block text-xs">
                    {event}
                  </code>
                ))}
              </td>
              <td className="px-4 py-2">
                {webhookStateLabel(endpoint, t, format)}
                {endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() && (
                  <span className="block text-xs text-slate-500">{t('rotating', { until: format.dateTime(endpoint.previousSecretExpiresAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</span>
                )}
              </td>
              <td className="px-4 py-2">
                <WebhookEndpointControls id={endpoint.id} version={endpoint.version} enabled={endpoint.enabled} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {canHaveWebhooks(actor.organisationKind) && <RegisterWebhookForm organisationId={actor.organisationId} events={eventTypesOfKind[actor.organisationKind]} />}
    </div>
  );
}
