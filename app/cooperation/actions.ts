'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { runCaseAction } from '@/lib/cases/run-case-action';
import { postCaseMessage, recordCooperationAction, updateCooperationActionStatus } from '@/lib/cooperation/commands';
import { postMessageSchema, recordCooperationActionSchema, updateCooperationActionSchema } from '@/lib/cooperation/schemas';

/** Cooperation is worked from both the police workspace and the embassy's case view. */
function revalidateCaseViews() {
  revalidatePath('/police', 'layout');
  revalidatePath('/embassy', 'layout');
}

export async function recordCooperationActionAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runCaseAction(recordCooperationActionSchema, input, recordCooperationAction);
  if (result.ok) revalidateCaseViews();
  return result;
}

export async function updateCooperationActionStatusAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  const result = await runCaseAction(updateCooperationActionSchema, input, updateCooperationActionStatus);
  if (result.ok) revalidateCaseViews();
  return result;
}

export async function postCaseMessageAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runCaseAction(postMessageSchema, input, postCaseMessage);
  if (result.ok) revalidateCaseViews();
  return result;
}
