'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { recordConsentAction } from '@/lib/disclosure/actions';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { useActionForm } from '@/components/ui/use-action-form';
import { consularConsent } from '@/db/schema/enums';
import { recordConsentSchema, type RecordConsentInput } from '@/lib/disclosure/schemas';

export function ConsentForm({ caseId, personId, consent, personName }: RecordConsentInput & { personName: string }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(recordConsentSchema),
    values: { caseId, personId, consent },
    action: recordConsentAction,
  });
  const label = t('consent.label', { name: personName });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-1 flex flex-wrap items-center gap-2">
      {failure && <ActionFailureAlert failure={failure} title={t('consent.heading')} conflictTitle={t('cases.conflict.heading')} />}
      <select aria-label={label} className="rounded border border-slate-300 bg-white px-2 py-1 text-xs" {...form.register('consent')}>
        {consularConsent.enumValues.map((value) => (
          <option key={value} value={value}>
            {t(`enums.consularConsent.${value}`)}
          </option>
        ))}
      </select>
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded border border-slate-400 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-60">
        {t('consent.save')}
      </button>
      {isDone && (
        <span role="status" className="text-xs text-green-800">
          {t('consent.saved')}
        </span>
      )}
    </form>
  );
}
