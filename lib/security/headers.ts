// No `import 'server-only'`: proxy.ts, next.config.ts and tests read these; there is no secret here.

/**
 * The Content-Security-Policy of every page, with this request's nonce (proxy.ts). Next.js reads the nonce
 * from the request's CSP header and puts it on its own scripts, so no script runs without it:
 *
 * - `script-src 'nonce-…' 'strict-dynamic'`: only scripts carrying the nonce, and what they load; no
 *   'unsafe-inline'. ('self' is ignored next to 'strict-dynamic' by CSP3 browsers, but keeps older ones working.)
 *   Development adds 'unsafe-eval', which React uses there to rebuild server error stacks; production never does.
 * - `style-src 'self' 'nonce-…'`: style sheets from the app and inline <style> elements Next.js marks with the
 *   nonce. `style-src-attr 'unsafe-inline'` allows style *attributes*, which a nonce cannot cover: recharts sizes
 *   and positions its SVG and tooltips with them, and React's `style` prop writes them (the chart containers).
 *   Style attributes can't run code; the risk left is CSS-based page defacement by injected markup, which React's
 *   escaping already prevents.
 * - `connect-src 'self'`: server actions, next-auth and the embassy inbox's server-sent events are same-origin.
 * - `frame-ancestors 'none'` (with X-Frame-Options DENY for old browsers): no page can be framed (clickjacking).
 * - `upgrade-insecure-requests` only behind HTTPS, where every subresource must be HTTPS too.
 */
export function contentSecurityPolicy({ nonce, isDevelopment, isHttps }: { nonce: string; isDevelopment: boolean; isHttps: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(isHttps ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** A fresh, unguessable nonce per request: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/** HSTS: two years, subdomains included. Sent only on HTTPS responses (browsers ignore it over HTTP anyway). */
export const strictTransportSecurity = 'max-age=63072000; includeSubDomains';

/**
 * Headers for every response, static files included (next.config.ts). Referrer-Policy stays `same-origin`,
 * stricter than `strict-origin-when-cross-origin` (nothing at all leaves for other sites; case and invitation
 * URLs never do). Not `no-referrer`: with it, browsers send `Origin: null` on same-origin POSTs, which Next.js
 * refuses for server actions.
 */
export const staticSecurityHeaders: readonly { key: string; value: string }[] = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=(), interest-cohort=()',
  },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  // Nothing of a police case system belongs in a search engine: not a page, not a file (app/robots.ts says so too).
  { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
];
