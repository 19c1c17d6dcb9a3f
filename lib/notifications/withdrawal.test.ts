import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, caseEvents, casePeople, cases, mailDeliveries, notifications, notificationUpdates, outboxMessages } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { withActorScope } from '@/lib/auth/actor-scope';
import { createCase, updateCase } from '@/lib/cases/commands';
import { getCaseWorkspace } from '@/lib/cases/queries';
import type { CreateCaseInput, PersonInput } from '@/lib/cases/schemas';
import { postCaseMessage, recordCooperationAction } from '@/lib/cooperation/commands';
import { getCooperationThread } from '@/lib/cooperation/queries';
import type { MailConfig } from '@/lib/mail/config';
import { planDeadlineMail } from '@/lib/mail/deadlines';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { acknowledgeNotification, notifyEmbassyManually, openEmbassyCase } from './commands';
import { countUnreadForEmbassy, getEmbassyCaseView, listInbox } from './embassy-queries';
import { getNotificationRecord } from './record';
import { inboxFiltersSchema } from './schemas';

withTestDatabase();

let officer: Actor;
let vietnam: Actor;
let china: Actor;
let vietnamId: string;
let chinaId: string;
let thaiId: string;

beforeAll(async () => {
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'KKG' })).id }));
  const embassy = async (countryCode: string) => {
    const organisation = await createOrganisation({ kind: 'embassy', countryCode });
    return { id: organisation.id, actor: await actorFor(await createUser({ role: 'embassy_liaison', organisationId: organisation.id })) };
  };
  ({ id: vietnamId, actor: vietnam } = await embassy('VN'));
  ({ id: chinaId, actor: china } = await embassy('CN'));
  thaiId = (await embassy('TH')).id;
});

const mailSettings: MailConfig = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'http://casebridge.test' };
const inboxOf = async (actor: Actor) => (await listInbox(actor, inboxFiltersSchema.parse({}))).items;

/** A case with a Vietnamese and a Chinese national, then edited down to the Chinese one alone. */
async function caseLosingItsVietnamese(): Promise<{ caseId: string; input: CreateCaseInput; chinese: PersonInput & { id: string }; notificationId: string }> {
  const chineseInput = buildPersonInput({ nationality: 'CN', latinName: 'Wang Fang' });
  const input = buildCaseInput({ people: [buildPersonInput({ nationality: 'VN', latinName: 'Tran Van Minh' }), chineseInput] });
  const { id: caseId } = await createCase(officer, input);
  const [chineseRow] = await getDb().select().from(casePeople).where(and(eq(casePeople.caseId, caseId), eq(casePeople.nationality, 'CN')));
  const chinese = { ...chineseInput, id: chineseRow!.id };
  const [notification] = await getDb().select().from(notifications).where(and(eq(notifications.caseId, caseId), eq(notifications.embassyOrganisationId, vietnamId)));
  await updateCase(officer, { caseId, version: 1, details: { ...input, people: [chinese] } });
  return { caseId, input, chinese, notificationId: notification!.id };
}

