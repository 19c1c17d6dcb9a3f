import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { Panel } from '@/components/ui/panel';
import { requireAccess } from '@/lib/auth/session';
import { pageTitle } from '@/lib/i18n/page-title';
import { getOutboxMessage } from '@/lib/mail/queries';
import { orNotFound } from '@/lib/run-action';

interface PageProps {
  params: Promise<{ id: string }>;
}

/** Read once per request, for the title and the page (React's cache). */
const loadMessage = cache(async (id: string) => {
  const actor = await requireAccess('read:mail:all');
  return orNotFound(getOutboxMessage(actor, id));
});

/** The message by its subject, as the outbox lists it (subjects carry no personal data, lib/mail). */
export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const [message, t] = await Promise.all([params.then(({ id }) => loadMessage(id)), getTranslations('nav')]);
  return { title: pageTitle(message.subject, t('adminOutbox')) };
}

/**
 * One message exactly as it was, or would have been, sent. The HTML part is shown as its source, escaped by
 * React, not rendered: rendering it would need a frame, which the Content-Security-Policy forbids
 * (`frame-src 'none'`), and the source is what a reviewer checks for personal data anyway.
 */
export default async function OutboxMessagePage({ params }: PageProps) {
  const [message, t, format] = await Promise.all([params.then(({ id }) => loadMessage(id)), getTranslations(), getFormatter()]);
  const dateTime = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: 'medium', timeStyle: 'medium' }) : '—');
  const facts: [string, string][] = [
    [t('outbox.from'), message.from],
    [t('outbox.to'), message.isDutyAddress ? `${message.recipientAddress} (${t('record.dutyAddress')})` : message.recipientAddress],
    [t('outbox.subject'), message.subject],
    [t('outbox.kind'), t(`enums.mailKind.${message.kind}`)],
    [t('outbox.language'), message.locale ? t(`languages.${message.locale}`) : t('outbox.allLanguages')],
    [t('outbox.importance'), message.isUrgent ? t('outbox.urgent') : t('outbox.normal')],
    // Header names as sent, untranslated: they are what a mail client reads.
    ...message.headers,
    [t('outbox.case'), message.caseReferenceNumber ?? '—'],
    [t('outbox.columns.queuedAt'), dateTime(message.queuedAt)],
    [t('outbox.status'), `${t(`enums.mailDeliveryStatus.${message.status}`)}${message.finishedAt ? ` · ${dateTime(message.finishedAt)}` : ''}`],
    [t('outbox.columns.attempts'), String(message.attempts)],
    [t('outbox.messageId'), message.providerMessageId ?? '—'],
    [t('outbox.lastError'), message.lastError ?? '—'],
  ];
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/outbox" className="text-sm text-brand-700 underline">
          {t('outbox.back')}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{t('outbox.messageTitle')}</h1>
      </div>
      <Panel id="message-headers" title={t('outbox.headers')} headingClassName="mb-3">
        <dl className="grid grid-cols-3 gap-x-4 gap-y-2 text-sm">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd className="col-span-2 break-words">{value}</dd>
            </div>
          ))}
        </dl>
      </Panel>
      <Panel id="message-text" title={t('outbox.textPart')} headingClassName="mb-3">
        <pre className="overflow-x-auto whitespace-pre-wrap break-words text-sm">{message.textBody}</pre>
      </Panel>
      <Panel id="message-html" title={t('outbox.htmlPart')} headingClassName="mb-3">
        <pre className="overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs">{message.htmlBody}</pre>
      </Panel>
    </div>
  );
}
