import 'server-only';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import { fieldErrorsOf } from '@/lib/action-result';
import { authenticateApiKey, type ApiKeyCaller } from '@/lib/api-keys/authenticate';
import { recordAudit } from '@/lib/audit/record-audit';
import { withRequestContext, type RequestContext } from '@/lib/audit/request-context';
import type { Actor } from '@/lib/auth/actor';
import { isDomainError } from '@/lib/domain-error';
import { logger } from '@/lib/logger';
import { apiOperations, type ApiOperation, type OperationId } from './contract';
import { completeIdempotencyKey, pruneIdempotencyRecords, releaseIdempotencyKey, requestHashOf, reserveIdempotencyKey, type StoredResponse } from './idempotency';
import { englishMessageOf, fieldProblemsOf, problemOf, problemResponse } from './problem';
import { consumeRateLimit, rateLimitHeaders } from './rate-limit';

type Operation<Id extends OperationId> = Extract<(typeof apiOperations)[number], { operationId: Id }>;
type Parsed<O, K extends string> = O extends Record<K, infer S extends z.ZodType> ? z.output<S> : undefined;

export interface OperationContext<Id extends OperationId> {
  request: Request;
  caller: ApiKeyCaller;
  actor: Actor;
  params: Parsed<Operation<Id>, 'params'>;
  query: Parsed<Operation<Id>, 'query'>;
  body: Parsed<Operation<Id>, 'body'>;
  /** The version in `If-Match`, for the operations that require it. */
  ifMatch: number | null;
  /** `https://host/api/v1`, for the links in `Link` and `Location`. */
  apiBaseUrl: string;
}

export interface OperationResult {
  body: unknown;
  headers?: Record<string, string>;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The one path of every /api/v1 handler, like runAction for the pages: authenticate the key (401), count it
 * against its rate limit (429), check the operation's scope (403), parse path, query and body with the
 * contract's schemas (400 with field errors), require `If-Match` (428) and `Idempotency-Key` where the contract
 * says, run the one data-access call as the key's actor inside the request's context, turn its DomainError into
 * a problem (invalid 400, conflict 409 or 412, not found 404), and audit the call with the key's name.
 */
export function apiRoute<const Id extends OperationId>(operationId: Id, perform: (context: OperationContext<Id>) => Promise<OperationResult>) {
  const operation = apiOperations.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`unknown operation ${operationId}`);
  return async function handle(request: Request, routeContext: RouteContext): Promise<Response> {
    const caller = await authenticateApiKey(request.headers.get('authorization'));
    if (!caller) return problemResponse(401, { detail: 'Send an active API key: Authorization: Bearer cbk_…', headers: { 'WWW-Authenticate': 'Bearer realm="casebridge"' } });
    const requestContext: RequestContext = {
      ipAddress: request.headers.get('x-forwarded-for') ?? request.headers.get('x-real-ip'),
      userAgent: request.headers.get('user-agent'),
    };
    const url = new URL(request.url);
    const audit = (status: number) =>
      recordAudit(getDb(), {
        actor: caller.actor,
        action: 'api.request',
        outcome: status < 400 ? 'success' : status === 403 || status === 429 ? 'denied' : 'failure',
        entityType: 'api_key',
        entityId: caller.keyId,
        request: requestContext,
        details: { keyName: caller.keyName, operationId, method: request.method, path: url.pathname, status },
      });

    const rate = await consumeRateLimit(caller.keyId);
    if (rate.isNewWindow) await pruneIdempotencyRecords(caller.keyId);
    const limitHeaders = rateLimitHeaders(rate);
    const finish = async (response: Response) => {
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      await audit(response.status);
      return response;
    };
    if (rate.isLimited) return finish(problemResponse(429, { headers: { 'Retry-After': String(rate.resetSeconds) } }));
    if (!caller.scopes.includes(operation.scope)) return finish(problemResponse(403, { detail: `This operation needs the scope ${operation.scope}.` }));

    const rawParams = await routeContext.params;
    const bodyText = operation.method === 'get' ? '' : await request.text();
    const parsed = parseInput(operation, rawParams, url.searchParams, bodyText);
    if (!parsed.ok) return finish(problemResponse(400, { errors: fieldProblemsOf(parsed.fieldErrors) }));

    let ifMatch: number | null = null;
    if ('requiresIfMatch' in operation && operation.requiresIfMatch) {
      const header = request.headers.get('if-match');
      if (!header) return finish(problemResponse(428, { detail: 'Send the case’s ETag in If-Match.' }));
      const version = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim())?.[1];
      if (!version) return finish(problemResponse(412, { detail: 'If-Match does not name a version of this case.' }));
      ifMatch = Number(version);
    }

