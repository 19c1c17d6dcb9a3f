/**
 * Runs once when the server starts, before it answers requests: the job workers (outbox relay, e-mail) work in the
 * app's own process (unless CASEBRIDGE_WORKERS=false), which on the embedded database is the only one that may open it. NEXT_RUNTIME and NEXT_PHASE
 * are Next.js's own, read here before any app code (README, "Configuration in one module").
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { env } = await import('./lib/env');
  if (!env().CASEBRIDGE_WORKERS) return;
  const { startAppWorkers } = await import('./lib/jobs/app-workers');
  await startAppWorkers();
}
