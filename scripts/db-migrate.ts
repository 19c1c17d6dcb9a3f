// `npm run db:migrate`: applies the checked-in migrations to DATABASE_URL, or to the embedded database.
import { closeDatabase, getDatabaseHandle } from '@/db/client';
import { applyMigrations } from '@/db/migrate';

const handle = getDatabaseHandle();
await applyMigrations(handle);
console.log(`Migrations applied (${handle.driver}).`);
await closeDatabase();
