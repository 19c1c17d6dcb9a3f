// Run by scripts/run-app.mjs before Next.js builds or starts. It checks the configuration first, so a wrong
// variable stops `npm start` with a message naming it. The embedded database is the app's own: it is migrated
// at every start and gets the demo data on its first run, so a new user needs nothing but `npm start`. A server
// database (DATABASE_URL) is migrated and seeded by its operator (`npm run db:migrate`, `npm run db:seed`),
// never behind their back. This runs in its own process, so the app never bundles the demo-data generators;
// it closes the database before exiting because PGlite allows one process per data directory.
import { count } from 'drizzle-orm';
import { embeddedDataDir, openPglite } from '@/db/client';
import { applyMigrations } from '@/db/migrate';
import { organisations } from '@/db/schema';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';
import { ConfigurationError, env } from '@/lib/env';

let config;
try {
  config = env();
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  console.error(error.message);
  process.exit(1);
}

if (!config.DATABASE_URL) {
  const handle = openPglite(embeddedDataDir());
  try {
    await applyMigrations(handle);
    const [row] = await handle.db.select({ total: count() }).from(organisations);
    if ((row?.total ?? 0) === 0 && config.CASEBRIDGE_SEED_DEMO) {
      console.log('CaseBridge: first run on the embedded database, adding the demo data…');
      const started = Date.now();
      await seedDemoData(handle.db);
      console.log(`CaseBridge: demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    }
  } finally {
    await handle.close();
  }
}
