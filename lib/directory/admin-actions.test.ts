import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, organisations, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { actorFor, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { createOrganisationSchema, maxDutyEmailAddresses } from '@/lib/directory/schemas';
import en from '@/lib/i18n/messages/en.json';
import km from '@/lib/i18n/messages/km.json';
import zh from '@/lib/i18n/messages/zh-CN.json';

// The server actions as the browser calls them: the session and request headers are Next's, so they are stubbed.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/auth/session', () => ({ getActor: async () => session.actor }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '192.0.2.77', 'user-agent': 'vitest' }) }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const { createOrganisationAction, createUserAction, updateOrganisationAction } = await import('@/lib/directory/actions');

withTestDatabase();

async function tableSizes() {
  const db = getDb();
  const [orgs] = await db.select({ total: count() }).from(organisations);
  const [people] = await db.select({ total: count() }).from(users);
  const [entries] = await db.select({ total: count() }).from(auditLog);
  return { organisations: orgs?.total, users: people?.total, audit: entries?.total };
}

describe('admin server actions', () => {
  beforeAll(async () => {
    const platform = await createOrganisation({ kind: 'platform' });
    session.actor = await actorFor(await createUser({ role: 'admin', organisationId: platform.id }));
  });

  it('answer bad input field by field and write nothing', async () => {
    const before = await tableSizes();
    const organisation = await createOrganisationAction({ kind: 'embassy', nameEn: '', nameKm: 'x', nameZh: 'x', provinceCode: '', countryCode: 'ZZ', ackDeadlineHours: 'soon', detentionAckDeadlineHours: '24' });
    expect(organisation).toMatchObject({
      ok: false,
      message: 'errors.invalid',
      fieldErrors: { nameEn: ['validation.required'], countryCode: ['admin.validation.countryRequired'], ackDeadlineHours: ['admin.validation.deadlineHours'] },
    });
    const user = await createUserAction({ name: 'x', email: 'not an address', role: 'sheriff', organisationId: 'nope', preferredLocale: 'fr', credential: 'one_time_password' });
    expect(user.ok).toBe(false);
    expect(Object.keys((!user.ok && user.fieldErrors) || {}).sort()).toEqual(['email', 'organisationId', 'preferredLocale', 'role']);
    expect(await updateOrganisationAction('not even an object')).toMatchObject({ ok: false, message: 'errors.invalid' });
    expect(await tableSizes()).toEqual(before);
  });

  it('save an embassy\'s duty addresses, and refuse the whole form when one is not an e-mail address', async () => {
    const embassy = await createOrganisation({ kind: 'embassy', countryCode: 'NO' });
    const [loaded] = await getDb().select().from(organisations).where(eq(organisations.id, embassy.id));
    if (!loaded) throw new Error('embassy not created');
    const form = { id: loaded.id, version: loaded.version, kind: 'embassy', nameEn: 'Royal Norwegian Embassy', nameKm: 'ស្ថានទូតន័រវេស', nameZh: '挪威大使馆', provinceCode: '', countryCode: 'NO', ackDeadlineHours: '72', detentionAckDeadlineHours: '24' };
    const refused = await updateOrganisationAction({ ...form, dutyEmailAddresses: 'duty@norway.example\nconsular desk' });
    expect(refused).toMatchObject({ ok: false, message: 'errors.invalid', fieldErrors: { dutyEmailAddresses: ['admin.validation.dutyEmailAddresses'] } });
    const [unchanged] = await getDb().select().from(organisations).where(eq(organisations.id, embassy.id));
    expect(unchanged).toMatchObject({ version: loaded.version, nameEn: loaded.nameEn, dutyEmailAddresses: [] });

    // One a line; blank lines and a repeat in other capitals are dropped.
    const saved = await updateOrganisationAction({ ...form, dutyEmailAddresses: 'duty@norway.example\n\n  consular@norway.example \nDUTY@norway.example' });
    expect(saved).toMatchObject({ ok: true });
    const [updated] = await getDb().select().from(organisations).where(eq(organisations.id, embassy.id));
    expect(updated?.dutyEmailAddresses).toEqual(['duty@norway.example', 'consular@norway.example']);
  });

  it('refuse a new embassy whose duty addresses are not all e-mail addresses, or are too many, and save nothing', async () => {
    const form = { kind: 'embassy', nameEn: 'Embassy of Iceland', nameKm: 'ស្ថានទូតអ៊ីស្លង់', nameZh: '冰岛大使馆', provinceCode: '', countryCode: 'IS', ackDeadlineHours: '72', detentionAckDeadlineHours: '24' };
    const before = await tableSizes();
    const tooMany = Array.from({ length: maxDutyEmailAddresses + 1 }, (_, index) => `duty${index}@iceland.example`).join('\n');
    for (const dutyEmailAddresses of ['duty@iceland.example\nconsular desk', 'duty@iceland', 'Duty <duty@iceland.example>', 'duty@iceland.example, @iceland.example', tooMany]) {
      const refused = await createOrganisationAction({ ...form, dutyEmailAddresses });
      expect(refused, dutyEmailAddresses).toMatchObject({ ok: false, message: 'errors.invalid', fieldErrors: { dutyEmailAddresses: ['admin.validation.dutyEmailAddresses'] } });
      // The form checks with the same schema before it sends anything.
      expect(createOrganisationSchema.safeParse({ ...form, dutyEmailAddresses }).success).toBe(false);
    }
    expect(await tableSizes()).toEqual(before);
    // The field's message says what to do, in every language (not an English fallback).
    const texts = [en, km, zh].map((messages) => messages.admin.validation.dutyEmailAddresses);
    expect(texts.every((text) => text.includes('consular.duty@embassy.example'))).toBe(true);
    expect(new Set(texts).size).toBe(3);

    const saved = await createOrganisationAction({ ...form, dutyEmailAddresses: 'duty@iceland.example; consular@iceland.example' });
    if (!saved.ok) throw new Error(saved.message);
    const [created] = await getDb().select().from(organisations).where(eq(organisations.id, saved.data.id));
    expect(created?.dutyEmailAddresses).toEqual(['duty@iceland.example', 'consular@iceland.example']);
  });

  it('record the request address with the change, and refuse other roles as "not found"', async () => {
    const created = await createOrganisationAction({ kind: 'ministry', nameEn: 'Ministry of Justice', nameKm: 'ក្រសួងយុត្តិធម៌', nameZh: '司法部', provinceCode: '', countryCode: '', ackDeadlineHours: '72', detentionAckDeadlineHours: '24' });
    if (!created.ok) throw new Error(created.message);
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.entityId, created.data.id));
    expect(entry).toMatchObject({ action: 'admin.organisation.create', ipAddress: '192.0.2.77', userAgent: 'vitest' });

    const admin = session.actor;
    session.actor = await actorFor(await createUser({ role: 'police_supervisor' }));
    expect(await createOrganisationAction({ kind: 'ministry', nameEn: 'Shadow ministry', nameKm: 'x', nameZh: 'x', provinceCode: '', countryCode: '', ackDeadlineHours: '72', detentionAckDeadlineHours: '24' })).toEqual({
      ok: false,
      kind: 'not_found',
      message: 'admin.errors.notFound',
    });
    // Without a session nothing is even validated (lib/auth/action-gate.ts runs first).
    session.actor = null;
    expect(await createOrganisationAction({})).toMatchObject({ ok: false, message: 'errors.signedOut' });
    session.actor = admin;
  });
});
