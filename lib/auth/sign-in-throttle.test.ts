import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, signInAttemptCounters } from '@/db/schema';
import { createUser, testPassword, uniqueSuffix, requestFrom } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { authenticate } from './sign-in';
import { secondsUntilAllowed, signInLimits, throttleKeyHash } from './sign-in-throttle';

// Counts password checks, to prove a throttled attempt makes none.
const passwordChecks = vi.hoisted(() => ({ count: 0 }));
vi.mock('./password', async (importOriginal) => {
  const original = await importOriginal<typeof import('./password')>();
  return {
    ...original,
    verifyPassword: async (hash: string, password: string) => {
      passwordChecks.count++;
      return original.verifyPassword(hash, password);
    },
  };
});
vi.mock('next-auth', () => ({ getServerSession: vi.fn() }));

withTestDatabase();

let nextAddress = 1;
/** A documentation address (RFC 5737) no other test uses. */
function freshAddress(): string {
  const n = nextAddress++;
  return `198.51.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}
const unknownEmail = () => `nobody-${uniqueSuffix()}@nowhere.example`;

async function throttleAuditEntries(ipAddress?: string) {
  const entries = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'auth.sign_in'), sql`${auditLog.details}->>'reason' = 'throttled'`));
  return ipAddress ? entries.filter((entry) => entry.ipAddress === ipAddress) : entries;
}

describe('sign-in rate limits', () => {
  it(`refuses the ${signInLimits.account.attempts + 1}th failed attempt for one e-mail address without checking the password, and says when to retry`, async () => {
    const email = unknownEmail();
    for (let attempt = 0; attempt < signInLimits.account.attempts; attempt++) {
      // A new address each time, so only the per-account limit can apply.
      expect(await authenticate({ email, password: `guess number ${attempt}` }, requestFrom(freshAddress()))).toEqual({ ok: false, reason: 'invalid_credentials' });
    }
    const checksBefore = passwordChecks.count;
    const refused = await authenticate({ email: email.toUpperCase(), password: 'one more guess' }, requestFrom(freshAddress()));
    expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
    expect(passwordChecks.count, 'no password check for a throttled attempt').toBe(checksBefore);
    const retryAfter = refused.ok ? 0 : (refused.retryAfterSeconds ?? 0);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(2 * signInLimits.account.windowSeconds);
  });

  it('throttles an existing account the same way as an unknown one, even with the right password', async () => {
    const user = await createUser({ role: 'police_officer' });
    const [row] = await getDb()
      .insert(signInAttemptCounters)
      .values({ scope: 'account', keyHash: throttleKeyHash('account', user.email), windowStartedAt: sql`to_timestamp(floor(extract(epoch from now()) / ${signInLimits.account.windowSeconds}) * ${signInLimits.account.windowSeconds})`, attempts: signInLimits.account.attempts })
      .returning();
    expect(row).toBeDefined();
    expect(await authenticate({ email: user.email, password: testPassword }, requestFrom(freshAddress()))).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await authenticate({ email: unknownEmail(), password: testPassword }, requestFrom(freshAddress()))).toEqual({ ok: false, reason: 'invalid_credentials' });
  });

  it(`refuses a client address after ${signInLimits.ip.attempts} failures across any accounts, while other addresses go on`, async () => {
    const address = freshAddress();
    for (let attempt = 0; attempt < signInLimits.ip.attempts; attempt++) {
      expect((await authenticate({ email: unknownEmail(), password: 'wrong password here' }, requestFrom(address))).ok).toBe(false);
    }
    const user = await createUser({ role: 'embassy_liaison' });
    const checksBefore = passwordChecks.count;
    expect(await authenticate({ email: user.email, password: testPassword }, requestFrom(address))).toMatchObject({ ok: false, reason: 'throttled' });
    // The forwarded-for form the proxy sends is the same client.
    expect(await authenticate({ email: user.email, password: testPassword }, requestFrom(`${address}, 10.0.0.1`))).toMatchObject({ ok: false, reason: 'throttled' });
    expect(passwordChecks.count).toBe(checksBefore);
    expect((await authenticate({ email: user.email, password: testPassword }, requestFrom(freshAddress()))).ok).toBe(true);
  });

  it('audits the first refusal of a window and not every one after it', async () => {
    const address = freshAddress();
    for (let attempt = 0; attempt < signInLimits.ip.attempts; attempt++) await authenticate({ email: unknownEmail(), password: 'wrong password here' }, requestFrom(address));
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await authenticate({ email: unknownEmail(), password: 'wrong password here' }, requestFrom(address))).toMatchObject({ reason: 'throttled' });
    }
    const entries = await throttleAuditEntries(address);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: 'denied', details: { reason: 'throttled', scope: 'ip' } });
  });

  it('counts failures only: an office signing in many times from one address is never throttled', async () => {
    const address = freshAddress();
    const colleagues = await Promise.all(Array.from({ length: 3 }, () => createUser({ role: 'police_officer' })));
    for (let round = 0; round < signInLimits.ip.attempts + 5; round++) {
      const colleague = colleagues[round % colleagues.length]!;
      expect((await authenticate({ email: colleague.email, password: testPassword }, requestFrom(address))).ok).toBe(true);
    }
  });

  it('lets no more than the limit through when attempts arrive at once', async () => {
    const email = unknownEmail();
    const attempts = signInLimits.account.attempts + 8;
    const results = await Promise.all(Array.from({ length: attempts }, () => authenticate({ email, password: 'concurrent guess' }, requestFrom(null))));
    const checked = results.filter((result) => !result.ok && result.reason === 'invalid_credentials').length;
    const throttled = results.filter((result) => !result.ok && result.reason === 'throttled').length;
    expect(checked).toBe(signInLimits.account.attempts);
    expect(throttled).toBe(attempts - signInLimits.account.attempts);
    const [counter] = await getDb().select().from(signInAttemptCounters).where(and(eq(signInAttemptCounters.scope, 'account'), eq(signInAttemptCounters.keyHash, throttleKeyHash('account', email))));
    expect(counter).toMatchObject({ attempts: signInLimits.account.attempts, refusals: attempts - signInLimits.account.attempts });
  });

  it("weighs in the previous window, so a burst at a window's end is not followed by another", async () => {
    const address = freshAddress();
    const { windowSeconds } = signInLimits.ip;
    await getDb()
      .insert(signInAttemptCounters)
      .values({ scope: 'ip', keyHash: throttleKeyHash('ip', address), windowStartedAt: sql`to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds} - ${windowSeconds})`, attempts: 100_000 });
    expect(await authenticate({ email: unknownEmail(), password: 'wrong password here' }, requestFrom(address))).toMatchObject({ reason: 'throttled' });
  });

  it('prunes counters too old to matter when a new window starts', async () => {
    const stale = throttleKeyHash('ip', '192.0.2.200');
    await getDb().insert(signInAttemptCounters).values({ scope: 'ip', keyHash: stale, windowStartedAt: sql`now() - interval '2 hours'`, attempts: 3 });
    await authenticate({ email: unknownEmail(), password: 'wrong password here' }, requestFrom(freshAddress()));
    expect(await getDb().select().from(signInAttemptCounters).where(eq(signInAttemptCounters.keyHash, stale))).toEqual([]);
  });
});

describe('secondsUntilAllowed', () => {
  it('waits for the next window when the current one is full', () => {
    // 20 of 20 used, 100 s into a 300 s window, nothing before: at 300 + 300 × (1 − 19/20) = 315 s.
    expect(secondsUntilAllowed(20, 300, 0, 20, 100)).toBe(215);
  });

  it("waits for the previous window's weight to shrink when the current one has room", () => {
    // previous 20, current 5, limit 20: 20 × (1 − t/300) + 6 ≤ 20 from t = 90 s.
    expect(secondsUntilAllowed(20, 300, 20, 5, 30)).toBe(60);
  });
});
