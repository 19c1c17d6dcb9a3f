'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { TextField } from '@/components/ui/text-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { officialNotificationMethod } from '@/db/schema/enums';
import { recordOfficialAnswerAction, recordOfficialNotificationAction } from '@/lib/consular/actions';
import { recordOfficialAnswerSchema, recordOfficialNotificationSchema } from '@/lib/consular/schemas';

interface TaskRef {
  caseId: string;
  officialNotificationId: string;
  version: number;
  countryName: string;
}

/** How, when and whom the police informed a mission off CaseBridge (again, to correct it). */
export function RecordOfficialNotificationForm({ caseId, officialNotificationId, version, countryName }: TaskRef) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(recordOfficialNotificationSchema),
    values: { caseId, officialNotificationId, version, method: 'diplomatic_note_via_mfa' as const, informedAt: '', informedWhom: '', reference: '' },
    action: recordOfficialNotificationAction,
  });
  const error = (message: string | undefined) => (message ? t(message) : undefined);
  const errors = form.formState.errors;
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label={t('consular.record.heading', { country: countryName })} className="mt-2 grid gap-3 sm:grid-cols-2">
      {failure && <ActionFailureAlert failure={failure} title={t('consular.record.heading', { country: countryName })} conflictTitle={t('consular.conflict.heading')} />}
      {isDone && <Alert tone="success" title={t('consular.record.saved')} />}
      <SelectField
        label={t('consular.record.method')}
        options={officialNotificationMethod.enumValues.map((value) => ({ value, label: t(`enums.officialNotificationMethod.${value}`) }))}
        error={error(errors.method?.message)}
        {...form.register('method')}
      />
      <TextField label={t('consular.record.informedAt')} type="datetime-local" error={error(errors.informedAt?.message)} {...form.register('informedAt')} />
      <TextField label={t('consular.record.informedWhom')} error={error(errors.informedWhom?.message)} {...form.register('informedWhom')} />
      <TextField label={t('consular.record.reference')} error={error(errors.reference?.message)} {...form.register('reference')} />
      <div className="sm:col-span-2">
        <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60">
          {t('consular.record.submit')}
        </button>
      </div>
    </form>
  );
}

/** The mission's answer, once the police informed it. */
export function RecordOfficialAnswerForm({ caseId, officialNotificationId, version, countryName }: TaskRef) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(recordOfficialAnswerSchema),
    values: { caseId, officialNotificationId, version, answeredAt: '', answer: '' },
    action: recordOfficialAnswerAction,
  });
  const error = (message: string | undefined) => (message ? t(message) : undefined);
  const errors = form.formState.errors;
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label={t('consular.answer.heading', { country: countryName })} className="mt-2 grid gap-3 sm:grid-cols-2">
      {failure && <ActionFailureAlert failure={failure} title={t('consular.answer.heading', { country: countryName })} conflictTitle={t('consular.conflict.heading')} />}
      {isDone && <Alert tone="success" title={t('consular.answer.saved')} />}
      <TextField label={t('consular.answer.answeredAt')} type="datetime-local" error={error(errors.answeredAt?.message)} {...form.register('answeredAt')} />
      <TextareaField label={t('consular.answer.answer')} rows={2} className="sm:col-span-2" error={error(errors.answer?.message)} {...form.register('answer')} />
      <div className="sm:col-span-2">
        <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md border border-brand-600 px-3 py-1.5 text-sm font-semibold text-brand-800 disabled:opacity-60">
          {t('consular.answer.submit')}
        </button>
      </div>
    </form>
  );
}
