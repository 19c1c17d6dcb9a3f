'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import type { ActionFailure } from '@/lib/action-result';

/** Shows why a case action was refused; a concurrent change gets who, when and a way to the latest version. */
export function ActionFailureAlert({ failure, title, caseId }: { failure: ActionFailure; title: string; caseId?: string }) {
  const t = useTranslations();
  const format = useFormatter();
  const { conflict } = failure;
  const time = conflict ? format.dateTime(new Date(conflict.changedAt), { dateStyle: 'medium', timeStyle: 'short' }) : '';
  return (
    <Alert title={conflict ? t('cases.conflict.heading') : title}>
      <p>{t(failure.message, { name: conflict?.changedBy ?? '', time })}</p>
      {conflict && caseId && (
        // A full load on purpose: the officer must see the other person's version, not a cached one.
        <a href={`/police/cases/${caseId}`} className="mt-2 inline-block font-medium underline">
          {t('cases.conflict.reload')}
        </a>
      )}
    </Alert>
  );
}
