import { createApiDocument } from '@/lib/api/v1/openapi';

/** The contract, public like any API's reference: it describes the operations, never a record. */
export function GET(): Response {
  return Response.json(createApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
