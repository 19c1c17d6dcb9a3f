'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import type { ActionFailure } from '@/lib/action-result';

/** Why an admin write was refused; a concurrent change gets its time and a way to the latest version. */
export function AdminFailureAlert({ failure }: { failure: ActionFailure }) {
  const t = useTranslations();
  const format = useFormatter();
  const { conflict } = failure;
  const time = conflict ? format.dateTime(new Date(conflict.changedAt), { dateStyle: 'medium', timeStyle: 'medium' }) : '';
  return (
    <Alert title={conflict ? t('admin.errors.conflictHeading') : t('admin.errors.heading')}>
      <p>{t(failure.message, { time })}</p>
      {conflict && (
        // A full load on purpose: the admin must see the other person's version, not a cached one.
        <button type="button" onClick={() => window.location.reload()} className="mt-2 font-medium underline">
          {t('admin.errors.reload')}
        </button>
      )}
    </Alert>
  );
}
