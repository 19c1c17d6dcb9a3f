'use server';

import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { acknowledgeNotification, notifyEmbassyManually } from './commands';
import { acknowledgeNotificationSchema, manualNotificationSchema } from './schemas';

// A notification shows on both sides: the embassy's inbox and case view, the police workspace.
const bothSides = { revalidate: ['/police', '/embassy'] } as const;

export async function acknowledgeNotificationAction(input: unknown): Promise<ActionResult<{ acknowledgedAt: Date }>> {
  return runAction(acknowledgeNotificationSchema, input, acknowledgeNotification, bothSides);
}

export async function notifyEmbassyManuallyAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(manualNotificationSchema, input, notifyEmbassyManually, bothSides);
}
