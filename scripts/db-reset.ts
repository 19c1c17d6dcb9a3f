// `npm run db:reset`: drops every CaseBridge table and applies the migrations again. Asks for --yes.
import { sql } from 'drizzle-orm';
import { closeDatabase, getDatabaseHandle } from '@/db/client';
import { applyMigrations } from '@/db/migrate';
import { seedDemoData } from '@/demo-data/seed/seed-demo-data';

if (!process.argv.includes('--yes')) {
  console.error('This deletes all data in the database. Run again with: npm run db:reset -- --yes [--seed]');
  process.exit(2);
}
const handle = getDatabaseHandle();
await handle.db.execute(sql`drop schema if exists public cascade`);
await handle.db.execute(sql`drop schema if exists drizzle cascade`);
await handle.db.execute(sql`create schema public`);
await applyMigrations(handle);
console.log(`Database reset (${handle.driver}).`);
if (process.argv.includes('--seed')) {
  await seedDemoData(handle.db);
  console.log('Demo data added.');
}
await closeDatabase();
