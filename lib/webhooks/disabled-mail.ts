import 'server-only';
import type { Transaction } from '@/db/client';
import type { Locale } from '@/lib/i18n/locales';
import { queueDeliveries } from '@/lib/mail/deliveries';
import { usersAsRecipients } from '@/lib/mail/recipients';
import { formatMailTime, renderForRecipient, translatorFor, type MailSection } from '@/lib/mail/render';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';

/**
 * The e-mail to an organisation's administrators when its endpoint is switched off after 24 hours of failures,
 * queued in the transaction that switches it off (`mail.queued`), so it goes out once, after the commit. It names
 * the endpoint's URL (the organisation's own configuration), nothing of any case.
 */

interface DisabledEndpointFacts {
  endpointId: string;
  url: string;
  disabledAt: Date;
  baseUrl: string;
}

function section(facts: DisabledEndpointFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  return {
    locale,
    subject: t('mail.webhookDisabled.subject'),
    paragraphs: [t('mail.webhookDisabled.intro')],
    facts: [
      [t('mail.webhookDisabled.url'), facts.url],
      [t('mail.webhookDisabled.disabledAt'), formatMailTime(facts.disabledAt, locale)],
    ],
    link: { label: t('mail.webhookDisabled.open'), href: `${facts.baseUrl}/organisation/webhooks/${facts.endpointId}` },
    footer: t('mail.webhookDisabled.footer'),
  };
}

/** Returns the ids of the deliveries queued (one per active administrator of the organisation). */
export async function queueEndpointDisabledMail(tx: Transaction, organisationId: string, facts: DisabledEndpointFacts): Promise<string[]> {
  const recipients = await usersAsRecipients(tx, organisationId, ['organisation_admin']);
  const ids = await queueDeliveries(
    tx,
    recipients.map((recipient) => ({
      kind: 'webhook_disabled' as const,
      // One message per switching-off: the endpoint and the moment.
      subjectKey: `${facts.endpointId}:${facts.disabledAt.toISOString()}`,
      notificationId: null,
      organisationId,
      recipient,
      mail: renderForRecipient(recipient.locale, (locale) => section(facts, locale)),
    })),
    facts.disabledAt,
  );
  for (const deliveryId of ids) await recordOutboxMessage(tx, { topic: 'mail.queued', payload: { deliveryId } });
  return ids;
}
