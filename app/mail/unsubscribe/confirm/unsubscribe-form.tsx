'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { StatusMessage } from '@/components/ui/status-message';
import { useActionForm } from '@/components/ui/use-action-form';
import { unsubscribeAction } from '@/lib/account/actions';
import { unsubscribeSchema, type UnsubscribeInput } from '@/lib/account/schemas';

/** The one button of the unsubscribe page; once it has worked, the confirmation takes its place. */
export function UnsubscribeForm({ token }: { token: string }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm<UnsubscribeInput, unknown>({
    resolver: zodResolver(unsubscribeSchema),
    defaultValues: { token },
    action: unsubscribeAction,
  });
  return (
    <div className="space-y-4">
      <StatusMessage message={isDone ? t('unsubscribe.done') : null} />
      {!isDone && (
        <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
          {failure && <Alert title={t('unsubscribe.errorHeading')}>{t(failure.message)}</Alert>}
          <input type="hidden" {...form.register('token')} />
          <button type="submit" disabled={isSubmitting || !isHydrated} className="w-full rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
            {isSubmitting ? t('unsubscribe.confirming') : t('unsubscribe.confirm')}
          </button>
        </form>
      )}
    </div>
  );
}
