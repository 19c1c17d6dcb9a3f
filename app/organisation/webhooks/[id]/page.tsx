import type { Metadata } from 'next';
import { pageTitle } from '@/lib/i18n/page-title';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { webhookStateLabel } from '@/components/webhooks/state-label';
import { RedeliverButton, WebhookEndpointControls } from '@/components/webhooks/webhook-forms';
import { requireAccess } from '@/lib/auth/session';
import { DomainError } from '@/lib/domain-error';
import { getWebhookEndpointLog } from '@/lib/webhooks/queries';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('webhooks');
  return { title: pageTitle(t('log'), t('title')) };
}

/** One endpoint's delivery log (the latest hundred): status, response code, times, and redelivery. */
export default async function WebhookEndpointLogPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAccess('manage:api-keys:own-organisation');
  const { id } = await params;
  const log = await getWebhookEndpointLog(actor, id).catch((error: unknown) => {
    if (error instanceof DomainError && error.kind === 'not_found') notFound();
    throw error;
  });
  const [t, format] = await Promise.all([getTranslations('webhooks'), getFormatter()]);
  const time = (value: Date | null) => (value ? format.dateTime(value, { dateStyle: 'medium', timeStyle: 'medium' }) : '—');
  const { endpoint, deliveries } = log;
  return (
    <div className="space-y-6">
      <Link href="/organisation/webhooks" className="text-sm underline">
        {t('back')}
      </Link>
      <h1 className="break-all text-2xl font-semibold">{t('logOf', { url: endpoint.url })}</h1>
      <p className="text-sm">{webhookStateLabel(endpoint, t, format)}</p>
      <WebhookEndpointControls id={endpoint.id} version={endpoint.version} enabled={endpoint.enabled} />
      {deliveries.length === 0 ? (
        <EmptyState>{t('logNone')}</EmptyState>
      ) : (
        <DataTable
          caption={t('log')}
          columns={[{ header: t('time') }, { header: t('event') }, { header: t('status') }, { header: t('responseCode') }, { header: t('attempts') }, { header: t('nextAttempt') }, { header: t('action') }]}
        >
          {deliveries.map((delivery) => (
            <tr key={delivery.id} className="align-top">
              <th scope="row" className="whitespace-nowrap px-4 py-2 text-left font-normal">
                {time(delivery.createdAt)}
              </th>
              <td className="px-4 py-2">
                <code className="block text-xs">{delivery.eventType}</code>
                <code className="block text-xs text-slate-500">{delivery.eventId}</code>
              </td>
              <td className="px-4 py-2">
                {t(`statuses.${delivery.status}`)}
                {delivery.lastError && <span className="block text-xs text-slate-500">{delivery.lastError}</span>}
              </td>
              <td className="px-4 py-2">{delivery.lastResponseStatus ?? '—'}</td>
              <td className="px-4 py-2">{delivery.attemptCount}</td>
              <td className="whitespace-nowrap px-4 py-2">{time(delivery.nextAttemptAt)}</td>
              <td className="px-4 py-2">{delivery.status !== 'pending' && endpoint.enabled && <RedeliverButton deliveryId={delivery.id} />}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
