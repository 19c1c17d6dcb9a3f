import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/domain-error';
import { hasJobTables, selectRows } from './queries';
import type { RetryFailedJobInput } from './schemas';

/**
 * Puts a failed job back in line for one more run (what pg-boss's `retry` does: state `retry`, one more
 * attempt allowed), audited in the same transaction. A job that is not failed — already retried, running, done,
 * or unknown — is "not found", so retrying twice at once runs the job once.
 */
export async function retryFailedJob(actor: Actor, input: RetryFailedJobInput): Promise<{ id: string }> {
  requirePermission(actor, 'retry:jobs:all');
  return getDb().transaction(async (tx) => {
    if (!(await hasJobTables(tx))) throw DomainError.notFound('job');
    const [retried] = await selectRows<{ retryCount: number }>(
      tx,
      sql`update pgboss.job set state = 'retry', retry_limit = retry_limit + 1
          where name = ${input.queue} and id = ${input.jobId}::uuid and state = 'failed'
          returning retry_count as "retryCount"`,
    );
    if (!retried) throw DomainError.notFound('job');
    await recordAudit(tx, {
      actor,
      action: 'admin.job.retry',
      entityType: 'job',
      entityId: input.jobId,
      details: { queue: input.queue, retryCount: Number(retried.retryCount) },
    });
    return { id: input.jobId };
  });
}
