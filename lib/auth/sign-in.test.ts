import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { createOrganisation, createUser, testPassword, requestFrom } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { authenticate, maxFailedSignIns } from './sign-in';

vi.mock('next-auth', () => ({ getServerSession: vi.fn() }));

withTestDatabase();

async function auditEntriesFor(userId: string) {
  return getDb().select().from(auditLog).where(and(eq(auditLog.entityId, userId), eq(auditLog.action, 'auth.sign_in')));
}

describe('authenticate', () => {
  it('signs in with the right password, case-insensitively on the e-mail, and audits it', async () => {
    const user = await createUser({ role: 'police_officer', email: `Mixed.Case.${Date.now()}@Test.Example` });
    const result = await authenticate({ email: user.email.toLowerCase(), password: testPassword }, requestFrom('203.0.113.7'));
    expect(result).toEqual({ ok: true, userId: user.id, sessionVersion: user.sessionVersion });
    const [after] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(after?.lastSignInAt).toBeInstanceOf(Date);
    const entries = await auditEntriesFor(user.id);
    expect(entries.map((entry) => [entry.outcome, entry.ipAddress])).toEqual([['success', '203.0.113.7']]);
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const user = await createUser({ role: 'embassy_liaison' });
    const wrongPassword = await authenticate({ email: user.email, password: 'not the password at all' }, requestFrom(null));
    const unknownEmail = await authenticate({ email: 'nobody@nowhere.example', password: 'whatever it is' }, requestFrom(null));
    expect(wrongPassword).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(unknownEmail).toEqual(wrongPassword);
    const failures = await getDb().select().from(auditLog).where(eq(auditLog.outcome, 'failure'));
    expect(failures.some((entry) => (entry.details as { reason?: string }).reason === 'unknown_email')).toBe(true);
  });

  it(`locks the account for 15 minutes after ${maxFailedSignIns} failures in a row, even for the right password`, async () => {
    const user = await createUser({ role: 'police_officer' });
    const results = [];
    for (let attempt = 0; attempt < maxFailedSignIns; attempt++) {
      results.push(await authenticate({ email: user.email, password: `wrong guess ${attempt}` }, requestFrom(null)));
    }
    expect(results.slice(0, -1).every((result) => !result.ok && result.reason === 'invalid_credentials')).toBe(true);
    expect(results.at(-1)).toEqual({ ok: false, reason: 'locked' });
    expect(await authenticate({ email: user.email, password: testPassword }, requestFrom(null))).toEqual({ ok: false, reason: 'locked' });

    const [locked] = await getDb().select().from(users).where(eq(users.id, user.id));
    const minutesLocked = ((locked?.lockedUntil?.getTime() ?? 0) - Date.now()) / 60_000;
    expect(minutesLocked).toBeGreaterThan(14);
    expect(minutesLocked).toBeLessThanOrEqual(15);

    await getDb().update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, user.id));
    expect((await authenticate({ email: user.email, password: testPassword }, requestFrom(null))).ok).toBe(true);
  });

  it('resets the failure count after a successful sign-in', async () => {
    const user = await createUser({ role: 'police_officer' });
    for (let attempt = 0; attempt < maxFailedSignIns - 1; attempt++) {
      await authenticate({ email: user.email, password: 'wrong' }, requestFrom(null));
    }
    expect((await authenticate({ email: user.email, password: testPassword }, requestFrom(null))).ok).toBe(true);
    expect(await authenticate({ email: user.email, password: 'wrong' }, requestFrom(null))).toEqual({ ok: false, reason: 'invalid_credentials' });
  });

  it('refuses an inactive user and a user of a deactivated organisation', async () => {
    const inactive = await createUser({ role: 'police_officer', isActive: false });
    expect(await authenticate({ email: inactive.email, password: testPassword }, requestFrom(null))).toEqual({ ok: false, reason: 'inactive' });
    const closedEmbassy = await createOrganisation({ kind: 'embassy', countryCode: 'LA', isActive: false });
    const member = await createUser({ role: 'embassy_liaison', organisationId: closedEmbassy.id });
    expect(await authenticate({ email: member.email, password: testPassword }, requestFrom(null))).toEqual({ ok: false, reason: 'inactive' });
  });

  it('answers malformed and overlong input with invalid_input, changing nothing but the audit log', async () => {
    const user = await createUser({ role: 'police_officer' });
    for (const input of [
      {},
      { email: 'not-an-email', password: 'x' },
      { email: user.email, password: 'x'.repeat(5000) },
      { email: `${'a'.repeat(300)}@example.org`, password: 'x' },
      { email: 42, password: null },
    ]) {
      expect(await authenticate(input, requestFrom('not an ip'))).toEqual({ ok: false, reason: 'invalid_input' });
    }
    const [after] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(after?.failedSignInCount).toBe(0);
  });
});
