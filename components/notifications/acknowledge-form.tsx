'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { acknowledgeNotificationAction } from '@/lib/notifications/actions';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { TextareaField } from '@/components/ui/textarea-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { acknowledgeNotificationSchema } from '@/lib/notifications/schemas';

/**
 * Stays mounted once the notification is acknowledged: the refresh that follows the action no longer shows the
 * form, and the confirmation must outlive it so the user (and a screen reader) is told the acknowledgement went in.
 */
export function AcknowledgeForm({ notificationId, acknowledged }: { notificationId: string; acknowledged: boolean }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(acknowledgeNotificationSchema),
    defaultValues: { notificationId, note: '' },
    action: acknowledgeNotificationAction,
  });
  if (acknowledged) return isDone ? <Alert tone="success" title={t('embassy.acknowledgedDone')} /> : null;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      {failure && <ActionFailureAlert failure={failure} title={t('embassy.acknowledgeHeading')} conflictTitle={t('cases.conflict.heading')} />}
      {isDone && <Alert tone="success" title={t('embassy.acknowledgedDone')} />}
      <TextareaField
        label={t('embassy.acknowledgeNote')}
        rows={2}
        error={form.formState.errors.note?.message ? t(form.formState.errors.note.message) : undefined}
        {...form.register('note')}
      />
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {t('embassy.acknowledgeSubmit')}
      </button>
    </form>
  );
}
