import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { headers } from 'next/headers';

/** Where a request came from, as every audit entry of it records. */
export interface RequestContext {
  /** As the trusted proxy in front reports it (`X-Forwarded-For`, else `X-Real-IP`); recordAudit keeps only valid ones. */
  ipAddress: string | null;
  userAgent: string | null;
}

const activeRequest = new AsyncLocalStorage<RequestContext>();

/** The context of the request being handled, read from its headers. */
export async function readRequestContext(): Promise<RequestContext> {
  const requestHeaders = await headers();
  return {
    ipAddress: requestHeaders.get('x-forwarded-for') ?? requestHeaders.get('x-real-ip'),
    userAgent: requestHeaders.get('user-agent'),
  };
}

/**
 * Runs `fn` with `context` as the request every audit entry written inside it belongs to. The action runner
 * sets it once, so no command has to pass an address along, and none can forget to.
 */
export function withRequestContext<T>(context: RequestContext, fn: () => Promise<T>): Promise<T> {
  return activeRequest.run(context, fn);
}

export function activeRequestContext(): RequestContext | null {
  return activeRequest.getStore() ?? null;
}
