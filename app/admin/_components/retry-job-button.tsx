'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import type { ActionFailure } from '@/lib/action-result';
import { retryFailedJobAction } from '@/lib/jobs/actions';
import { AdminFailureAlert } from './admin-failure-alert';
import { ConfirmAction } from './confirm-action';

/** Retries one failed job after a confirmation; the list refreshes so the job leaves it. */
export function RetryJobButton({ queue, jobId }: { queue: string; jobId: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [isRetried, setIsRetried] = useState(false);
  if (isRetried) return <Alert tone="success" title={t('jobs.retried')} />;
  return (
    <div className="space-y-2">
      {failure && <AdminFailureAlert failure={failure} />}
      <ConfirmAction
        label={t('jobs.retry')}
        question={t('jobs.retryQuestion', { id: jobId, queue })}
        onConfirm={async () => {
          setFailure(null);
          const result = await retryFailedJobAction({ queue, jobId });
          if (!result.ok) return setFailure(result);
          setIsRetried(true);
          router.refresh();
        }}
      />
    </div>
  );
}
