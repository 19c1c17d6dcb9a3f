'use server';

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
const adminOptions = { notFoundMessage: 'admin.errors.notFound', revalidate: ['/admin'] } as const;

export async function createOrganisationAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(createOrganisationSchema, input, createOrganisation, adminOptions);
}

export async function updateOrganisationAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(updateOrganisationSchema, input, updateOrganisation, adminOptions);
}

export async function setOrganisationActiveAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(setOrganisationActiveSchema, input, setOrganisationActive, adminOptions);
}

export async function createUserAction(input: unknown): Promise<ActionResult<CreatedUserAccount>> {
  return runAction(createUserSchema, input, createUserAccount, adminOptions);
}

export async function updateUserAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(updateUserSchema, input, updateUserAccount, adminOptions);
}

export async function setUserActiveAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(setUserActiveSchema, input, setUserActive, adminOptions);
}

export async function unlockUserAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(userVersionSchema, input, unlockUser, adminOptions);
}

export async function resetUserPasswordAction(input: unknown): Promise<ActionResult<{ version: number; oneTimePassword: string }>> {
  return runAction(userVersionSchema, input, resetUserPassword, adminOptions);
}

/** Removes a user's second factor (lost phone) and ends their sessions; they set it up again if required. */
export async function resetUserSecondFactorAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(userVersionSchema, input, resetUserSecondFactor, adminOptions);
}
