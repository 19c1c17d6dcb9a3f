import { NextResponse, type NextRequest } from 'next/server';
import { requestPathHeader } from '@/lib/auth/return-path';
import { env } from '@/lib/env';
import { contentSecurityPolicy, newNonce } from '@/lib/security/headers';

/**
 * Runs before every request except static files: gives each response its Content-Security-Policy with a
 * fresh nonce (Next.js reads it from the request header and puts it on its scripts — every page is rendered
 * per request, see README "Security headers"). The headers that need no nonce, HSTS included, come from
 * next.config.ts so static files get them too. It never authorizes: that happens in lib/ on every page,
 * action and route.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  // Behind the TLS-terminating proxy the app sees HTTP; the proxy reports the original scheme.
  const isHttps = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  const policy = contentSecurityPolicy({ nonce, isDevelopment: env().NODE_ENV === 'development', isHttps });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // Where the request was going, for a signed-out visitor's way back after signing in (lib/auth/session.ts);
  // set here, over anything the client sent under that name.
  requestHeaders.set(requestPathHeader, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  // Static files need no nonce; their other security headers come from next.config.ts.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
