import 'server-only';
import { logger } from '@/lib/logger';
import { startWorkers, stopWorkers } from './jobs';
import { defineAppQueues } from './queues';

/**
 * The workers of `npm start` (instrumentation.ts) and `npm run worker`. A failure to start is logged and the server
 * keeps serving: nothing is lost, because what the workers would do waits in the outbox until they run.
 */
export async function startAppWorkers(): Promise<boolean> {
  try {
    await startWorkers({ queues: defineAppQueues() });
  } catch (error) {
    logger.error({ err: error }, 'job workers did not start; outbox messages wait until they do');
    return false;
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void stopWorkers().finally(() => process.exit(0));
    });
  }
  return true;
}
