'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { notificationDeclineReason } from '@/db/schema/enums';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { declineNotificationAction, redirectNotificationAction } from '@/lib/notifications/actions';
import { declineNotificationSchema, redirectNotificationSchema } from '@/lib/notifications/schemas';

const submitClassName = 'rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60';

/**
 * The embassy says the notification is not its: a reason from the three, a note for the police. Stays mounted after
 * the refresh that hides it, so the confirmation outlives it (as the acknowledgement form's does).
 */
export function DeclineForm({ notificationId, isAcknowledged, isDeclined }: { notificationId: string; isAcknowledged: boolean; isDeclined: boolean }) {
  const t = useTranslations();
  const legendId = useId();
  const errorId = useId();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(declineNotificationSchema),
    defaultValues: { notificationId, note: '' },
    action: declineNotificationAction,
  });
  if (isDeclined) return isDone ? <Alert tone="success" title={t('embassy.answer.declinedDone')} /> : null;
  const reasonError = form.formState.errors.reason?.message;
  // Once acknowledged, only a reason about the person remains open (lib/notifications/answers.ts).
  const reasons = notificationDeclineReason.enumValues.filter((reason) => !(isAcknowledged && reason === 'other_post_competent'));
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby={`${legendId}-heading`}>
      <h3 id={`${legendId}-heading`} className="text-sm font-semibold">
        {t('embassy.answer.declineHeading')}
      </h3>
      <p className="text-sm text-slate-700">{t('embassy.answer.declineIntro')}</p>
      {failure && <ActionFailureAlert failure={failure} title={t('embassy.answer.declineHeading')} conflictTitle={t('cases.conflict.heading')} />}
      <fieldset aria-describedby={reasonError ? errorId : undefined} aria-invalid={reasonError ? true : undefined} className="space-y-2">
        <legend id={legendId} className="text-sm font-medium text-slate-800">
          {t('embassy.answer.reasonLegend')}
        </legend>
        {reasons.map((reason) => {
          const id = `${legendId}-${reason}`;
          return (
            <div key={reason} className="flex items-center gap-3">
              <input type="radio" id={id} value={reason} className="h-4 w-4 accent-brand-600" {...form.register('reason')} />
              <label htmlFor={id} className="text-sm">
                {t(`enums.notificationDeclineReason.${reason}`)}
              </label>
            </div>
          );
        })}
        {reasonError && (
          <p id={errorId} className="text-sm text-red-700">
            {t(reasonError)}
          </p>
        )}
      </fieldset>
      <TextareaField
        label={t('embassy.answer.note')}
        rows={2}
        error={form.formState.errors.note?.message ? t(form.formState.errors.note.message) : undefined}
        {...form.register('note')}
      />
      <button type="submit" disabled={isSubmitting || !isHydrated} className={submitClassName}>
        {t('embassy.answer.declineSubmit')}
      </button>
    </form>
  );
}

/**
 * The embassy sends the notification on to another of its country's missions on CaseBridge. On success the case is
 * no longer the embassy's, so the form leaves for the inbox instead of refreshing a page it may no longer open.
 */
export function RedirectForm({ notificationId, targets }: { notificationId: string; targets: { id: string; label: string }[] }) {
  const t = useTranslations();
  const router = useRouter();
  const headingId = useId();
  const { form, onSubmit, failure, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(redirectNotificationSchema),
    defaultValues: { notificationId, targetOrganisationId: '', note: '' },
    action: redirectNotificationAction,
    onSuccess: () => router.push('/embassy'),
  });
  const targetError = form.formState.errors.targetOrganisationId?.message;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} className="text-sm font-semibold">
        {t('embassy.answer.redirectHeading')}
      </h3>
      {targets.length === 0 ? (
        <p className="text-sm text-slate-600">{t('embassy.answer.noTargets')}</p>
      ) : (
        <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
          <p className="text-sm text-slate-700">{t('embassy.answer.redirectIntro')}</p>
          {failure && <ActionFailureAlert failure={failure} title={t('embassy.answer.redirectHeading')} conflictTitle={t('cases.conflict.heading')} />}
          <SelectField
            label={t('embassy.answer.target')}
            options={[{ value: '', label: t('embassy.answer.chooseTarget') }, ...targets.map((target) => ({ value: target.id, label: target.label }))]}
            error={targetError ? t(targetError) : undefined}
            {...form.register('targetOrganisationId')}
          />
          <TextareaField
            label={t('embassy.answer.redirectNote')}
            rows={2}
            error={form.formState.errors.note?.message ? t(form.formState.errors.note.message) : undefined}
            {...form.register('note')}
          />
          <button type="submit" disabled={isSubmitting || !isHydrated} className={submitClassName}>
            {t('embassy.answer.redirectSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}
