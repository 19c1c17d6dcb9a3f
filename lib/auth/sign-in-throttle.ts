import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { signInAttemptCounters } from '@/db/schema';

/**
 * Rate limits for sign-in, on top of the per-account lockout (5 wrong passwords in a row lock an existing
 * account for 15 minutes):
 *
 * - per client address, 20 failed attempts in 5 minutes: a script guessing from one address is slowed to about
 *   4 guesses a minute across all accounts, while an office behind one NAT address is not, because successful
 *   sign-ins give their attempt back;
 * - per typed e-mail address, 10 failed attempts in 15 minutes: it also covers addresses that have no account
 *   (which the lockout can't lock, and which must not answer differently) and keeps a locked account from being
 *   hammered at the cost of an audit entry each time.
 *
 * The window is sliding, estimated from two fixed windows (the previous window's count weighted by how much of
 * it still overlaps), so a burst at a window boundary gets no more than the limit.
 */
export const signInLimits = {
  ip: { attempts: 20, windowSeconds: 5 * 60 },
  account: { attempts: 10, windowSeconds: 15 * 60 },
} as const;

export type ThrottleScope = keyof typeof signInLimits;

/** A slot reserved for one attempt; given back when the attempt succeeds or is refused unchecked. */
export interface ThrottleReservation {
  scope: ThrottleScope;
  keyHash: string;
  windowStartedAt: Date;
}

export type ThrottleDecision =
  | { allowed: true; reservation: ThrottleReservation }
  | { allowed: false; retryAfterSeconds: number; isFirstRefusal: boolean };

export function throttleKeyHash(scope: ThrottleScope, value: string): string {
  return createHash('sha256').update(`${scope}:${value.trim().toLowerCase()}`).digest('hex');
}

/**
 * Seconds until one more attempt fits under the limit, if nobody else tries meanwhile. `current` is the count
 * in the current window (without the refused attempt), `elapsed` how far into it we are.
 */
export function secondsUntilAllowed(limit: number, windowSeconds: number, previous: number, current: number, elapsed: number): number {
  if (current + 1 <= limit) {
    // Wait until the previous window's weight has shrunk enough: previous × (1 − t/W) + current + 1 ≤ limit.
    const at = previous > 0 ? windowSeconds * (1 - (limit - current - 1) / previous) : 0;
    return Math.max(1, ceilSeconds(at - elapsed));
  }
  // Full already: the next window starts with this one as its "previous".
  const at = windowSeconds * (1 - (limit - 1) / current);
  return Math.max(1, ceilSeconds(windowSeconds - elapsed + Math.max(0, at)));
}

/** Rounds up to whole seconds, ignoring floating-point dust (300 × 0.3 is 90.00000000000001). */
function ceilSeconds(seconds: number): number {
  return Math.ceil(seconds - 1e-9);
}

/**
 * Reserves one attempt atomically (one upsert, so concurrent attempts on several app instances each see a
 * distinct count) and decides on it. A refused attempt gives its slot back at once and is counted as a
 * refusal instead, so hammering a throttled key does not push its own retry time further out.
 */
export async function reserveSignInAttempt(db: Database, scope: ThrottleScope, value: string): Promise<ThrottleDecision> {
  const { attempts: limit, windowSeconds } = signInLimits[scope];
  const keyHash = throttleKeyHash(scope, value);
  // The database's clock, so every instance agrees on the window whatever its own clock says.
  const windowStart = sql`to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
  const [counter] = await db
    .insert(signInAttemptCounters)
    .values({ scope, keyHash, windowStartedAt: windowStart, attempts: 1 })
    .onConflictDoUpdate({
      target: [signInAttemptCounters.scope, signInAttemptCounters.keyHash, signInAttemptCounters.windowStartedAt],
      set: { attempts: sql`${signInAttemptCounters.attempts} + 1` },
    })
    .returning({
      attempts: signInAttemptCounters.attempts,
      windowStartedAt: signInAttemptCounters.windowStartedAt,
      elapsedSeconds: sql<string>`extract(epoch from now() - ${signInAttemptCounters.windowStartedAt})`,
    });
  if (!counter) throw new Error('sign-in counter not written');
  // A new window's first attempt clears out windows nobody needs any more (two windows back and older).
  if (counter.attempts === 1) await pruneSignInCounters(db);

  const previousWindowStartedAt = new Date(counter.windowStartedAt.getTime() - windowSeconds * 1000);
  const [previousRow] = await db
    .select({ attempts: signInAttemptCounters.attempts })
    .from(signInAttemptCounters)
    .where(and(eq(signInAttemptCounters.scope, scope), eq(signInAttemptCounters.keyHash, keyHash), eq(signInAttemptCounters.windowStartedAt, previousWindowStartedAt)));
  const previous = previousRow?.attempts ?? 0;
  const elapsed = Math.min(windowSeconds, Math.max(0, Number(counter.elapsedSeconds)));
  const estimate = previous * (1 - elapsed / windowSeconds) + counter.attempts;
  const reservation = { scope, keyHash, windowStartedAt: counter.windowStartedAt };
  if (estimate <= limit) return { allowed: true, reservation };

  const [refused] = await db
    .update(signInAttemptCounters)
    .set({ attempts: sql`greatest(${signInAttemptCounters.attempts} - 1, 0)`, refusals: sql`${signInAttemptCounters.refusals} + 1` })
    .where(counterRow(reservation))
    .returning({ attempts: signInAttemptCounters.attempts, refusals: signInAttemptCounters.refusals });
  return {
    allowed: false,
    retryAfterSeconds: secondsUntilAllowed(limit, windowSeconds, previous, refused?.attempts ?? counter.attempts - 1, elapsed),
    isFirstRefusal: refused?.refusals === 1,
  };
}

/** Gives a reserved slot back: the attempt succeeded, or was refused by another limit before any check. */
export async function releaseSignInAttempt(db: Database, reservation: ThrottleReservation): Promise<void> {
  await db
    .update(signInAttemptCounters)
    .set({ attempts: sql`greatest(${signInAttemptCounters.attempts} - 1, 0)` })
    .where(counterRow(reservation));
}

function counterRow(reservation: ThrottleReservation) {
  return and(
    eq(signInAttemptCounters.scope, reservation.scope),
    eq(signInAttemptCounters.keyHash, reservation.keyHash),
    eq(signInAttemptCounters.windowStartedAt, reservation.windowStartedAt),
  );
}

/** Deletes counters that can no longer affect a decision (older than two of the longest window). */
export async function pruneSignInCounters(db: Pick<Database, 'delete'>): Promise<void> {
  const longestWindowSeconds = Math.max(...Object.values(signInLimits).map((limit) => limit.windowSeconds));
  await db.delete(signInAttemptCounters).where(lt(signInAttemptCounters.windowStartedAt, sql`now() - make_interval(secs => ${2 * longestWindowSeconds})`));
}
