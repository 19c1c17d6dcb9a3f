'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { postCaseMessage, recordCooperationAction, updateCooperationActionStatus } from './commands';
import { postMessageSchema, recordCooperationActionSchema, updateCooperationActionSchema } from './schemas';

/** Cooperation is worked from both the police workspace and the embassy's case view. */
function afterThreadWrite<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) {
    revalidatePath('/police', 'layout');
    revalidatePath('/embassy', 'layout');
  }
  return result;
}

export async function recordCooperationActionAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return afterThreadWrite(await runAction(recordCooperationActionSchema, input, recordCooperationAction));
}

export async function updateCooperationActionStatusAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterThreadWrite(await runAction(updateCooperationActionSchema, input, updateCooperationActionStatus));
}

export async function postCaseMessageAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return afterThreadWrite(await runAction(postMessageSchema, input, postCaseMessage));
}
