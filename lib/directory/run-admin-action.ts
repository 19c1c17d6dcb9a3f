import 'server-only';
import type { z } from 'zod';
import { fieldErrorsOf, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/audit/request-ip';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/auth/permissions';
import { actorForAction } from '@/lib/auth/action-gate';
import { logger } from '@/lib/logger';
import type { RequestMeta } from './commands';
import { DirectoryConflictError, DirectoryInputError } from './errors';

/**
 * The one way an admin server action runs: validate with the form's schema (nothing is written on bad input),
 * require a session, call one data-access function (which checks the permission), and turn every refusal
 * into a result the form can show. Nothing is thrown to the client.
 */
export async function runAdminAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  perform: (actor: Actor, data: z.output<S>, meta: RequestMeta) => Promise<T>,
): Promise<ActionResult<T>> {
  // A one-time password allows nothing but choosing one's own password, not even an admin's work.
  const gate = await actorForAction();
  if (!gate.ok) return { ok: false, message: gate.message };
  const { actor } = gate;
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'errors.invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    return { ok: true, data: await perform(actor, parsed.data, { ipAddress: await requestIp() }) };
  } catch (error) {
    if (error instanceof NotFoundError) return { ok: false, message: 'admin.errors.notFound' };
    if (error instanceof DirectoryInputError) {
      const { _form: formErrors, ...fieldErrors } = error.fieldErrors;
      return { ok: false, message: formErrors?.[0] ?? 'errors.invalid', fieldErrors };
    }
    if (error instanceof DirectoryConflictError) {
      return { ok: false, message: 'admin.errors.conflict', values: { time: error.changedAt.toISOString(), conflict: 'true' } };
    }
    logger.error({ err: error, userId: actor.userId }, 'admin action failed');
    return { ok: false, message: 'errors.unexpected' };
  }
}
