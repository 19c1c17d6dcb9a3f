'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { recordCooperationActionAction } from '@/lib/cooperation/actions';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { TextField } from '@/components/ui/text-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { cooperationActionStatus, cooperationActionType, handlingCode } from '@/db/schema/enums';
import { recordCooperationActionSchema, type RecordCooperationActionInput } from '@/lib/cooperation/schemas';

interface CooperationActionFormProps {
  caseId: string;
  /** Empty for an embassy user: the thread is always their own. */
  embassyOrganisationId: string;
  /** Requests of the other side this one may answer. */
  answerable: { id: string; label: string }[];
  today: string;
}

export function CooperationActionForm({ caseId, embassyOrganisationId, answerable, today }: CooperationActionFormProps) {
  const t = useTranslations();
  const defaults: RecordCooperationActionInput = {
    caseId,
    embassyOrganisationId,
    actionType: 'consular_visit',
    status: 'done',
    actionDate: today,
    description: '',
    handlingCode: 'H0',
    handlingNote: '',
    respondsToId: '',
  };
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(recordCooperationActionSchema),
    defaultValues: defaults,
    action: recordCooperationActionAction,
    onSuccess: (_data, actionForm) => actionForm.reset(defaults),
  });
  const { register, formState } = form;
  const errors = formState.errors;
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      {failure && <ActionFailureAlert failure={failure} title={t('cooperation.recordAction')} conflictTitle={t('cases.conflict.heading')} />}
      {isDone && <Alert tone="success" title={t('cooperation.actionRecorded')} />}
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label={t('cooperation.actionType')}
          options={cooperationActionType.enumValues.map((value) => ({ value, label: t(`enums.cooperationActionType.${value}`) }))}
          {...register('actionType')}
        />
        <SelectField
          label={t('cooperation.status')}
          options={cooperationActionStatus.enumValues.map((value) => ({ value, label: t(`enums.cooperationActionStatus.${value}`) }))}
          {...register('status')}
        />
        <TextField label={t('cooperation.actionDate')} type="date" error={message(errors.actionDate?.message)} {...register('actionDate')} />
      </div>
      {answerable.length > 0 && (
        <SelectField
          label={t('cooperation.respondsTo')}
          options={[{ value: '', label: t('cooperation.notAnAnswer') }, ...answerable.map((option) => ({ value: option.id, label: option.label }))]}
          error={message(errors.respondsToId?.message)}
          {...register('respondsToId')}
        />
      )}
      <TextareaField label={t('cooperation.description')} rows={3} error={message(errors.description?.message)} {...register('description')} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t('cooperation.handlingCode')}
          options={handlingCode.enumValues.map((value) => ({ value, label: t(`enums.handlingCode.${value}`) }))}
          {...register('handlingCode')}
        />
        <TextField label={t('cooperation.handlingNote')} error={message(errors.handlingNote?.message)} {...register('handlingNote')} />
      </div>
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {t('cooperation.submitAction')}
      </button>
    </form>
  );
}