describe('a notification withdrawn when its last national leaves the case', () => {
  it('is marked withdrawn in the transaction that removed the national, with its event, audit entry and outbox message', async () => {
    const { caseId, notificationId } = await caseLosingItsVietnamese();
    const rows = await getDb().select().from(notifications).where(eq(notifications.caseId, caseId));
    expect(rows.find((row) => row.id === notificationId)?.withdrawnAt).toBeInstanceOf(Date);
    expect(rows.find((row) => row.embassyOrganisationId === chinaId)?.withdrawnAt).toBeNull();
    const events = await getDb().select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'notification_withdrawn')));
    expect(events.map((event) => [event.embassyOrganisationId, event.details])).toEqual([[vietnamId, { notificationId }]]);
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.action, 'notification.withdraw'), eq(auditLog.entityId, notificationId)));
    expect(audit).toHaveLength(1);
    const outbox = await getDb().select().from(outboxMessages).where(eq(outboxMessages.topic, 'notification.updated'));
    expect(outbox.some((message) => (message.payload as { notificationId?: string }).notificationId === notificationId)).toBe(true);
  });

  it('shows the embassy a withdrawn row without the case, and refuses to acknowledge it or to act in its thread', async () => {
    const { caseId, notificationId } = await caseLosingItsVietnamese();
    const row = (await inboxOf(vietnam)).find((item) => item.id === notificationId);
    expect(row).toMatchObject({ state: 'withdrawn', kind: 'ordinary' });
    expect(row).not.toHaveProperty('caseReferenceNumber');
    await expect(acknowledgeNotification(vietnam, { notificationId, note: '' })).rejects.toMatchObject({ kind: 'refused', messageKey: 'embassy.errors.withdrawn' });
    await expect(getEmbassyCaseView(vietnam, caseId)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(openEmbassyCase(vietnam, caseId)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getNotificationRecord(vietnam, notificationId)).rejects.toMatchObject({ kind: 'not_found' });
    const action = {
      caseId,
      embassyOrganisationId: '',
      actionType: 'consular_visit' as const,
      status: 'requested' as const,
      actionDate: '2026-03-05',
      description: 'A visit to the detained national.',
      handlingCode: 'H0' as const,
      handlingNote: '',
      respondsToId: '',
    };
    await expect(recordCooperationAction(vietnam, action)).rejects.toMatchObject({ kind: 'refused', messageKey: 'cooperation.errors.withdrawn' });
    await expect(postCaseMessage(officer, { caseId, embassyOrganisationId: vietnamId, body: 'Still there?', handlingCode: 'H0', handlingNote: '' })).rejects.toMatchObject({
      kind: 'refused',
      messageKey: 'cooperation.errors.withdrawn',
    });
    // The other embassy of the case works on as before.
    expect((await inboxOf(china)).find((item) => item.state === 'open' && item.caseId === caseId)).toBeDefined();
    await expect(recordCooperationAction(china, action)).resolves.toHaveProperty('id');
  });

  it('hides the case from the embassy in the database itself, while it still reads the notification', async () => {
    const { caseId, notificationId } = await caseLosingItsVietnamese();
    const seen = await withActorScope(vietnam, async (tx) => ({
      cases: await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)),
      notifications: await tx.select({ id: notifications.id }).from(notifications).where(eq(notifications.id, notificationId)),
      updated: await tx.update(notifications).set({ acknowledgedAt: new Date() }).where(eq(notifications.id, notificationId)).returning({ id: notifications.id }),
    }));
    expect(seen).toEqual({ cases: [], notifications: [{ id: notificationId }], updated: [] });
  });

  it('stops counting as unread or waiting, and plans no reminder or escalation', async () => {
    const unreadBefore = await countUnreadForEmbassy(vietnam);
    const { caseId, notificationId } = await caseLosingItsVietnamese();
    expect(await countUnreadForEmbassy(vietnam)).toBe(unreadBefore);
    // Both notifications were made by one save with the same deadlines: planning at the Chinese one's moments
    // would plan the Vietnamese one's too, were it still waiting.
    const [standing] = await getDb().select().from(notifications).where(and(eq(notifications.caseId, caseId), eq(notifications.embassyOrganisationId, chinaId)));
    await planDeadlineMail(standing!.remindAt, mailSettings);
    await planDeadlineMail(new Date(standing!.dueAt.getTime() + 1), mailSettings);
    const kindsOf = async (id: string) => (await getDb().select({ kind: mailDeliveries.kind }).from(mailDeliveries).where(eq(mailDeliveries.notificationId, id))).map((row) => row.kind);
    expect(await kindsOf(standing!.id)).toContain('reminder');
    expect((await kindsOf(notificationId)).filter((kind) => kind === 'reminder' || kind === 'escalation')).toEqual([]);
    const later = new Date(standing!.dueAt.getTime() + 1);
    const workspace = await getCaseWorkspace(officer, caseId, later);
    const vietnamese = workspace.notifications.find((notification) => notification.id === notificationId);
    expect(vietnamese).toMatchObject({ isOverdue: false });
    expect(vietnamese?.withdrawnAt).toBeInstanceOf(Date);
    expect((await getNotificationRecord(officer, notificationId)).withdrawnAt).toBeInstanceOf(Date);
    // The police still read the thread's history.
    await expect(getCooperationThread(officer, caseId, vietnamId)).resolves.toMatchObject({ embassyOrganisationId: vietnamId });
  });

  it('reopens as an update, with a fresh deadline, when a national of that country is added again', async () => {
    const { caseId, input, chinese, notificationId } = await caseLosingItsVietnamese();
    const [withdrawn] = await getDb().select().from(notifications).where(eq(notifications.id, notificationId));
    await updateCase(officer, { caseId, version: 2, details: { ...input, people: [chinese, buildPersonInput({ nationality: 'VN', latinName: 'Le Thi Hoa' })] } });
    const [reopened] = await getDb().select().from(notifications).where(eq(notifications.id, notificationId));
    expect(reopened?.withdrawnAt).toBeNull();
    expect(reopened!.dueAt.getTime()).toBeGreaterThan(withdrawn!.dueAt.getTime());
    const updates = await getDb().select().from(notificationUpdates).where(eq(notificationUpdates.notificationId, notificationId));
    expect(updates.map((update) => update.kind)).toEqual(['national_added']);
    expect((await inboxOf(vietnam)).find((item) => item.id === notificationId)).toMatchObject({ state: 'open', caseId });
    await expect(acknowledgeNotification(vietnam, { notificationId, note: '' })).resolves.toHaveProperty('acknowledgedAt');
  });

  it('never withdraws a notification the police made by hand', async () => {
    const input = buildCaseInput({ people: [buildPersonInput({ nationality: 'XX', roleInCase: 'victim' })] });
    const { id: caseId } = await createCase(officer, input);
    const { id: notificationId } = await notifyEmbassyManually(officer, { caseId, embassyOrganisationId: thaiId, reason: 'The victim says she is Thai; no documents.' });
    await updateCase(officer, { caseId, version: 1, details: { ...input, title: 'Renamed', people: [buildPersonInput({ nationality: 'KH' })] } });
    const [manual] = await getDb().select().from(notifications).where(eq(notifications.id, notificationId));
    expect(manual?.withdrawnAt).toBeNull();
  });
});
