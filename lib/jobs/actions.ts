'use server';

import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { retryFailedJob } from './commands';
import { retryFailedJobSchema } from './schemas';

export async function retryFailedJobAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(retryFailedJobSchema, input, retryFailedJob, { notFoundMessage: 'jobs.errors.notFound', revalidate: ['/admin'] });
}
