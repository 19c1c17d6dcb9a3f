import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // PGlite loads its WASM and extension bundles from node_modules at run time; postgres.js opens sockets.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', '@node-rs/argon2'],
  poweredByHeader: false,
  // Lets a second checkout-sharing process (a parallel test run) build without clobbering `.next`.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  typedRoutes: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
