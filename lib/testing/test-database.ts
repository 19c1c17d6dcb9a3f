import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { closeDatabase, openPostgres, pgliteExtensions, setDatabaseHandle, type DatabaseHandle } from '@/db/client';
import { env } from '@/lib/env';
import { stopWorkers } from '@/lib/jobs/jobs';

/**
 * Where this run's migrated PGlite template lives: named per run (global setup sets it before the workers start),
 * so that two test runs in one checkout never read or delete each other's.
 */
export function pgliteTemplatePath(): string {
  // The harness's own variable, set by global-setup for the workers it starts; not app configuration.
  return process.env.CASEBRIDGE_TEST_TEMPLATE ?? path.resolve(process.cwd(), `.data/test-template-${process.pid}.tar`);
}

/** The server's maintenance database, for creating and dropping the per-file databases. */
export function maintenanceUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  return url.toString();
}

export function serverTemplateName(serverUrl: string): string {
  const base = new URL(serverUrl).pathname.slice(1) || 'postgres';
  return `${base}_tpl`;
}

/** A fresh, migrated database: PostgreSQL when DATABASE_URL is set, in-memory PGlite otherwise. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = env().DATABASE_URL;
  if (serverUrl) {
    const template = serverTemplateName(serverUrl);
    const name = `${template.replace(/_tpl$/, '')}_t_${randomBytes(4).toString('hex')}`;
    const admin = postgres(maintenanceUrl(serverUrl), { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return openPostgres(url.toString(), { max: 5 });
  }
  const dump = new Blob([fs.readFileSync(pgliteTemplatePath())]);
  const client = await PGlite.create({ loadDataDir: dump, extensions: pgliteExtensions });
  return { db: drizzle(client), driver: 'pglite', serverUrl: null, listen: (channel, onPayload) => client.listen(channel, onPayload), close: () => client.close() };
}

/** Gives the test file its own database and makes it the one the data-access layer uses. */
export function withTestDatabase(): { handle: () => DatabaseHandle } {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    setDatabaseHandle(handle);
  });
  afterAll(async () => {
    // pg-boss works on this database (when a test started it): stop it before the database goes away.
    await stopWorkers();
    await closeDatabase();
  });
  return {
    handle: () => {
      if (!handle) throw new Error('The test database is opened in beforeAll');
      return handle;
    },
  };
}
