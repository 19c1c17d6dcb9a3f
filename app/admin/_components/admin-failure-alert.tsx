'use client';

import { useTranslations } from 'next-intl';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import type { ActionFailure } from '@/lib/action-result';

/** The shared failure alert in the admin's words: a reload button, and times to the second as in the audit log. */
export function AdminFailureAlert({ failure }: { failure: ActionFailure }) {
  const t = useTranslations();
  return (
    <ActionFailureAlert
      failure={failure}
      title={t('admin.errors.heading')}
      conflictTitle={t('admin.errors.conflictHeading')}
      reload={{ label: t('admin.errors.reload') }}
      conflictTimeStyle="medium"
    />
  );
}
