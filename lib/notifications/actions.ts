'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { acknowledgeNotification, notifyEmbassyManually } from './commands';
import { acknowledgeNotificationSchema, manualNotificationSchema } from './schemas';

/** A notification shows on both sides: the embassy's inbox and case view, the police workspace. */
function afterNotificationWrite<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) {
    revalidatePath('/embassy', 'layout');
    revalidatePath('/police', 'layout');
  }
  return result;
}

export async function acknowledgeNotificationAction(input: unknown): Promise<ActionResult<{ acknowledgedAt: Date }>> {
  return afterNotificationWrite(await runAction(acknowledgeNotificationSchema, input, acknowledgeNotification));
}

export async function notifyEmbassyManuallyAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return afterNotificationWrite(await runAction(manualNotificationSchema, input, notifyEmbassyManually));
}