    const idempotencyKey = operation.method === 'post' ? request.headers.get('idempotency-key') : null;
    if (operation.method === 'post') {
      if (!idempotencyKey || idempotencyKey.length > 255) {
        return finish(problemResponse(400, { errors: fieldProblemsOf({ 'Idempotency-Key': ['api.validation.idempotencyKeyRequired'] }) }));
      }
      const reservation = await reserveIdempotencyKey(caller.keyId, idempotencyKey, requestHashOf(request.method, url.pathname, bodyText));
      if (reservation.kind === 'replay') return finish(storedResponse(reservation.response, { 'Idempotent-Replayed': 'true' }));
      if (reservation.kind === 'in_progress') return finish(problemResponse(409, { detail: 'A request with this Idempotency-Key is still running.' }));
      if (reservation.kind === 'mismatch') return finish(problemResponse(422));
    }

    const apiBaseUrl = `${url.origin}/api/v1`;
    let response: StoredResponse;
    try {
      const result = await withRequestContext(requestContext, () =>
        perform({ request, caller, actor: caller.actor, params: parsed.params, query: parsed.query, body: parsed.body, ifMatch, apiBaseUrl } as OperationContext<Id>),
      );
      response = { status: operation.status, headers: { 'Content-Type': 'application/json', ...result.headers }, body: JSON.stringify(result.body) };
    } catch (error) {
      response = failureResponse(error, Boolean('requiresIfMatch' in operation && operation.requiresIfMatch), caller);
    }
    if (idempotencyKey) {
      if (response.status >= 500) await releaseIdempotencyKey(caller.keyId, idempotencyKey);
      else await completeIdempotencyKey(caller.keyId, idempotencyKey, response);
    }
    return finish(storedResponse(response));
  };
}

function storedResponse(response: StoredResponse, extraHeaders: Record<string, string> = {}): Response {
  return new Response(response.body, { status: response.status, headers: { ...response.headers, ...extraHeaders } });
}

function failureResponse(error: unknown, isConditional: boolean, caller: ApiKeyCaller): StoredResponse {
  if (isDomainError(error, 'invalid')) return problemOf(400, { errors: fieldProblemsOf(error.fieldErrors) });
  if (isDomainError(error, 'conflict')) return problemOf(isConditional ? 412 : 409, { detail: 'Someone saved first: read it again and retry.' });
  if (isDomainError(error, 'refused')) return problemOf(409, { detail: englishMessageOf(error.messageKey), errors: fieldProblemsOf(error.fieldErrors ?? {}) });
  if (isDomainError(error, 'not_found')) return problemOf(404);
  logger.error({ err: error, apiKeyId: caller.keyId }, 'API operation failed');
  return problemOf(500);
}

type ParsedInput = { ok: true; params: unknown; query: unknown; body: unknown } | { ok: false; fieldErrors: Record<string, string[]> };

/** Path, query and body through the contract's schemas; the field names of their errors say which part. */
function parseInput(operation: ApiOperation, rawParams: Record<string, string | string[]>, searchParams: URLSearchParams, bodyText: string): ParsedInput {
  const fieldErrors: Record<string, string[]> = {};
  const parsePart = (schema: z.ZodType | undefined, value: unknown, prefix: string) => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const [field, keys] of Object.entries(fieldErrorsOf(result.error))) fieldErrors[prefix ? `${prefix}.${field}` : field] = keys;
    return undefined;
  };
  const params = parsePart(operation.params, rawParams, 'path');
  const query = parsePart(operation.query, Object.fromEntries(searchParams), 'query');
  let body: unknown;
  if (operation.body) {
    let json: unknown;
    try {
      json = JSON.parse(bodyText);
    } catch {
      return { ok: false, fieldErrors: { _form: ['api.validation.bodyNotJson'] } };
    }
    body = parsePart(operation.body, json, '');
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, params, query, body };
}
