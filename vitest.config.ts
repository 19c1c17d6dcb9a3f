import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests call the data layer directly.
      'server-only': path.resolve(import.meta.dirname, 'lib/testing/empty-module.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'demo-data/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts', 'components/**/*.test.ts', 'app/**/*.test.ts'],
    globalSetup: ['lib/testing/global-setup.ts'],
    // Authenticator secrets are encrypted with a key derived from it (lib/auth/totp-secret-box.ts).
    env: { NEXTAUTH_SECRET: 'vitest-only-secret-not-for-production-use' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite runs in-process; two workers on two cores keep memory and CPU in bounds.
    maxWorkers: 2,
  },
});
