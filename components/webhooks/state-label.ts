import type { getFormatter, getTranslations } from 'next-intl/server';
import type { WebhookEndpointView } from '@/lib/webhooks/queries';

type Translate = Awaited<ReturnType<typeof getTranslations<'webhooks'>>>;
type Format = Awaited<ReturnType<typeof getFormatter>>;

/** Enabled, failing since when, or switched off (by hand or after 24 hours of failures). */
export function webhookStateLabel(endpoint: Pick<WebhookEndpointView, 'enabled' | 'disabledReason' | 'failingSince'>, t: Translate, format: Format): string {
  if (!endpoint.enabled) return endpoint.disabledReason === 'failing' ? t('states.disabledFailing') : t('states.disabledAdmin');
  if (endpoint.failingSince) return t('states.failing', { since: format.dateTime(endpoint.failingSince, { dateStyle: 'medium', timeStyle: 'short' }) });
  return t('states.enabled');
}
