'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import {
  createOrganisation,
  createUserAccount,
  resetUserPassword,
  resetUserSecondFactor,
  setOrganisationActive,
  setUserActive,
  unlockUser,
  updateOrganisation,
  updateUserAccount,
  type CreatedUserAccount,
} from './commands';
import {
  createOrganisationSchema,
  createUserSchema,
  setOrganisationActiveSchema,
  setUserActiveSchema,
  updateOrganisationSchema,
  updateUserSchema,
  userVersionSchema,
} from './schemas';

// An admin looks for an organisation or an account, not a case.
const adminOptions = { notFoundMessage: 'admin.errors.notFound' } as const;

function afterAdminWrite<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath('/admin', 'layout');
  return result;
}

export async function createOrganisationAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return afterAdminWrite(await runAction(createOrganisationSchema, input, createOrganisation, adminOptions));
}

export async function updateOrganisationAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterAdminWrite(await runAction(updateOrganisationSchema, input, updateOrganisation, adminOptions));
}

export async function setOrganisationActiveAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterAdminWrite(await runAction(setOrganisationActiveSchema, input, setOrganisationActive, adminOptions));
}

export async function createUserAction(input: unknown): Promise<ActionResult<CreatedUserAccount>> {
  return afterAdminWrite(await runAction(createUserSchema, input, createUserAccount, adminOptions));
}

export async function updateUserAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterAdminWrite(await runAction(updateUserSchema, input, updateUserAccount, adminOptions));
}

export async function setUserActiveAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterAdminWrite(await runAction(setUserActiveSchema, input, setUserActive, adminOptions));
}

export async function unlockUserAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterAdminWrite(await runAction(userVersionSchema, input, unlockUser, adminOptions));
}

export async function resetUserPasswordAction(input: unknown): Promise<ActionResult<{ version: number; oneTimePassword: string }>> {
  return afterAdminWrite(await runAction(userVersionSchema, input, resetUserPassword, adminOptions));
}

/** Removes a user's second factor (lost phone) and ends their sessions; they set it up again if required. */
export async function resetUserSecondFactorAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return afterAdminWrite(await runAction(userVersionSchema, input, resetUserSecondFactor, adminOptions));
}
