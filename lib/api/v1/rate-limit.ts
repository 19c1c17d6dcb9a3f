import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

/** Requests a key may make per minute: enough for a sync every few seconds, too few to scrape. */
export const requestsPerMinute = 120;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window ends. */
  resetSeconds: number;
  isLimited: boolean;
  /** The key's first request in this window: the moment to prune what it keeps. */
  isNewWindow: boolean;
}

/**
 * Counts the request in the key's current one-minute window, in the database so every app instance shares the
 * counter (one upsert, atomic on PGlite and PostgreSQL alike). A key's first request in a window prunes its old ones.
 */
export async function consumeRateLimit(apiKeyId: string, limit = requestsPerMinute): Promise<RateLimitState> {
  const db = getDb();
  const result = (await db.execute(sql`
    insert into api_rate_limit_counters (api_key_id, window_started_at, requests)
    values (${apiKeyId}, date_trunc('minute', now()), 1)
    on conflict (api_key_id, window_started_at) do update set requests = api_rate_limit_counters.requests + 1
    returning requests, ceil(extract(epoch from (window_started_at + interval '1 minute' - now())))::int as reset_seconds`)) as unknown as
    | { rows: { requests: number; reset_seconds: number }[] }
    | { requests: number; reset_seconds: number }[];
  const [row] = Array.isArray(result) ? result : result.rows;
  const requests = Number(row?.requests ?? 1);
  if (requests === 1) {
    await db.execute(sql`delete from api_rate_limit_counters where api_key_id = ${apiKeyId} and window_started_at < date_trunc('minute', now())`);
  }
  return { limit, remaining: Math.max(0, limit - requests), resetSeconds: Math.max(1, Number(row?.reset_seconds ?? 60)), isLimited: requests > limit, isNewWindow: requests === 1 };
}

/** The headers of draft-ietf-httpapi-ratelimit-headers: the policy, and where the key stands in it. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'RateLimit-Policy': `${state.limit};w=60`,
    RateLimit: `limit=${state.limit}, remaining=${state.remaining}, reset=${state.resetSeconds}`,
  };
}
