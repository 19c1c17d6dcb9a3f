'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { addCaseNote, assignCase, changeCaseStatus, createCase, updateCase } from '@/lib/cases/commands';
import { findPossibleMatches } from '@/lib/cases/queries';
import { runCaseAction } from '@/lib/cases/run-case-action';
import {
  addCaseNoteSchema,
  assignCaseSchema,
  changeCaseStatusSchema,
  createCaseSchema,
  possibleMatchSchema,
  updateCaseSchema,
} from '@/lib/cases/schemas';
import type { PossibleMatch } from '@/lib/cases/views';
import { overrideDisclosure, recordConsent } from '@/lib/disclosure/commands';
import { overrideDisclosureSchema, recordConsentSchema } from '@/lib/disclosure/schemas';
import { notifyEmbassyManually } from '@/lib/notifications/commands';
import { manualNotificationSchema } from '@/lib/notifications/schemas';

export async function createCaseAction(input: unknown): Promise<ActionResult<{ id: string; referenceNumber: string }>> {
  const result = await runCaseAction(createCaseSchema, input, createCase);
  if (result.ok) revalidatePath('/police', 'layout');
  return result;
}

export async function updateCaseAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  const result = await runCaseAction(updateCaseSchema, input, updateCase);
  if (result.ok) revalidatePath('/police', 'layout');
  return result;
}

export async function changeCaseStatusAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  const result = await runCaseAction(changeCaseStatusSchema, input, changeCaseStatus);
  if (result.ok) revalidatePath('/police', 'layout');
  return result;
}

export async function assignCaseAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  const result = await runCaseAction(assignCaseSchema, input, assignCase);
  if (result.ok) revalidatePath('/police', 'layout');
  return result;
}

export async function addCaseNoteAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runCaseAction(addCaseNoteSchema, input, addCaseNote);
  if (result.ok) revalidatePath('/police', 'layout');
  return result;
}

export async function findPossibleMatchesAction(input: unknown): Promise<ActionResult<PossibleMatch[]>> {
  return runCaseAction(possibleMatchSchema, input, findPossibleMatches);
}

export async function notifyEmbassyManuallyAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runCaseAction(manualNotificationSchema, input, notifyEmbassyManually);
  if (result.ok) revalidatePath('/police', 'layout');
  return result;
}

export async function recordConsentAction(input: unknown): Promise<ActionResult<void>> {
  const result = await runCaseAction(recordConsentSchema, input, recordConsent);
  if (result.ok) revalidatePath('/police', 'layout');
  return result;
}

export async function overrideDisclosureAction(input: unknown): Promise<ActionResult<void>> {
  const result = await runCaseAction(overrideDisclosureSchema, input, overrideDisclosure);
  if (result.ok) revalidatePath('/police', 'layout');
  return result;
}
