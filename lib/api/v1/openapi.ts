import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { z } from 'zod';
import { webhookEventTypes, webhookPayloadSchema } from '@/lib/webhooks/events';
import { apiOperations, problemSchema, type ApiOperation } from './contract';

/** Headers every answer may carry; described once so each operation lists them. */
const rateLimitHeaders = z.object({
  'RateLimit-Policy': z.string().meta({ description: 'The key’s limit: `<requests>;w=<seconds>`.' }),
  RateLimit: z.string().meta({ description: '`limit=<n>, remaining=<n>, reset=<seconds>` for the current window.' }),
});

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

function operationObject(operation: ApiOperation): ZodOpenApiOperationObject {
  const headers = z.object({
    ...rateLimitHeaders.shape,
    ...(operation.hasEtag ? { ETag: z.string().meta({ description: 'The record’s version, quoted.' }) } : {}),
    ...(operation.isPaged ? { Link: z.string().meta({ description: '`<url>; rel="next"` while there are more pages.' }) } : {}),
    ...(operation.status === 201 ? { Location: z.string().meta({ description: 'The new record.' }) } : {}),
  });
  const requestHeaders =
    operation.method === 'post'
      ? z.object({ 'Idempotency-Key': z.string().min(1).max(255).meta({ description: 'Required: a retry with the same key returns the first answer and does nothing twice.' }) })
      : operation.requiresIfMatch
        ? z.object({ 'If-Match': z.string().meta({ description: 'Required: the `ETag` the change is based on; a stale one gets 412.' }) })
        : undefined;
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    tags: [operation.path.split('/')[1] ?? ''],
    security: [{ apiKey: [operation.scope] }],
    description: `Scope: \`${operation.scope}\`.`,
    requestParams: {
      ...(operation.params ? { path: operation.params } : {}),
      ...(operation.query ? { query: operation.query } : {}),
      ...(requestHeaders ? { header: requestHeaders } : {}),
    },
    ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: operation.body } } } } : {}),
    responses: {
      [String(operation.status)]: { description: operation.status === 201 ? 'Created.' : 'OK.', headers, content: { 'application/json': { schema: operation.response } } },
      '400': problem('The request does not parse: the field errors say which field and why.'),
      '401': problem('No key, or one that is unknown, revoked or expired.'),
      '403': problem('The key lacks the scope of this operation.'),
      '404': problem('Not found, or not the key’s to see: another embassy’s or province’s records do not exist for it.'),
      ...(operation.method === 'post' ? { '409': problem('Someone saved first, or a request with this Idempotency-Key is still running.'), '422': problem('This Idempotency-Key was used with another request.') } : {}),
      ...(operation.requiresIfMatch ? { '412': problem('The case changed since the version in If-Match.'), '428': problem('If-Match is missing.') } : {}),
      '429': problem('Too many requests for this key: wait for `Retry-After` seconds.'),
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the contract's zod schemas (served at /api/v1/openapi.json). */
/** The events an organisation's registered endpoints receive (lib/webhooks), signed per Standard Webhooks. */
function webhookDocuments(): Record<string, { post: ZodOpenApiOperationObject }> {
  const signatureHeaders = z.object({
    'webhook-id': z.string().meta({ description: 'The event’s id: the same on every retry and redelivery.' }),
    'webhook-timestamp': z.string().meta({ description: 'Seconds since 1970 when this attempt was signed.' }),
    'webhook-signature': z.string().meta({ description: '`v1,<base64 HMAC-SHA256>`, space-separated during a secret rotation.' }),
  });
  return Object.fromEntries(
    webhookEventTypes.map((type) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace('.', '_')}`,
          summary: `The ${type} event`,
          requestParams: { header: signatureHeaders },
          requestBody: { content: { 'application/json': { schema: webhookPayloadSchema } } },
          responses: { '204': { description: 'Any 2xx within 10 seconds acknowledges it; anything else is retried for 24 hours.' } },
        },
      },
    ]),
  );
}

export function createApiDocument(serverUrl = '/api/v1'): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of apiOperations) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(operation) };
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'CaseBridge partner API',
        version: '1.0.0',
        description:
          'For the systems of embassies, police forces, governors’ offices and the ministry. Authenticate with an organisation’s API key: `Authorization: Bearer cbk_…`. A key acts as its organisation’s ordinary role and within its scopes; records outside its reach are “not found”. Errors are RFC 9457 problem details.',
      },
      servers: [{ url: serverUrl }],
      paths,
      webhooks: webhookDocuments(),
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An organisation’s API key, created by its administrator.' } },
      },
    },
    { reused: 'ref' },
  );
}
