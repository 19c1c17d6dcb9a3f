import 'server-only';
import type { z } from 'zod';
import { fieldErrorsOf, type ActionResult } from '@/lib/action-result';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/auth/permissions';
import { actorForAction } from '@/lib/auth/action-gate';
import { logger } from '@/lib/logger';
import { RefusedError } from '@/lib/refused-error';
import { CaseConflictError, CaseInputError, CaseTransitionError } from './errors';

/**
 * The one way a case server action runs: validate with the form's schema, require a session, call one
 * data-access function, and turn every refusal into a result the form can show. Nothing is thrown to the
 * client, so bad input never becomes a 500.
 */
export async function runCaseAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  perform: (actor: Actor, data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const gate = await actorForAction();
  if (!gate.ok) return { ok: false, message: gate.message };
  const { actor } = gate;
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'errors.invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    return { ok: true, data: await perform(actor, parsed.data) };
  } catch (error) {
    if (error instanceof NotFoundError) return { ok: false, message: 'errors.notFound' };
    if (error instanceof RefusedError) return { ok: false, message: error.messageKey, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
    if (error instanceof CaseInputError) return { ok: false, message: 'errors.invalid', fieldErrors: error.fieldErrors };
    if (error instanceof CaseTransitionError) {
      return error.reason === 'reason_required'
        ? { ok: false, message: 'errors.invalid', fieldErrors: { closureReason: ['cases.validation.closureReasonNeeded'] } }
        : { ok: false, message: 'errors.notFound' };
    }
    if (error instanceof CaseConflictError) {
      return {
        ok: false,
        message: error.changedBy ? 'cases.conflict.body' : 'cases.conflict.bodyUnknown',
        values: { name: error.changedBy ?? '', time: error.changedAt.toISOString(), conflict: 'true' },
      };
    }
    logger.error({ err: error, userId: actor.userId }, 'case action failed');
    return { ok: false, message: 'errors.unexpected' };
  }
}
