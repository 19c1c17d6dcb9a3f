'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useForm } from 'react-hook-form';
import { assignCaseAction } from '@/app/police/cases/actions';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { assignCaseSchema, type AssignCaseInput } from '@/lib/cases/schemas';
import { ActionFailureAlert, type ActionFailure } from './action-failure-alert';

interface AssignFormProps {
  caseId: string;
  version: number;
  assigneeId: string | null;
  officers: { id: string; name: string }[];
}

export function AssignForm({ caseId, version, assigneeId, officers }: AssignFormProps) {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [isDone, setIsDone] = useState(false);
  const {
    register,
    handleSubmit,
    formState: { isSubmitting },
  } = useForm<AssignCaseInput>({ resolver: zodResolver(assignCaseSchema), values: { caseId, version, assigneeId: assigneeId ?? '' } });
  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    setIsDone(false);
    const result = await assignCaseAction(values);
    if (result.ok) {
      setIsDone(true);
      router.refresh();
    } else setFailure(result);
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      {failure && <ActionFailureAlert failure={failure} title={t('cases.workspace.assignment')} caseId={caseId} />}
      {isDone && <Alert tone="success" title={t('cases.workspace.assigned')} />}
      <SelectField
        label={t('cases.workspace.assignee')}
        options={[{ value: '', label: t('cases.unassigned') }, ...officers.map((officer) => ({ value: officer.id, label: officer.name }))]}
        {...register('assigneeId')}
      />
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md border border-brand-600 px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60">
        {t('cases.workspace.assign')}
      </button>
    </form>
  );
}
