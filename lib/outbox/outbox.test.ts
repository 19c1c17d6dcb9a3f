import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { casePeople, notifications, outboxMessages } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { changeCaseStatus, createCase, updateCase } from '@/lib/cases/commands';
import { recordConsent } from '@/lib/disclosure/commands';
import { notifyEmbassyManually } from '@/lib/notifications/commands';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';

withTestDatabase();

let officer: Actor;
let thaiEmbassyId: string;

beforeAll(async () => {
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  await createOrganisation({ kind: 'embassy', countryCode: 'CN' });
  await createOrganisation({ kind: 'embassy', countryCode: 'VN' });
  thaiEmbassyId = (await createOrganisation({ kind: 'embassy', countryCode: 'TH' })).id;
});

/** The outbox messages about the notifications of one case, oldest first. */
async function outboxOfCase(caseId: string) {
  const ids = (await getDb().select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, caseId))).map((row) => row.id);
  const rows = await getDb().select().from(outboxMessages).orderBy(outboxMessages.createdAt, outboxMessages.id);
  return rows
    .filter((row) => ids.includes((row.payload as { notificationId: string }).notificationId))
    .map((row) => ({ topic: row.topic, notificationId: (row.payload as { notificationId: string }).notificationId }));
}

async function outboxSize(): Promise<number> {
  const [row] = await getDb().select({ total: sql<number>`count(*)::int` }).from(outboxMessages);
  return row?.total ?? 0;
}

describe('the transactional outbox', () => {
  it('records one message per new notification in the intake transaction', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' }), buildPersonInput({ nationality: 'VN', roleInCase: 'victim' })] }));
    const messages = await outboxOfCase(created.id);
    expect(messages.map((message) => message.topic)).toEqual(['notification.created', 'notification.created']);
    expect(new Set(messages.map((message) => message.notificationId)).size).toBe(2);
  });

  it('records nothing for an intake that rolls back', async () => {
    const before = await outboxSize();
    // 999 passes the TypeScript type but not the database's age check: the whole intake rolls back.
    await expect(createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN', approximateAge: '999' })] }))).rejects.toThrow();
    expect(await outboxSize()).toBe(before);
  });

  it('records an update for a detention, a status change, consent and a manual notification', async () => {
    const input = buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' }), buildPersonInput({ nationality: 'VN', roleInCase: 'victim' })] });
    const created = await createCase(officer, input);
    const [suspect, victim] = await getDb().select({ id: casePeople.id }).from(casePeople).where(eq(casePeople.caseId, created.id)).orderBy(asc(casePeople.roleInCase));
    const detained = { ...input.people[0]!, id: suspect!.id, detentionStatus: 'detained' as const, detentionChangedAt: '2026-03-02T10:00' };
    const edited = await updateCase(officer, { caseId: created.id, version: 1, details: { ...input, people: [detained, { ...input.people[1]!, id: victim!.id }] } });
    await changeCaseStatus(officer, { caseId: created.id, version: edited.version, status: 'under_investigation', closureReason: '' });
    await recordConsent(officer, { caseId: created.id, personId: victim!.id, consent: 'yes' });
    await notifyEmbassyManually(officer, { caseId: created.id, embassyOrganisationId: thaiEmbassyId, reason: 'The victim may hold Thai papers too.' });
    const topics = (await outboxOfCase(created.id)).map((message) => message.topic);
    // Two created at intake; the detention (China), the status change (both), the consent (Viet Nam), the manual one.
    expect(topics.filter((topic) => topic === 'notification.created')).toHaveLength(3);
    expect(topics.filter((topic) => topic === 'notification.updated')).toHaveLength(4);
  });
});
