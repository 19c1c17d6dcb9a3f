// `npm run db:seed`: migrates DATABASE_URL (or the embedded database) and adds the demo data. Safe to run again.
import { embeddedDataDir, openPglite, openPostgres } from '@/db/client';
import { applyMigrations } from '@/db/migrate';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';
import { env } from '@/lib/env';

const url = env().DATABASE_URL;
const handle = url ? openPostgres(url, { max: 1 }) : openPglite(embeddedDataDir());
try {
  await applyMigrations(handle);
  const started = performance.now();
  const { inserted, seededCases } = await seedDemoData(handle.db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const added = Object.entries(inserted)
    .filter(([, count]) => count > 0)
    .map(([table, count]) => `${count} ${table}`);
  console.log(`Demo data (${handle.driver}, ${seconds} s): ${added.length > 0 ? `added ${added.join(', ')}` : 'nothing new to add'}.`);
  if (!seededCases) console.log('The database already had cases, so no demo cases were added.');
} finally {
  await handle.close();
}
