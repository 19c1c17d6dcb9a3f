'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { updateCooperationActionStatusAction } from '@/lib/cooperation/actions';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { useActionForm } from '@/components/ui/use-action-form';
import { cooperationActionStatus } from '@/db/schema/enums';
import { updateCooperationActionSchema, type UpdateCooperationActionInput } from '@/lib/cooperation/schemas';

export function ActionStatusForm({ actionId, version, status }: UpdateCooperationActionInput) {
  const t = useTranslations();
  const { form, onSubmit, failure, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(updateCooperationActionSchema),
    values: { actionId, version, status },
    action: updateCooperationActionStatusAction,
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-2 flex flex-wrap items-end gap-2">
      {failure && <ActionFailureAlert failure={failure} title={t('cooperation.changeStatus')} conflictTitle={t('cases.conflict.heading')} />}
      <label className="text-xs text-slate-700">
        <span className="sr-only">{t('cooperation.status')}</span>
        <select className="rounded border border-slate-300 bg-white px-2 py-1 text-sm" aria-label={t('cooperation.status')} {...form.register('status')}>
          {cooperationActionStatus.enumValues.map((value) => (
            <option key={value} value={value}>
              {t(`enums.cooperationActionStatus.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded border border-slate-400 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-60">
        {t('cooperation.changeStatus')}
      </button>
    </form>
  );
}
