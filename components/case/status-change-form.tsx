'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useForm, useWatch } from 'react-hook-form';
import { changeCaseStatusAction } from '@/app/police/cases/actions';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { changeCaseStatusSchema, type ChangeCaseStatusInput } from '@/lib/cases/schemas';
import type { CaseStatus } from '@/lib/cases/views';
import { closureReasons } from '@/lib/cases/workflow';
import { ActionFailureAlert, type ActionFailure } from './action-failure-alert';

export function StatusChangeForm({ caseId, version, transitions }: { caseId: string; version: number; transitions: CaseStatus[] }) {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [isDone, setIsDone] = useState(false);
  const firstTransition = transitions[0] ?? 'under_investigation';
  const {
    register,
    handleSubmit,
    control,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChangeCaseStatusInput>({
    resolver: zodResolver(changeCaseStatusSchema),
    values: { caseId, version, status: firstTransition, closureReason: '' },
  });
  const status = useWatch({ control, name: 'status' });
  if (transitions.length === 0) return <p className="text-sm text-slate-600">{t('cases.workspace.noTransitions')}</p>;

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    setIsDone(false);
    const result = await changeCaseStatusAction(values);
    if (result.ok) {
      setIsDone(true);
      router.refresh();
      return;
    }
    if (result.fieldErrors?.closureReason?.[0]) setError('closureReason', { message: result.fieldErrors.closureReason[0] });
    setFailure(result);
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      {failure && <ActionFailureAlert failure={failure} title={t('cases.workspace.changeStatus')} caseId={caseId} />}
      {isDone && <Alert tone="success" title={t('cases.workspace.statusChanged')} />}
      <SelectField
        label={t('cases.workspace.newStatus')}
        options={transitions.map((status) => ({ value: status, label: t(`enums.caseStatus.${status}`) }))}
        {...register('status')}
      />
      {status === 'closed' && (
        <SelectField
          label={t('cases.workspace.closureReasonLabel')}
          options={[{ value: '', label: t('cases.workspace.chooseReason') }, ...closureReasons.map((reason) => ({ value: reason, label: t(`enums.closureReason.${reason}`) }))]}
          error={errors.closureReason?.message ? t(errors.closureReason.message) : undefined}
          {...register('closureReason')}
        />
      )}
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {t('cases.workspace.applyStatus')}
      </button>
    </form>
  );
}
