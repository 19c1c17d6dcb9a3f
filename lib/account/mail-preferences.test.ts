import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { isDomainError } from '@/lib/domain-error';
import { actorFor, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { updateMailPreferences } from './commands';
import { getMailPreferences } from './queries';
import { mailPreferencesSchema } from './schemas';

withTestDatabase();

async function settingsOf(userId: string) {
  const [row] = await getDb().select({ updates: users.updateMailFrequency, requests: users.requestMailFrequency }).from(users).where(eq(users.id, userId));
  return row;
}

async function auditOf(userId: string) {
  return getDb()
    .select({ actorUserId: auditLog.actorUserId, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.entityId, userId), eq(auditLog.action, 'account.change_mail_preferences')))
    .orderBy(auditLog.id);
}

describe('the e-mail settings form', () => {
  it('accepts each setting as immediate, daily or off, and refuses anything else or an empty choice', () => {
    expect(mailPreferencesSchema.parse({ updates: 'daily', requests: 'off' })).toEqual({ updates: 'daily', requests: 'off' });
    expect(mailPreferencesSchema.parse({ requests: 'immediate' })).toEqual({ requests: 'immediate' });
    const weekly = mailPreferencesSchema.safeParse({ requests: 'weekly' });
    expect(weekly.success ? [] : weekly.error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['requests', 'validation.invalidChoice']]);
    const empty = mailPreferencesSchema.safeParse({});
    expect(empty.success ? [] : empty.error.issues.map((issue) => issue.message)).toEqual(['validation.required']);
    // Whose settings is not part of the input: only the signed-in user's own are ever changed.
    expect(mailPreferencesSchema.parse({ requests: 'off', userId: '00000000-0000-4000-8000-000000000000' })).toEqual({ requests: 'off' });
  });
});

describe('changing one\u2019s own e-mail settings', () => {
  it('changes the signed-in liaison officer\u2019s own settings, and audits what they were and became', async () => {
    const user = await createUser({ role: 'embassy_liaison' });
    const colleague = await createUser({ role: 'embassy_liaison', organisationId: user.organisationId });
    const actor = await actorFor(user);
    expect(await getMailPreferences(actor)).toEqual({ updates: 'immediate', requests: 'immediate' });

    await updateMailPreferences(actor, mailPreferencesSchema.parse({ updates: 'daily', requests: 'off', userId: colleague.id }));
    expect(await settingsOf(user.id)).toEqual({ updates: 'daily', requests: 'off' });
    expect(await settingsOf(colleague.id)).toEqual({ updates: 'immediate', requests: 'immediate' });
    expect(await getMailPreferences(actor)).toEqual({ updates: 'daily', requests: 'off' });
    expect(await auditOf(user.id)).toEqual([{ actorUserId: user.id, details: { from: { updates: 'immediate', requests: 'immediate' }, to: { updates: 'daily', requests: 'off' } } }]);
    expect(await auditOf(colleague.id)).toEqual([]);

    // Only what changed is recorded; saving what is already set records nothing.
    await updateMailPreferences(actor, { updates: 'daily', requests: 'immediate' });
    await updateMailPreferences(actor, { updates: 'daily', requests: 'immediate' });
    expect((await auditOf(user.id)).map((entry) => entry.details)).toEqual([
      { from: { updates: 'immediate', requests: 'immediate' }, to: { updates: 'daily', requests: 'off' } },
      { from: { requests: 'off' }, to: { requests: 'immediate' } },
    ]);
  });

  it('offers the police only the requests setting and refuses the other, changing nothing', async () => {
    const officer = await createUser({ role: 'police_officer' });
    const actor = await actorFor(officer);
    expect(await getMailPreferences(actor)).toEqual({ requests: 'immediate' });
    const refused = await updateMailPreferences(actor, { updates: 'off', requests: 'daily' }).catch((error: unknown) => error);
    expect(isDomainError(refused, 'invalid') && refused.fieldErrors).toEqual({ updates: ['account.mail.notOffered'] });
    expect(await settingsOf(officer.id)).toEqual({ updates: 'immediate', requests: 'immediate' });
    await updateMailPreferences(actor, { requests: 'daily' });
    expect(await settingsOf(officer.id)).toEqual({ updates: 'immediate', requests: 'daily' });
    expect(await auditOf(officer.id)).toHaveLength(1);
  });

  it('has nothing to set for roles that receive no e-mail they may turn off', async () => {
    for (const role of ['governor_viewer', 'ministry_analyst', 'admin'] as const) {
      const user = await createUser({ role });
      const actor = await actorFor(user);
      await expect(updateMailPreferences(actor, { requests: 'off' })).rejects.toMatchObject({ kind: 'not_found' });
      await expect(getMailPreferences(actor)).rejects.toMatchObject({ kind: 'not_found' });
      expect(await settingsOf(user.id)).toEqual({ updates: 'immediate', requests: 'immediate' });
      expect(await auditOf(user.id)).toEqual([]);
    }
  });
});
