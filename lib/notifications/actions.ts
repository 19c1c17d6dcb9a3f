'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { acknowledgeNotification, notifyEmbassyManually, overrideDisclosure, recordConsent } from './commands';
import { acknowledgeNotificationSchema, manualNotificationSchema, overrideDisclosureSchema, recordConsentSchema } from './schemas';

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

export async function recordConsentAction(input: unknown): Promise<ActionResult<void>> {
  return afterNotificationWrite(await runAction(recordConsentSchema, input, recordConsent));
}

export async function overrideDisclosureAction(input: unknown): Promise<ActionResult<void>> {
  return afterNotificationWrite(await runAction(overrideDisclosureSchema, input, overrideDisclosure));
}
