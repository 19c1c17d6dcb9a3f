'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { overrideDisclosureAction } from '@/lib/disclosure/actions';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { TextareaField } from '@/components/ui/textarea-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { overrideDisclosureSchema } from '@/lib/disclosure/schemas';

/** Stays mounted after the override, like AcknowledgeForm, so its confirmation outlives the refresh that hides it. */
export function OverrideForm({ caseId, personId, overridden }: { caseId: string; personId: string; overridden: boolean }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(overrideDisclosureSchema),
    defaultValues: { caseId, personId, justification: '' },
    action: overrideDisclosureAction,
  });
  if (overridden) return isDone ? <Alert tone="success" title={t('consent.overrideDone')} /> : null;
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-xs font-medium text-red-800">{t('consent.override')}</summary>
      <form method="post" onSubmit={onSubmit} noValidate className="mt-2 space-y-2">
        {failure && <ActionFailureAlert failure={failure} title={t('consent.override')} conflictTitle={t('cases.conflict.heading')} />}
        {isDone && <Alert tone="success" title={t('consent.overrideDone')} />}
        <TextareaField
          label={t('consent.justification')}
          rows={2}
          error={form.formState.errors.justification?.message ? t(form.formState.errors.justification.message) : undefined}
          {...form.register('justification')}
        />
        <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded border border-red-700 px-2 py-1 text-xs font-semibold text-red-800 disabled:opacity-60">
          {t('consent.overrideSubmit')}
        </button>
      </form>
    </details>
  );
}
