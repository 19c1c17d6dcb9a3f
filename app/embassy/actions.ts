'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { runCaseAction } from '@/lib/cases/run-case-action';
import { acknowledgeNotification } from '@/lib/notifications/commands';
import { acknowledgeNotificationSchema } from '@/lib/notifications/schemas';

export async function acknowledgeNotificationAction(input: unknown): Promise<ActionResult<{ acknowledgedAt: Date }>> {
  const result = await runCaseAction(acknowledgeNotificationSchema, input, acknowledgeNotification);
  if (result.ok) {
    revalidatePath('/embassy', 'layout');
    revalidatePath('/police', 'layout');
  }
  return result;
}
