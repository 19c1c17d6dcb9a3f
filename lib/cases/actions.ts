'use server';

import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { addCaseNote, assignCase, changeCaseStatus, createCase, updateCase } from './commands';
import { findPossibleMatches } from './queries';
import { addCaseNoteSchema, assignCaseSchema, changeCaseStatusSchema, createCaseSchema, possibleMatchSchema, updateCaseSchema } from './schemas';
import type { PossibleMatch } from './views';

// The police area shows the case in its lists, workspace and dashboard: all of it is stale after a write.
const policeArea = { revalidate: ['/police'] } as const;

export async function createCaseAction(input: unknown): Promise<ActionResult<{ id: string; referenceNumber: string }>> {
  return runAction(createCaseSchema, input, createCase, policeArea);
}

export async function updateCaseAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(updateCaseSchema, input, updateCase, policeArea);
}

export async function changeCaseStatusAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(changeCaseStatusSchema, input, changeCaseStatus, policeArea);
}

export async function assignCaseAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(assignCaseSchema, input, assignCase, policeArea);
}

export async function addCaseNoteAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(addCaseNoteSchema, input, addCaseNote, policeArea);
}

export async function findPossibleMatchesAction(input: unknown): Promise<ActionResult<PossibleMatch[]>> {
  return runAction(possibleMatchSchema, input, findPossibleMatches);
}
