'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { addCaseNote, assignCase, changeCaseStatus, createCase, updateCase } from './commands';
import { findPossibleMatches } from './queries';
import { addCaseNoteSchema, assignCaseSchema, changeCaseStatusSchema, createCaseSchema, possibleMatchSchema, updateCaseSchema } from './schemas';
import type { PossibleMatch } from './views';

/** The police area shows the case in its lists, workspace and dashboard: all of it is stale after a write. */
function afterCaseWrite<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath('/police', 'layout');
  return result;
}

export async function createCaseAction(input: unknown): Promise<ActionResult<{ id: string; referenceNumber: string }>> {
  return afterCaseWrite(await runAction(createCaseSchema, input, createCase));
}

export async function updateCaseAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterCaseWrite(await runAction(updateCaseSchema, input, updateCase));
}

export async function changeCaseStatusAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterCaseWrite(await runAction(changeCaseStatusSchema, input, changeCaseStatus));
}

export async function assignCaseAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterCaseWrite(await runAction(assignCaseSchema, input, assignCase));
}

export async function addCaseNoteAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return afterCaseWrite(await runAction(addCaseNoteSchema, input, addCaseNote));
}

export async function findPossibleMatchesAction(input: unknown): Promise<ActionResult<PossibleMatch[]>> {
  return runAction(possibleMatchSchema, input, findPossibleMatches);
}
