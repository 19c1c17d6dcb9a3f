'use server';

import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { confirmNationality, declineNotification, redirectNotification } from './answers';
import { acknowledgeNotification, notifyEmbassyManually } from './commands';
import { acknowledgeNotificationSchema, confirmNationalitySchema, declineNotificationSchema, manualNotificationSchema, redirectNotificationSchema } from './schemas';

// A notification shows on both sides: the embassy's inbox and case view, the police workspace.
const bothSides = { revalidate: ['/police', '/embassy'] } as const;

export async function acknowledgeNotificationAction(input: unknown): Promise<ActionResult<{ acknowledgedAt: Date }>> {
  return runAction(acknowledgeNotificationSchema, input, acknowledgeNotification, bothSides);
}

export async function declineNotificationAction(input: unknown): Promise<ActionResult<{ declinedAt: Date }>> {
  return runAction(declineNotificationSchema, input, declineNotification, bothSides);
}

export async function redirectNotificationAction(input: unknown): Promise<ActionResult<{ redirectedAt: Date }>> {
  return runAction(redirectNotificationSchema, input, redirectNotification, bothSides);
}

export async function notifyEmbassyManuallyAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(manualNotificationSchema, input, notifyEmbassyManually, bothSides);
}

export async function confirmNationalityAction(input: unknown): Promise<ActionResult<{ resolvedAt: Date }>> {
  return runAction(confirmNationalitySchema, input, confirmNationality, bothSides);
}
