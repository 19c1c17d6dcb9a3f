'use server';

import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { postCaseMessage, recordCooperationAction, updateCooperationActionStatus } from './commands';
import { postMessageSchema, recordCooperationActionSchema, updateCooperationActionSchema } from './schemas';

// Cooperation is worked from both the police workspace and the embassy's case view.
const bothSides = { revalidate: ['/police', '/embassy'] } as const;

export async function recordCooperationActionAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(recordCooperationActionSchema, input, recordCooperationAction, bothSides);
}

export async function updateCooperationActionStatusAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(updateCooperationActionSchema, input, updateCooperationActionStatus, bothSides);
}

export async function postCaseMessageAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(postMessageSchema, input, postCaseMessage, bothSides);
}
