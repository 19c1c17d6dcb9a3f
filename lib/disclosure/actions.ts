'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { overrideDisclosure, recordConsent } from './commands';
import { overrideDisclosureSchema, recordConsentSchema } from './schemas';

/** Disclosure changes what the embassy's case view shows and what the police workspace records. */
function afterDisclosureWrite<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) {
    revalidatePath('/police', 'layout');
    revalidatePath('/embassy', 'layout');
  }
  return result;
}

export async function recordConsentAction(input: unknown): Promise<ActionResult<void>> {
  return afterDisclosureWrite(await runAction(recordConsentSchema, input, recordConsent));
}

export async function overrideDisclosureAction(input: unknown): Promise<ActionResult<void>> {
  return afterDisclosureWrite(await runAction(overrideDisclosureSchema, input, overrideDisclosure));
}
