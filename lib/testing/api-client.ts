import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import createClient from 'openapi-fetch';
import type { paths } from '@/lib/api/v1/generated/openapi';
import { createApiDocument } from '@/lib/api/v1/openapi';

/**
 * Drives /api/v1 the way a partner does — the typed client generated from the OpenAPI document (openapi-fetch)
 * — without `next build` or a server: its `fetch` finds the route file under app/api/v1 whose path matches and
 * calls the exported method with the Request and the route's params, as Next.js would. Every answer is checked
 * against the document (status listed, content type, body schema), so a test fails when code and contract part.
 */
const apiRoot = path.resolve(process.cwd(), 'app/api/v1');
export const apiBaseUrl = 'http://casebridge.test/api/v1';

/** `/notifications/{id}` for every app/api/v1/**\/route.ts, with the file it is in. */
export function apiRouteFiles(): { openApiPath: string; file: string }[] {
  const found: { openApiPath: string; file: string }[] = [];
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const relative = path.relative(apiRoot, path.dirname(full)).split(path.sep).filter(Boolean);
        found.push({ openApiPath: `/${relative.map((part) => part.replace(/^\[(\w+)\]$/, '{$1}')).join('/')}`, file: full });
      }
    }
  };
  walk(apiRoot);
  return found;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

async function dispatch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const apiPath = url.pathname.replace(/^\/api\/v1/, '') || '/';
  for (const route of apiRouteFiles()) {
    const names: string[] = [];
    const pattern = new RegExp(`^${route.openApiPath.replace(/\{(\w+)\}/g, (_match, name: string) => (names.push(name), '([^/]+)'))}$`);
    const match = pattern.exec(apiPath);
    if (!match) continue;
    const routeModule = (await import(/* @vite-ignore */ route.file)) as Record<string, Handler | undefined>;
    const handler = routeModule[request.method];
    if (!handler) return new Response(null, { status: 405 });
    const params = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
    return handler(request, { params: Promise.resolve(params) });
  }
  return new Response(null, { status: 404 });
}

const document = createApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The document's own `#/components/…` references resolve against it, registered under one id.
ajv.addSchema(JSON.parse(JSON.stringify({ $id: 'openapi', components: document.components }).replaceAll('"#/components/', '"openapi#/components/')) as object);

/** Throws unless the answer is one the document describes for this operation. */
export async function assertMatchesDocument(request: Request, response: Response): Promise<void> {
  const apiPath = new URL(request.url).pathname.replace(/^\/api\/v1/, '');
  const template = Object.keys(document.paths ?? {}).find((candidate) => new RegExp(`^${candidate.replace(/\{\w+\}/g, '[^/]+')}$`).test(apiPath));
  const operation = template ? (document.paths?.[template] as Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>)[request.method.toLowerCase()] : undefined;
  const label = `${request.method} ${apiPath} → ${response.status}`;
  if (!operation) throw new Error(`${label}: not in the OpenAPI document`);
  const described = operation.responses[String(response.status)];
  if (!described) throw new Error(`${label}: status not in the document`);
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0] ?? '';
  const schema = described.content?.[contentType]?.schema;
  if (!schema) throw new Error(`${label}: content type ${contentType || '(none)'} not in the document`);
  const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')) as object);
  const body: unknown = await response.clone().json();
  if (!validate(body)) throw new Error(`${label}: body does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
}

/** A raw request through the route handlers, its answer checked against the document: for tests that loop over operations. */
export async function apiFetch(request: Request): Promise<Response> {
  const response = await dispatch(request.clone());
  await assertMatchesDocument(request, response);
  return response;
}

/** The typed client with this key, every answer checked against the document. */
export function createApiClient(token: string | null) {
  return createClient<paths>({
    baseUrl: apiBaseUrl,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    fetch: apiFetch,
  });
}
