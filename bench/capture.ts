import type { Logger } from 'drizzle-orm/logger';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { setDatabaseHandle } from '@/db/client';

export interface CapturedQuery {
  sql: string;
  params: unknown[];
  /**
   * Queries the app sent in the same turn of the event loop (a `Promise.all`) share a wave; a query sent after
   * awaiting an earlier one starts a new wave. The raw replay runs each wave's queries concurrently, waves in turn.
   */
  wave: number;
}

/**
 * Records the exact SQL and parameters drizzle sends (drizzle's logger hook sees every query, inside
 * transactions too). Recording is switched on only for the one call that captures a benchmark's queries, so the
 * timed runs pay for nothing but an empty function call.
 */
export class QueryRecorder implements Logger {
  private recording: CapturedQuery[] | null = null;
  private wave = 0;
  private waveOpen = false;

  logQuery(query: string, params: unknown[]): void {
    if (!this.recording) return;
    if (!this.waveOpen) {
      this.waveOpen = true;
      // Anything logged before the event loop turns belongs to the same wave.
      setImmediate(() => {
        this.wave += 1;
        this.waveOpen = false;
      });
    }
    this.recording.push({ sql: query, params: [...params], wave: this.wave });
  }

  async capture(run: () => Promise<unknown>): Promise<CapturedQuery[]> {
    this.recording = [];
    this.wave = 0;
    this.waveOpen = false;
    try {
      await run();
      return this.recording;
    } finally {
      this.recording = null;
    }
  }
}

export interface BenchDatabases {
  recorder: QueryRecorder;
  /** The client behind the app's drizzle instance (what `getDb()` returns during the benchmark). */
  appClient: postgres.Sql;
  /** A separate client with the same pool size, for the raw replay, EXPLAIN and setup queries. */
  raw: postgres.Sql;
  close(): Promise<void>;
}

/** Points the app's data layer at DATABASE_URL through a recording drizzle instance, as `db/client.ts` would. */
export function openBenchDatabases(url: string, poolSize = 10): BenchDatabases {
  const recorder = new QueryRecorder();
  const appClient = postgres(url, { max: poolSize, onnotice: () => {}, connection: { application_name: 'casebridge-bench-app' } });
  const db = drizzle(appClient, { logger: recorder });
  setDatabaseHandle({
    db,
    driver: 'postgres',
    serverUrl: url,
    listen: async (channel, onPayload) => {
      const { unlisten } = await appClient.listen(channel, onPayload);
      return unlisten;
    },
    close: () => appClient.end({ timeout: 5 }),
  });
  const raw = postgres(url, { max: poolSize, onnotice: () => {}, connection: { application_name: 'casebridge-bench-raw' } });
  return {
    recorder,
    appClient,
    raw,
    close: async () => {
      await Promise.all([appClient.end({ timeout: 5 }), raw.end({ timeout: 5 })]);
    },
  };
}

/** Groups captured queries into their waves, in order. */
export function wavesOf(queries: readonly CapturedQuery[]): CapturedQuery[][] {
  const waves = new Map<number, CapturedQuery[]>();
  for (const query of queries) waves.set(query.wave, [...(waves.get(query.wave) ?? []), query]);
  return [...waves.keys()].sort((a, b) => a - b).map((wave) => waves.get(wave) ?? []);
}

/**
 * The statement with which `withActorScope` (lib/auth/actor-scope.ts) opens a signed-in user's transaction: the
 * database role and the scope the row-level security policies read.
 */
export function isScopeStatement(query: CapturedQuery): boolean {
  return /^select\s+set_config\('role'/i.test(query.sql.trim());
}

/**
 * Sends the captured statements straight to PostgreSQL with postgres.js, as drizzle does (unnamed statements,
 * rows as arrays) but without drizzle or the app around them: each wave concurrently, waves one after another.
 * Statements the app sent inside a scoped transaction are replayed inside one too (BEGIN, the scope, the
 * statements, COMMIT), so both sides send the same SQL and meet the same row-level security policies.
 */
export async function replay(raw: postgres.Sql, waves: readonly CapturedQuery[][]): Promise<number> {
  const send = async (sql: postgres.Sql | postgres.TransactionSql) => {
    let rows = 0;
    for (const wave of waves) {
      const results = await Promise.all(wave.map((query) => sql.unsafe(query.sql, query.params as postgres.ParameterOrJSON<never>[], { prepare: false }).values()));
      for (const result of results) rows += result.length;
    }
    return rows;
  };
  const first = waves[0]?.[0];
  return first && isScopeStatement(first) ? raw.begin((tx) => send(tx)) : send(raw);
}
