import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAccess } from '@/lib/auth/session';
import { can } from '@/lib/auth/permissions';
import { failedJobRetentionDays, listFailedJobs, maxListedFailedJobs } from '@/lib/jobs/queries';
import { RetryJobButton } from '../../_components/retry-job-button';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('jobs');
  return { title: t('title') };
}

export default async function FailedJobsPage() {
  const actor = await requireAccess('view:area:admin');
  const [jobs, t, format] = await Promise.all([listFailedJobs(actor), getTranslations(), getFormatter()]);
  const canRetry = can(actor, 'retry:jobs:all');
  const time = (value: Date) => format.dateTime(value, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t('jobs.title')}</h1>
      <p className="text-sm text-slate-600">{t('jobs.intro', { max: maxListedFailedJobs, days: failedJobRetentionDays })}</p>
      {jobs.length === 0 ? (
        <EmptyState>{t('jobs.noFailedJobs')}</EmptyState>
      ) : (
        <DataTable
          caption={t('jobs.title')}
          columns={[
            { header: t('jobs.columns.queue') },
            { header: t('jobs.columns.created') },
            { header: t('jobs.columns.failedAt') },
            { header: t('jobs.columns.retries'), align: 'end' },
            { header: t('jobs.columns.error') },
            { header: t('jobs.columns.action') },
          ]}
        >
          {jobs.map((job) => (
            <tr key={job.id} className="align-top">
              <th scope="row" className="px-4 py-2 text-left font-normal">
                <span className="block font-mono text-xs">{job.queue}</span>
                <span className="block break-all font-mono text-xs text-slate-500">{job.id}</span>
              </th>
              <td className="whitespace-nowrap px-4 py-2">{time(job.createdAt)}</td>
              <td className="whitespace-nowrap px-4 py-2">{job.failedAt ? time(job.failedAt) : '—'}</td>
              <td className="px-4 py-2 text-right tabular-nums">{job.retryCount}</td>
              <td className="max-w-md px-4 py-2">
                <code className="block break-words text-xs text-slate-700">{job.error}</code>
              </td>
              <td className="px-4 py-2">{canRetry && <RetryJobButton queue={job.queue} jobId={job.id} />}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
