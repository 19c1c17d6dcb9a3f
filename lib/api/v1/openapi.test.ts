import fs from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { apiBaseUrl, apiRouteFiles, assertMatchesDocument } from '@/lib/testing/api-client';
import { clientTypesFile, renderClientTypes } from './client-types';
import { renderApiDocs } from './docs';
import { createApiDocument } from './openapi';

const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Routes under app/api/v1 that serve the contract itself rather than being part of it. */
const documentationRoutes = ['/openapi.json', '/docs'];

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(createApiDocument() as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes exactly the route handlers under app/api/v1, method for method', () => {
    const document = createApiDocument();
    const documented = Object.entries(document.paths ?? {})
      .flatMap(([route, item]) => httpMethods.filter((method) => item && method.toLowerCase() in item).map((method) => `${method} ${route}`))
      .sort();
    const onDisk = apiRouteFiles()
      .filter((route) => !documentationRoutes.includes(route.openApiPath))
      .flatMap((route) => {
        const source = fs.readFileSync(route.file, 'utf8');
        return httpMethods.filter((method) => new RegExp(`export (const|async function|function) ${method}\\b`).test(source)).map((method) => `${method} ${route.openApiPath}`);
      })
      .sort();
    expect(onDisk, 'route handlers in app/api/v1 vs paths in the OpenAPI document').toEqual(documented);
    expect(apiRouteFiles().map((route) => route.openApiPath)).toEqual(expect.arrayContaining(documentationRoutes));
  });

  it('has its committed client types up to date (npm run api:types)', async () => {
    const committed = fs.readFileSync(path.resolve(process.cwd(), clientTypesFile), 'utf8');
    expect(committed === (await renderClientTypes()), `${clientTypesFile} is stale: run npm run api:types`).toBe(true);
  });

  it('renders as a self-contained page naming every operation', () => {
    const document = createApiDocument();
    const page = renderApiDocs(document);
    for (const item of Object.values(document.paths ?? {})) {
      for (const operation of Object.values(item ?? {})) {
        const operationId = (operation as { operationId?: string }).operationId;
        if (operationId) expect(page).toContain(`id="${operationId}"`);
      }
    }
    expect(page).not.toMatch(/<script|https?:\/\/(?!casebridge)/);
  });

  it('is what the API tests hold answers to: an answer it does not describe fails', async () => {
    const request = new Request(`${apiBaseUrl}/notifications/00000000-0000-4000-8000-000000000000`);
    await expect(assertMatchesDocument(request, Response.json({ id: 'not a uuid' }))).rejects.toThrow(/does not match/);
    await expect(assertMatchesDocument(request, new Response('x', { status: 418 }))).rejects.toThrow(/status not in the document/);
    await expect(assertMatchesDocument(new Request(`${apiBaseUrl}/unknown`), Response.json({}))).rejects.toThrow(/not in the OpenAPI document/);
  });
});
