import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '@/lib/env';

// No schema is handed to drizzle: nothing here uses its relational queries (`db.query.…`), and with one it builds a
// query builder per table for every transaction (about 0.03 ms each, the largest drizzle cost in a workspace read).
export type Database = PgDatabase<PgQueryResultHKT>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** The server's connection string on PostgreSQL (for a library that brings its own pool: pg-boss); null on PGlite. */
  serverUrl: string | null;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Where the embedded database lives: CASEBRIDGE_DATA_DIR, relative to the working directory. */
export function embeddedDataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env().CASEBRIDGE_DATA_DIR);
}

export function openPostgres(url: string, options: { max?: number } = {}): DatabaseHandle {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  return {
    db: drizzlePostgres(client),
    driver: 'postgres',
    serverUrl: url,
    listen: async (channel, onPayload) => {
      const { unlisten } = await client.listen(channel, onPayload);
      return unlisten;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** The extensions the migrations create (pg_trgm: search; btree_gin: province-scoped trigram indexes), which PGlite must load. */
export const pgliteExtensions = { pg_trgm, btree_gin };

/** An embedded PostgreSQL: in memory when `dataDir` is undefined, persisted there otherwise. */
export function openPglite(dataDir?: string): DatabaseHandle {
  let releaseLock = () => {};
  if (dataDir) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    releaseLock = lockDataDir(dataDir);
  }
  const client = new PGlite({ dataDir, extensions: pgliteExtensions });
  return {
    db: drizzlePglite(client),
    driver: 'pglite',
    serverUrl: null,
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * The one PGlite instance behind an embedded handle, for a library that must send its own statements over the
 * app's connection (pg-boss, lib/jobs/boss.ts): PGlite is one connection per process, so nothing may open another.
 */
export function pgliteClientOf(handle: DatabaseHandle): PGlite {
  if (handle.driver !== 'pglite') throw new Error('pgliteClientOf: the database is not the embedded PGlite');
  return (handle.db as unknown as { $client: PGlite }).$client;
}

/**
 * The PGlite transaction a drizzle transaction runs on, so a library's statements (pg-boss's job insert) join it.
 * Needed because PGlite runs one transaction at a time: a statement sent to the instance while a transaction is
 * open waits for it to end, and a transaction waiting for that statement would never end. drizzle keeps the
 * connection in its session; this is the one place that reads it.
 */
export function pgliteTransactionOf(tx: Transaction): PgliteTransaction {
  return (tx as unknown as { session: { client: PgliteTransaction } }).session.client;
}

/**
 * PGlite has no lock between processes and a second writer's changes are silently lost, so the data
 * directory is claimed with a pid file and a live holder is refused with a message that says what to do.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  const holder = readLockHolder(lockFile);
  if (holder !== null && holder !== process.pid && isProcessAlive(holder)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${holder}. ` +
        'Stop that process (only one process may open the embedded database), or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
  fs.writeFileSync(lockFile, String(process.pid));
  const release = () => {
    if (readLockHolder(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
  };
  process.once('exit', release);
  return release;
}

function readLockHolder(lockFile: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const holder = globalThis as typeof globalThis & { __casebridgeDatabase?: DatabaseHandle };

/** The process-wide database, opened on first use (never at import time, so `next build` touches nothing). */
export function getDatabaseHandle(): DatabaseHandle {
  if (!holder.__casebridgeDatabase) {
    const url = env().DATABASE_URL;
    holder.__casebridgeDatabase = url ? openPostgres(url) : openPglite(embeddedDataDir());
  }
  return holder.__casebridgeDatabase;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

/** Replaces the process-wide database; tests use it to run data-access code against their own database. */
export function setDatabaseHandle(handle: DatabaseHandle): void {
  holder.__casebridgeDatabase = handle;
}

export async function closeDatabase(): Promise<void> {
  const handle = holder.__casebridgeDatabase;
  holder.__casebridgeDatabase = undefined;
  await handle?.close();
}
