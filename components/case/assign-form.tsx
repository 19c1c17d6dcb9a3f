'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { assignCaseAction } from '@/lib/cases/actions';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { assignCaseSchema } from '@/lib/cases/schemas';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';

interface AssignFormProps {
  caseId: string;
  version: number;
  assigneeId: string | null;
  officers: { id: string; name: string }[];
}

export function AssignForm({ caseId, version, assigneeId, officers }: AssignFormProps) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(assignCaseSchema),
    values: { caseId, version, assigneeId: assigneeId ?? '' },
    action: assignCaseAction,
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      {failure && (
        <ActionFailureAlert
          failure={failure}
          title={t('cases.workspace.assignment')}
          conflictTitle={t('cases.conflict.heading')}
          reload={{ label: t('cases.conflict.reload'), href: `/police/cases/${caseId}` }}
        />
      )}
      {isDone && <Alert tone="success" title={t('cases.workspace.assigned')} />}
      <SelectField
        label={t('cases.workspace.assignee')}
        options={[{ value: '', label: t('cases.unassigned') }, ...officers.map((officer) => ({ value: officer.id, label: officer.name }))]}
        {...form.register('assigneeId')}
      />
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md border border-brand-600 px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60">
        {t('cases.workspace.assign')}
      </button>
    </form>
  );
}
