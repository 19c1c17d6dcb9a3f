import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { staticSecurityHeaders, strictTransportSecurity } from './lib/security/headers';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // PGlite loads its WASM and extension bundles from node_modules at run time; postgres.js, pg-boss (pg) and nodemailer open sockets.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', '@node-rs/argon2', 'pg-boss', 'nodemailer'],
  poweredByHeader: false,
  // Lets a second checkout-sharing process (a parallel test run) build without clobbering `.next`. Read here,
  // not through lib/env.ts: Next.js loads this file before the app, and the build must not need run-time settings.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  typedRoutes: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [...staticSecurityHeaders],
      },
      // HTTPS is terminated by the proxy in front, which says so in X-Forwarded-Proto (README "Security headers").
      { source: '/:path*', has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }], headers: [{ key: 'Strict-Transport-Security', value: strictTransportSecurity }] },
    ];
  },
};

export default withNextIntl(nextConfig);
