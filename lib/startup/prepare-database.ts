import { count } from 'drizzle-orm';
import { getDatabaseHandle } from '@/db/client';
import { applyMigrations } from '@/db/migrate';
import { organisations } from '@/db/schema';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';
import { env } from '@/lib/env';

/**
 * The embedded database is the app's own: it is migrated at every start and gets the demo data on its
 * first run, so a new user needs nothing but `npm start`. A server database is migrated and seeded by
 * its operator (`npm run db:migrate`, `npm run db:seed`), never behind their back.
 */
export async function prepareEmbeddedDatabase(): Promise<void> {
  const handle = getDatabaseHandle();
  if (handle.driver !== 'pglite') return;
  await applyMigrations(handle);
  const [row] = await handle.db.select({ total: count() }).from(organisations);
  if ((row?.total ?? 0) === 0 && env().CASEBRIDGE_SEED_DEMO) {
    console.log('CaseBridge: first run on the embedded database, adding the demo data…');
    const started = Date.now();
    await seedDemoData(handle.db);
    console.log(`CaseBridge: demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
}
