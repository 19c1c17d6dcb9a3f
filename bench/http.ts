import { createRequire } from 'node:module';
import os from 'node:os';

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}
type Autocannon = (
  options: { url: string; connections: number; duration: number; timeout: number; headers?: Record<string, string> },
  callback: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface HttpResult {
  name: string;
  path: string;
  /** Clients at once: 1 is what one user waits, 20 what two cores give twenty users. */
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Load average when the run ended: the machine is shared. */
  loadAverage: string;
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
}

/** Signs in through next-auth's credentials endpoint (as the e2e fixture does) and returns the Cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(new URL('/api/auth/csrf', baseUrl));
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookies = cookiesOf(csrfResponse);
  const response = await fetch(new URL('/api/auth/callback/credentials', baseUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = cookiesOf(response).find((cookie) => cookie.includes('session-token='));
  if (!session) throw new Error(`Sign-in of ${email} failed (HTTP ${response.status}): is the server running on ${baseUrl} against the loaded database?`);
  return [...csrfCookies, session].join('; ');
}

/**
 * `connections` clients requesting one URL back to back for `seconds`; p95 computed from every response's latency. A request may take
 * up to 60 s (autocannon's default of 10 s would count slow pages as errors instead of measuring them).
 */
export async function hammer(name: string, baseUrl: string, path: string, cookie: string | null, seconds: number, connections = 20): Promise<HttpResult> {
  // A first request checks that the page answers (not a redirect to sign-in) and warms the route up.
  const check = await fetch(new URL(path, baseUrl), { redirect: 'manual', headers: cookie ? { cookie } : {} });
  if (check.status !== 200) throw new Error(`GET ${path} answered ${check.status}, not 200`);
  await check.text();
  const latencies: number[] = [];
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon({ url: new URL(path, baseUrl).toString(), connections, duration: seconds, timeout: 60, headers: cookie ? { cookie } : {} }, (error, outcome) =>
      error ? reject(error) : resolve(outcome),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  return {
    name,
    path,
    connections,
    requestsPerSecond: result.requests.average,
    p50Ms: at(50),
    p95Ms: at(95),
    p99Ms: at(99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    loadAverage: os.loadavg().map((value) => value.toFixed(1)).join(' '),
  };
}
