import 'server-only';
import type { z } from 'zod';
import { fieldErrorsOf, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/audit/request-ip';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/auth/permissions';
import { actorForAction, type PendingStep } from '@/lib/auth/action-gate';
import { logger } from '@/lib/logger';
import type { RequestMeta } from './commands';
import { AccountInputError } from './errors';

/**
 * An account action: validate with the form's schema, require a session, call one data-access function.
 * Refused while a setup step is pending unless the action is part of that step (`allowDuring`).
 */
export async function runAccountAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  perform: (actor: Actor, data: z.output<S>, meta: RequestMeta) => Promise<T>,
  options: { allowDuring?: readonly PendingStep[] } = {},
): Promise<ActionResult<T>> {
  const gate = await actorForAction(options);
  if (!gate.ok) return { ok: false, message: gate.message };
  const { actor } = gate;
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'errors.invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    return { ok: true, data: await perform(actor, parsed.data, { ipAddress: await requestIp() }) };
  } catch (error) {
    if (error instanceof AccountInputError) {
      const { _form: formErrors, ...fieldErrors } = error.fieldErrors;
      return { ok: false, message: formErrors?.[0] ?? 'errors.invalid', fieldErrors };
    }
    if (error instanceof NotFoundError) return { ok: false, message: 'errors.signedOut' };
    logger.error({ err: error, userId: actor.userId }, 'account action failed');
    return { ok: false, message: 'errors.unexpected' };
  }
}
