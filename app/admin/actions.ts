'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import {
  createOrganisation,
  createUserAccount,
  resetUserPassword,
  setOrganisationActive,
  setUserActive,
  unlockUser,
  updateOrganisation,
  updateUserAccount,
} from '@/lib/directory/commands';
import type { CreatedUserAccount } from '@/lib/directory/commands';
import { resetUserSecondFactor } from '@/lib/directory/commands';
import { runAdminAction } from '@/lib/directory/run-admin-action';
import { reissueInvitation, revokeInvitation, type IssuedInvitation } from '@/lib/invitations/commands';
import {
  createOrganisationSchema,
  createUserSchema,
  setOrganisationActiveSchema,
  setUserActiveSchema,
  updateOrganisationSchema,
  updateUserSchema,
  userVersionSchema,
} from '@/lib/directory/schemas';

/** Every admin write: parse with the form's schema, then one data-access function that checks the permission. */
async function afterWrite<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) revalidatePath('/admin', 'layout');
  return result;
}

export async function createOrganisationAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return afterWrite(await runAdminAction(createOrganisationSchema, input, createOrganisation));
}

export async function updateOrganisationAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterWrite(await runAdminAction(updateOrganisationSchema, input, updateOrganisation));
}

export async function setOrganisationActiveAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterWrite(await runAdminAction(setOrganisationActiveSchema, input, setOrganisationActive));
}

export async function createUserAction(input: unknown): Promise<ActionResult<CreatedUserAccount>> {
  return afterWrite(await runAdminAction(createUserSchema, input, createUserAccount));
}

export async function updateUserAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterWrite(await runAdminAction(updateUserSchema, input, updateUserAccount));
}

export async function setUserActiveAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterWrite(await runAdminAction(setUserActiveSchema, input, setUserActive));
}

export async function unlockUserAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterWrite(await runAdminAction(userVersionSchema, input, unlockUser));
}

export async function resetUserPasswordAction(input: unknown): Promise<ActionResult<{ version: number; oneTimePassword: string }>> {
  return afterWrite(await runAdminAction(userVersionSchema, input, resetUserPassword));
}

/** A new single-use invitation link for the account (any open one stops working), shown once. */
export async function reissueInvitationAction(input: unknown): Promise<ActionResult<IssuedInvitation & { version: number }>> {
  return afterWrite(await runAdminAction(userVersionSchema, input, reissueInvitation));
}

export async function revokeInvitationAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterWrite(await runAdminAction(userVersionSchema, input, revokeInvitation));
}

/** Removes a user's second factor (lost phone) and ends their sessions; they set it up again if required. */
export async function resetUserSecondFactorAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterWrite(await runAdminAction(userVersionSchema, input, resetUserSecondFactor));
}
