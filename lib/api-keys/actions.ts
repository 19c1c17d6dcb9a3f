'use server';

import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { createApiKey, revokeApiKey, type CreatedApiKey } from './commands';
import { createApiKeySchema, revokeApiKeySchema } from './schemas';

const keyOptions = { notFoundMessage: 'admin.errors.notFound', revalidate: ['/organisation', '/admin'] } as const;

/** The key is in the answer once; the page shows it and it is never readable again. */
export async function createApiKeyAction(input: unknown): Promise<ActionResult<CreatedApiKey>> {
  return runAction(createApiKeySchema, input, (actor, data) => createApiKey(actor, data), keyOptions);
}

export async function revokeApiKeyAction(input: unknown): Promise<ActionResult<{ revokedAt: Date }>> {
  return runAction(revokeApiKeySchema, input, revokeApiKey, keyOptions);
}
