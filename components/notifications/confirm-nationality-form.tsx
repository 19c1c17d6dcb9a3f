'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { TextareaField } from '@/components/ui/textarea-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { confirmNationalityAction } from '@/lib/notifications/actions';
import { confirmNationalitySchema } from '@/lib/notifications/schemas';

/**
 * The police's two answers to a decline: confirm the nationality here, or correct it on the case's edit page (the
 * edit that changes the person's nationality withdraws the notification and records the correction).
 */
export function ConfirmNationalityForm({ caseId, notificationId, isResolved }: { caseId: string; notificationId: string; isResolved: boolean }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(confirmNationalitySchema),
    defaultValues: { notificationId, note: '' },
    action: confirmNationalityAction,
  });
  if (isResolved) return isDone ? <Alert tone="success" title={t('cases.decline.confirmed')} /> : null;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-2 space-y-2">
      <p className="text-sm">{t('cases.decline.choose')}</p>
      {failure && <ActionFailureAlert failure={failure} title={t('cases.decline.confirm')} conflictTitle={t('cases.conflict.heading')} />}
      <TextareaField
        label={t('cases.decline.confirmNote')}
        rows={2}
        error={form.formState.errors.note?.message ? t(form.formState.errors.note.message) : undefined}
        {...form.register('note')}
      />
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {t('cases.decline.confirm')}
        </button>
        <Link href={`/police/cases/${caseId}/edit`} className="rounded-md border border-slate-400 px-4 py-2 text-sm font-semibold hover:bg-slate-100">
          {t('cases.decline.correct')}
        </Link>
      </div>
      <p className="text-xs text-slate-600">{t('cases.decline.correctHint')}</p>
    </form>
  );
}
