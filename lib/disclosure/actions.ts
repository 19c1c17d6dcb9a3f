'use server';

import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { overrideDisclosure, recordConsent } from './commands';
import { overrideDisclosureSchema, recordConsentSchema } from './schemas';

// Disclosure changes what the embassy's case view shows and what the police workspace records.
const bothSides = { revalidate: ['/police', '/embassy'] } as const;

export async function recordConsentAction(input: unknown): Promise<ActionResult<void>> {
  return runAction(recordConsentSchema, input, recordConsent, bothSides);
}

export async function overrideDisclosureAction(input: unknown): Promise<ActionResult<void>> {
  return runAction(overrideDisclosureSchema, input, overrideDisclosure, bothSides);
}
