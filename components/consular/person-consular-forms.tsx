'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { useActionForm } from '@/components/ui/use-action-form';
import { dualNationalDecision } from '@/db/schema/enums';
import { decideDualNationalAction, recordFollowUpAction } from '@/lib/consular/actions';
import { decideDualNationalSchema, followUpKinds, recordFollowUpSchema } from '@/lib/consular/schemas';
import type { DualNationalDecision } from '@/db/schema';

const small = 'rounded border border-slate-300 bg-white px-2 py-1 text-xs';

/** The supervisor's decision whether a Cambodian dual national's other country is notified. */
export function DualNationalDecisionForm({ caseId, personId, decision, personName }: { caseId: string; personId: string; decision: DualNationalDecision | null; personName: string }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(decideDualNationalSchema),
    values: { caseId, personId, decision: decision ?? 'notify' },
    action: decideDualNationalAction,
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-1 flex flex-wrap items-center gap-2">
      {failure && <ActionFailureAlert failure={failure} title={t('consular.dual.heading')} conflictTitle={t('cases.conflict.heading')} />}
      <select aria-label={t('consular.dual.label', { name: personName })} className={small} {...form.register('decision')}>
        {dualNationalDecision.enumValues.map((value) => (
          <option key={value} value={value}>
            {t(`enums.dualNationalDecision.${value}`)}
          </option>
        ))}
      </select>
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded border border-slate-400 px-2 py-1 text-xs font-medium disabled:opacity-60">
        {t('consular.dual.save')}
      </button>
      {isDone && <Alert tone="success" title={t('consular.dual.saved')} />}
    </form>
  );
}

/** A follow-up notice about a detained national: moved, hospitalised, released, deported or repatriated, died. */
export function FollowUpForm({ caseId, personId, personName }: { caseId: string; personId: string; personName: string }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(recordFollowUpSchema),
    defaultValues: { caseId, personId, kind: 'moved_to_facility' as const, occurredAt: '' },
    action: recordFollowUpAction,
  });
  const occurredError = form.formState.errors.occurredAt?.message;
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-xs font-medium text-brand-800">{t('consular.followUp.heading')}</summary>
      <form method="post" onSubmit={onSubmit} noValidate className="mt-2 space-y-2">
        {failure && <ActionFailureAlert failure={failure} title={t('consular.followUp.heading')} conflictTitle={t('cases.conflict.heading')} />}
        {isDone && <Alert tone="success" title={t('consular.followUp.saved')} />}
        <select aria-label={t('consular.followUp.label', { name: personName })} className={small} {...form.register('kind')}>
          {followUpKinds.map((value) => (
            <option key={value} value={value}>
              {t(`enums.notificationUpdate.${value}`)}
            </option>
          ))}
        </select>
        <label className="block text-xs">
          {t('consular.followUp.occurredAt')}
          <input type="datetime-local" className={`${small} ml-2`} aria-invalid={occurredError ? true : undefined} {...form.register('occurredAt')} />
        </label>
        {occurredError && <p className="text-xs text-red-700">{t(occurredError)}</p>}
        <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded border border-slate-400 px-2 py-1 text-xs font-medium disabled:opacity-60">
          {t('consular.followUp.submit')}
        </button>
      </form>
    </details>
  );
}
