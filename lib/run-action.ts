import 'server-only';
import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import type { z } from 'zod';
import { fieldErrorsOf, type ActionFailure, type ActionResult } from '@/lib/action-result';
import { readRequestContext, withRequestContext } from '@/lib/audit/request-context';
import type { Actor } from '@/lib/auth/actor';
import { actorForAction, pendingStepOf, type PendingStep } from '@/lib/auth/action-gate';
import { can, type Permission } from '@/lib/auth/permissions';
import { getActor } from '@/lib/auth/session';
import { isDomainError } from '@/lib/domain-error';
import { logger } from '@/lib/logger';

/**
 * The one path of every server action and route handler: parse the input with the form's schema, load the
 * actor, stop at a pending set-up step, call one data-access function inside the request's context (so every
 * audit entry it writes carries the client's address and user agent), and turn its DomainError into a typed
 * result. Nothing is thrown to the client: bad input never becomes a 500.
 */
export interface ActionOptions {
  /** Set-up steps this action belongs to, during which it still runs (lib/auth/action-gate.ts). */
  allowDuring?: readonly PendingStep[];
  /** What "not found" says in this area: an admin looks for an account, an officer for a case. */
  notFoundMessage?: string;
  /** The areas (layouts) whose pages show what the action changed: refreshed after it succeeds. */
  revalidate?: readonly AreaPath[];
}

/** The areas of the app, each one layout: a write that shows in an area refreshes all of its pages. */
export type AreaPath = '/police' | '/embassy' | '/admin' | '/account' | '/organisation';

export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  perform: (actor: Actor, data: z.output<S>) => Promise<T>,
  options: ActionOptions = {},
): Promise<ActionResult<T>> {
  const gate = await actorForAction(options);
  if (!gate.ok) return { ok: false, kind: 'refused', message: gate.message };
  const { actor } = gate;
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const data = await withRequestContext(await readRequestContext(), () => perform(actor, parsed.data));
    for (const area of options.revalidate ?? []) revalidatePath(area, 'layout');
    return { ok: true, data };
  } catch (error) {
    return failureOf(error, options, { userId: actor.userId });
  }
}

/** An action open without a session (the invitation link's token is its credential); the same path otherwise. */
export async function runPublicAction<S extends z.ZodType, T>(schema: S, input: unknown, perform: (data: z.output<S>) => Promise<T>): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return { ok: true, data: await withRequestContext(await readRequestContext(), () => perform(parsed.data)) };
  } catch (error) {
    return failureOf(error, {}, {});
  }
}

export interface RouteOptions {
  /** Who may call the route at all; everyone else, and a pending set-up step, gets "not found". */
  permission: Permission;
  /** Without a session: "not found" (the default, for streams and downloads) or the sign-in page. */
  whenSignedOut?: 'not_found' | 'sign_in';
}

/**
 * A route handler on the same path: the query string is the input. Refusals become statuses: invalid 400 (with
 * the field errors), conflict 409, not found and refused 404 — a route a role may not use does not exist for it.
 */
export async function runRoute<S extends z.ZodType>(
  request: Request,
  schema: S,
  perform: (actor: Actor, data: z.output<S>) => Promise<Response>,
  options: RouteOptions,
): Promise<Response> {
  const actor = await getActor();
  if (!actor && options.whenSignedOut === 'sign_in') redirect('/sign-in');
  if (!actor || pendingStepOf(actor) || !can(actor, options.permission)) return notFoundResponse();
  const query = queryInputOf(request, schema);
  if (!query.ok) return Response.json(query.failure, { status: 400 });
  try {
    return await withRequestContext(await readRequestContext(), () => perform(actor, query.data));
  } catch (error) {
    const failure = failureOf(error, {}, { userId: actor.userId });
    const status = statusOf(failure);
    return status === 404 ? notFoundResponse() : Response.json(failure, { status });
  }
}

/**
 * A route handler open without a session (a signed link is its credential): the query string is the input, as in
 * runRoute. A refusal is answered by `respondToFailure` when given (a page or text for whoever follows the link),
 * otherwise as runRoute answers it.
 */
export async function runPublicRoute<S extends z.ZodType>(
  request: Request,
  schema: S,
  perform: (data: z.output<S>) => Promise<Response>,
  options: { respondToFailure?: (failure: ActionFailure, status: number) => Response } = {},
): Promise<Response> {
  const respond = options.respondToFailure ?? ((failure: ActionFailure, status: number) => (status === 404 ? notFoundResponse() : Response.json(failure, { status })));
  const query = queryInputOf(request, schema);
  if (!query.ok) return respond(query.failure, 400);
  try {
    return await withRequestContext(await readRequestContext(), () => perform(query.data));
  } catch (error) {
    const failure = failureOf(error, {}, {});
    return respond(failure, statusOf(failure));
  }
}

function statusOf(failure: ActionFailure): number {
  switch (failure.kind) {
    case 'invalid':
      return 400;
    case 'conflict':
      return 409;
    case 'not_found':
    case 'refused':
      return 404;
    case 'unexpected':
      return 500;
  }
}

function notFoundResponse(): Response {
  return new Response('Not found', { status: 404 });
}

const controlCharacters = /[\u0000-\u001f\u007f]/;

/**
 * A route's query string as its schema's input. A route answers a file or data, not a page that can show a note,
 * so a parameter it cannot use is refused (400, naming the field) rather than dropped: a value with control
 * characters, which the database would refuse, as much as one the schema does not accept.
 */
function queryInputOf<S extends z.ZodType>(request: Request, schema: S): { ok: true; data: z.output<S> } | { ok: false; failure: ActionFailure } {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const unclean = Object.keys(params).filter((name) => controlCharacters.test(params[name] ?? ''));
  if (unclean.length > 0) {
    return { ok: false, failure: { ok: false, kind: 'invalid', message: 'errors.invalid', fieldErrors: Object.fromEntries(unclean.map((name) => [name, ['validation.controlCharacters']])) } };
  }
  const parsed = schema.safeParse(params);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, failure: invalidInput(parsed.error) };
}

function invalidInput(error: z.ZodError): ActionFailure {
  return { ok: false, kind: 'invalid', message: 'errors.invalid', fieldErrors: fieldErrorsOf(error) };
}

function failureOf(error: unknown, options: ActionOptions, logContext: Record<string, unknown>): ActionFailure {
  if (!isDomainError(error)) {
    logger.error({ err: error, ...logContext }, 'action failed');
    return { ok: false, kind: 'unexpected', message: 'errors.unexpected' };
  }
  switch (error.kind) {
    case 'not_found':
      return { ok: false, kind: 'not_found', message: options.notFoundMessage ?? 'errors.notFound' };
    case 'conflict':
      return {
        ok: false,
        kind: 'conflict',
        message: error.messageKey,
        conflict: { changedBy: error.conflict?.changedBy ?? null, changedAt: (error.conflict?.changedAt ?? new Date()).toISOString() },
      };
    case 'invalid':
    case 'refused': {
      // A message for the whole form may travel as the `_form` field error of a rule that checks several fields.
      const { _form: formErrors, ...fieldErrors } = error.fieldErrors;
      return {
        ok: false,
        kind: error.kind,
        message: formErrors?.[0] ?? error.messageKey,
        ...(Object.keys(fieldErrors).length > 0 ? { fieldErrors } : {}),
      };
    }
  }
}

/**
 * For pages: the read, or Next's 404 page when the record is outside the actor's scope (or absent). Anything
 * else is a real failure and reaches the error boundary.
 */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (isDomainError(error, 'not_found')) notFound();
    throw error;
  }
}
