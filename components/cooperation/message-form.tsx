'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { postCaseMessageAction } from '@/lib/cooperation/actions';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { TextField } from '@/components/ui/text-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { handlingCode } from '@/db/schema/enums';
import { postMessageSchema, type PostMessageInput } from '@/lib/cooperation/schemas';

export function MessageForm({ caseId, embassyOrganisationId }: { caseId: string; embassyOrganisationId: string }) {
  const t = useTranslations();
  const defaults: PostMessageInput = { caseId, embassyOrganisationId, body: '', handlingCode: 'H0', handlingNote: '' };
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(postMessageSchema),
    defaultValues: defaults,
    action: postCaseMessageAction,
    onSuccess: (_data, messageForm) => messageForm.reset(defaults),
  });
  const { register, formState } = form;
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      {failure && <ActionFailureAlert failure={failure} title={t('cooperation.sendMessage')} conflictTitle={t('cases.conflict.heading')} />}
      {isDone && <Alert tone="success" title={t('cooperation.messageSent')} />}
      <TextareaField label={t('cooperation.messageBody')} rows={3} error={message(formState.errors.body?.message)} {...register('body')} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t('cooperation.handlingCode')}
          options={handlingCode.enumValues.map((value) => ({ value, label: t(`enums.handlingCode.${value}`) }))}
          {...register('handlingCode')}
        />
        <TextField label={t('cooperation.handlingNote')} error={message(formState.errors.handlingNote?.message)} {...register('handlingNote')} />
      </div>
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md border border-brand-600 px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60">
        {t('cooperation.sendMessage')}
      </button>
    </form>
  );
}
