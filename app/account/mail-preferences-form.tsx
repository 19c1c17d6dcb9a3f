'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { StatusMessage } from '@/components/ui/status-message';
import { useActionForm } from '@/components/ui/use-action-form';
import { mailFrequency } from '@/db/schema/enums';
import { updateMailPreferencesAction } from '@/lib/account/actions';
import { mailPreferencesSchema, type MailPreferencesInput } from '@/lib/account/schemas';
import { mailPreferences } from '@/lib/mail/preferences';

/**
 * One group of three choices per e-mail setting the user's role has (`current` holds exactly those): at once,
 * in the daily digest, or off. Saved together; the server refuses a setting the role does not have.
 */
export function MailPreferencesForm({ current, side }: { current: MailPreferencesInput; /** Whose "other side" the request hint names. */ side: 'police' | 'embassy' }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm<MailPreferencesInput, void>({
    resolver: zodResolver(mailPreferencesSchema),
    defaultValues: current,
    action: updateMailPreferencesAction,
  });
  const errors = form.formState.errors;
  const offered = mailPreferences.filter((preference) => current[preference] !== undefined);
  const hintOf = { updates: t('account.mail.updatesHint'), requests: side === 'embassy' ? t('account.mail.requestsHintEmbassy') : t('account.mail.requestsHintPolice') };
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-4 space-y-5">
      {failure && <ActionFailureAlert failure={failure} title={t('account.mail.errorHeading')} conflictTitle={t('account.mail.errorHeading')} />}
      {offered.map((preference) => {
        const hintId = `mail-${preference}-hint`;
        const errorId = `mail-${preference}-error`;
        const error = errors[preference]?.message;
        return (
          <fieldset key={preference} aria-describedby={error ? `${hintId} ${errorId}` : hintId} className="space-y-2">
            <legend className="font-semibold">{t(`account.mail.${preference}Legend`)}</legend>
            <p id={hintId} className="text-sm text-slate-600">
              {hintOf[preference]}
            </p>
            {mailFrequency.enumValues.map((frequency) => {
              const id = `mail-${preference}-${frequency}`;
              return (
                <div key={frequency} className="flex items-center gap-3">
                  <input type="radio" id={id} value={frequency} className="h-4 w-4 accent-brand-600" {...form.register(preference)} />
                  <label htmlFor={id} className="text-sm">
                    {t(`account.mail.frequency.${frequency}`)}
                  </label>
                </div>
              );
            })}
            {error && (
              <p id={errorId} className="text-sm text-red-700">
                {t(error)}
              </p>
            )}
          </fieldset>
        );
      })}
      <StatusMessage message={isDone ? t('account.mail.saved') : null} />
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {isSubmitting ? t('account.mail.saving') : t('account.mail.save')}
      </button>
    </form>
  );
}
