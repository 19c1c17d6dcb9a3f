'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { secondFactorCodeSchema, type SecondFactorCodeInput } from '@/lib/account/schemas';
import { turnOffSecondFactorAction } from '@/lib/account/actions';

/** Turning two-step sign-in off needs a current code, so a borrowed open session alone cannot do it. */
export function TurnOffSecondFactorForm() {
  const t = useTranslations();
  const { form, onSubmit, failure, isHydrated, isSubmitting } = useActionForm<SecondFactorCodeInput, void>({
    resolver: zodResolver(secondFactorCodeSchema),
    defaultValues: { code: '' },
    action: turnOffSecondFactorAction,
  });
  const error = form.formState.errors.code?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      {failure && <Alert title={t('twoFactor.errorHeading')}>{t(failure.message)}</Alert>}
      <p className="text-sm text-slate-600">{t('twoFactor.turnOffHelp')}</p>
      <TextField
        label={t('twoFactor.code')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={9}
        className="max-w-xs"
        error={error && t(error)}
        {...form.register('code')}
      />
      <button
        type="submit"
        disabled={isSubmitting || !isHydrated}
        className="rounded-md border border-red-700 px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {isSubmitting ? t('twoFactor.turningOff') : t('twoFactor.turnOff')}
      </button>
    </form>
  );
}
