'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import type { EmailedInvitation } from '@/lib/invitations/commands';

/**
 * Confirms where an invitation or password-reset link was e-mailed, and when; the link itself is never shown here.
 * Without a mail server the message was only stored, and the outbox is where the admin finds it.
 */
export function InvitationEmailedNotice({ title, emailed }: { title: string; emailed: EmailedInvitation }) {
  const t = useTranslations();
  const format = useFormatter();
  const titleId = useId();
  const dateTime = (date: Date) => format.dateTime(new Date(date), { dateStyle: 'medium', timeStyle: 'short' });
  const values = { address: emailed.address, time: dateTime(emailed.queuedAt) };
  return (
    <section role="status" aria-labelledby={titleId} className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-6 text-green-950">
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm font-medium">{emailed.isStoredOnly ? t('admin.invitationEmailedStored', values) : t('admin.invitationEmailed', values)}</p>
      <p className="text-sm">{t('admin.invitationEmailedExpires', { time: dateTime(emailed.expiresAt) })}</p>
      <Link href={`/admin/outbox/${emailed.deliveryId}`} className="inline-block text-sm font-medium text-brand-700 underline">
        {t('admin.openInOutbox')}
      </Link>
    </section>
  );
}
