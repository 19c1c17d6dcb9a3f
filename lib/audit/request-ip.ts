import 'server-only';
import { headers } from 'next/headers';

/** The address a request came from, as the proxy in front of the app reports it; recordAudit keeps only valid ones. */
export async function requestIp(): Promise<string | null> {
  const requestHeaders = await headers();
  return requestHeaders.get('x-forwarded-for') ?? requestHeaders.get('x-real-ip');
}
