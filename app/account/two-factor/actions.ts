'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAccountAction } from '@/lib/account/run-account-action';
import { secondFactorCodeSchema } from '@/lib/account/schemas';
import { confirmSecondFactorSetup, startSecondFactorSetup, turnOffSecondFactor, type SecondFactorSetup } from '@/lib/account/two-factor';
import type { ActionResult } from '@/lib/action-result';

// These are how a user who must set up two-step sign-in finishes that step, so they are allowed during it.
const duringSetUp = { allowDuring: ['set_up_second_factor'] } as const;

export async function startSecondFactorSetupAction(): Promise<ActionResult<SecondFactorSetup>> {
  return runAccountAction(z.object({}), {}, (actor, _data, meta) => startSecondFactorSetup(actor, meta), duringSetUp);
}

export async function confirmSecondFactorSetupAction(input: unknown): Promise<ActionResult> {
  const result = await runAccountAction(secondFactorCodeSchema, input, async (actor, data, meta) => {
    await confirmSecondFactorSetup(actor, data, meta);
    return undefined;
  }, duringSetUp);
  if (result.ok) revalidatePath('/account', 'layout');
  return result;
}

export async function turnOffSecondFactorAction(input: unknown): Promise<ActionResult> {
  const result = await runAccountAction(secondFactorCodeSchema, input, async (actor, data, meta) => {
    await turnOffSecondFactor(actor, data, meta);
    return undefined;
  });
  if (result.ok) revalidatePath('/account', 'layout');
  return result;
}
