import { z } from 'zod';

export const retryFailedJobSchema = z.object({
  queue: z.string().min(1).max(200),
  jobId: z.uuid('validation.invalidChoice'),
});
export type RetryFailedJobInput = z.infer<typeof retryFailedJobSchema>;
