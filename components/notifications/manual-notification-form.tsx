'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { notifyEmbassyManuallyAction } from '@/lib/notifications/actions';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { manualNotificationSchema } from '@/lib/notifications/schemas';

export function ManualNotificationForm({ caseId, embassies }: { caseId: string; embassies: { id: string; name: string }[] }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(manualNotificationSchema),
    defaultValues: { caseId, embassyOrganisationId: '', reason: '' },
    action: notifyEmbassyManuallyAction,
  });
  const errors = form.formState.errors;
  if (embassies.length === 0) return <p className="text-sm text-slate-600">{t('manualNotification.none')}</p>;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      {failure && <ActionFailureAlert failure={failure} title={t('manualNotification.heading')} conflictTitle={t('cases.conflict.heading')} />}
      {isDone && <Alert tone="success" title={t('manualNotification.done')} />}
      <SelectField
        label={t('manualNotification.embassy')}
        options={[{ value: '', label: t('manualNotification.chooseEmbassy') }, ...embassies.map((embassy) => ({ value: embassy.id, label: embassy.name }))]}
        error={errors.embassyOrganisationId?.message ? t(errors.embassyOrganisationId.message) : undefined}
        {...form.register('embassyOrganisationId')}
      />
      <TextareaField
        label={t('manualNotification.reason')}
        hint={t('manualNotification.reasonHint')}
        rows={2}
        error={errors.reason?.message ? t(errors.reason.message) : undefined}
        {...form.register('reason')}
      />
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md border border-brand-600 px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60">
        {t('manualNotification.submit')}
      </button>
    </form>
  );
}
