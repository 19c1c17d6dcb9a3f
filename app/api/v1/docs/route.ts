import { renderApiDocs } from '@/lib/api/v1/docs';
import { createApiDocument } from '@/lib/api/v1/openapi';

/** The reference as a page, rendered here from the same document: nothing is fetched from anywhere at run time. */
export function GET(): Response {
  return new Response(renderApiDocs(createApiDocument()), {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Cache-Control': 'public, max-age=300' },
  });
}
