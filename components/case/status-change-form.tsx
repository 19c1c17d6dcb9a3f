'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useWatch } from 'react-hook-form';
import { changeCaseStatusAction } from '@/lib/cases/actions';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { changeCaseStatusSchema, type ChangeCaseStatusInput } from '@/lib/cases/schemas';
import { closureReasons } from '@/lib/cases/workflow';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import type { CaseStatus } from '@/db/schema';

export function StatusChangeForm({ caseId, version, transitions }: { caseId: string; version: number; transitions: CaseStatus[] }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm<ChangeCaseStatusInput, { version: number }>({
    resolver: zodResolver(changeCaseStatusSchema),
    values: { caseId, version, status: transitions[0] ?? 'under_investigation', closureReason: '' },
    action: changeCaseStatusAction,
  });
  const status = useWatch({ control: form.control, name: 'status' });
  if (transitions.length === 0) return <p className="text-sm text-slate-600">{t('cases.workspace.noTransitions')}</p>;
  const reasonError = form.formState.errors.closureReason?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      {failure && (
        <ActionFailureAlert
          failure={failure}
          title={t('cases.workspace.changeStatus')}
          conflictTitle={t('cases.conflict.heading')}
          reload={{ label: t('cases.conflict.reload'), href: `/police/cases/${caseId}` }}
        />
      )}
      {isDone && <Alert tone="success" title={t('cases.workspace.statusChanged')} />}
      <SelectField
        label={t('cases.workspace.newStatus')}
        options={transitions.map((option) => ({ value: option, label: t(`enums.caseStatus.${option}`) }))}
        {...form.register('status')}
      />
      {status === 'closed' && (
        <SelectField
          label={t('cases.workspace.closureReasonLabel')}
          options={[{ value: '', label: t('cases.workspace.chooseReason') }, ...closureReasons.map((reason) => ({ value: reason, label: t(`enums.closureReason.${reason}`) }))]}
          error={reasonError ? t(reasonError) : undefined}
          {...form.register('closureReason')}
        />
      )}
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {t('cases.workspace.applyStatus')}
      </button>
    </form>
  );
}
