'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import type { ActionResult } from '@/lib/action-result';

export type ActionFailure = Extract<ActionResult, { ok: false }>;

/** Why an admin write was refused; a concurrent change gets its time and a way to the latest version. */
export function AdminFailureAlert({ failure }: { failure: ActionFailure }) {
  const t = useTranslations();
  const format = useFormatter();
  const isConflict = failure.values?.conflict === 'true';
  const time = failure.values?.time ? format.dateTime(new Date(failure.values.time), { dateStyle: 'medium', timeStyle: 'medium' }) : '';
  return (
    <Alert title={isConflict ? t('admin.errors.conflictHeading') : t('admin.errors.heading')}>
      <p>{t(failure.message, { ...failure.values, time })}</p>
      {isConflict && (
        // A full load on purpose: the admin must see the other person's version, not a cached one.
        <button type="button" onClick={() => window.location.reload()} className="mt-2 font-medium underline">
          {t('admin.errors.reload')}
        </button>
      )}
    </Alert>
  );
}
