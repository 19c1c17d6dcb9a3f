export const dynamic = 'force-dynamic';

/** Liveness only: touches no database, so benchmarks can use it as the server's floor. */
export function GET() {
  return Response.json({ status: 'ok' });
}
