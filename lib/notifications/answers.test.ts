import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, caseEvents, casePeople, mailDeliveries, notifications, outboxMessages } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { withActorScope } from '@/lib/auth/actor-scope';
import { createCase, updateCase } from '@/lib/cases/commands';
import { getCaseWorkspace } from '@/lib/cases/queries';
import type { CreateCaseInput, PersonInput } from '@/lib/cases/schemas';
import { selectRows } from '@/lib/jobs/queries';
import type { MailConfig } from '@/lib/mail/config';
import { planDeadlineMail } from '@/lib/mail/deadlines';
import { planDeclineMail } from '@/lib/mail/decline';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { createOnCaseBridgeMission } from '@/lib/testing/missions';
import { withTestDatabase } from '@/lib/testing/test-database';
import { confirmNationality, declineNotification, redirectNotification } from './answers';
import { acknowledgeNotification } from './commands';
import { countUnreadForEmbassy, getEmbassyCaseView, listInbox, listRedirectTargets } from './embassy-queries';
import { getEmbassyDashboard } from './queries';
import { getNotificationRecord } from './record';
import { declineNotificationSchema, inboxFiltersSchema } from './schemas';

withTestDatabase();

let officer: Actor;
let supervisor: Actor;
let otherProvinceOfficer: Actor;
let thailand: { id: string; actor: Actor };
let china: { id: string; actor: Actor };

const embassy = async (countryCode: string) => {
  const organisation = await createOrganisation({ kind: 'embassy', countryCode });
  return { id: organisation.id, actor: await actorFor(await createUser({ role: 'embassy_liaison', organisationId: organisation.id })) };
};

beforeAll(async () => {
  const kohKong = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: kohKong.id }));
  supervisor = await actorFor(await createUser({ role: 'police_supervisor', organisationId: kohKong.id }));
  otherProvinceOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'PSN' })).id }));
  thailand = await embassy('TH');
  china = await embassy('CN');
});

const mailSettings: MailConfig = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'http://casebridge.test' };
const inboxOf = async (actor: Actor) => (await listInbox(actor, inboxFiltersSchema.parse({}))).items;

/** A Koh Kong case with a Thai suspect (and a Chinese witness, whose notification keeps waiting). */
async function thaiCase(): Promise<{ caseId: string; input: CreateCaseInput; thai: PersonInput & { id: string }; chinese: PersonInput & { id: string }; notificationId: string; chineseNotificationId: string }> {
  const thaiInput = buildPersonInput({ nationality: 'TH', latinName: 'Somchai Prasert' });
  const chineseInput = buildPersonInput({ nationality: 'CN', roleInCase: 'witness', latinName: 'Li Na' });
  const input = buildCaseInput({ people: [thaiInput, chineseInput] });
  const { id: caseId } = await createCase(officer, input);
  const people = await getDb().select().from(casePeople).where(eq(casePeople.caseId, caseId));
  const idOf = (nationality: string) => people.find((person) => person.nationality === nationality)!.id;
  const rows = await getDb().select().from(notifications).where(eq(notifications.caseId, caseId));
  const notificationOf = (embassyId: string) => rows.find((row) => row.embassyOrganisationId === embassyId)!.id;
  return {
    caseId,
    input,
    thai: { ...thaiInput, id: idOf('TH') },
    chinese: { ...chineseInput, id: idOf('CN') },
    notificationId: notificationOf(thailand.id),
    chineseNotificationId: notificationOf(china.id),
  };
}

async function notificationRow(id: string) {
  const [row] = await getDb().select().from(notifications).where(eq(notifications.id, id));
  return row!;
}

async function eventsOf(caseId: string, kind: (typeof caseEvents.$inferSelect)['kind']) {
  return getDb().select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, kind)));
}

async function auditOf(action: string, entityId: string) {
  return getDb().select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));
}

async function outboxHas(topic: (typeof outboxMessages.$inferSelect)['topic'], notificationId: string) {
  const messages = await getDb().select().from(outboxMessages).where(eq(outboxMessages.topic, topic));
  return messages.some((message) => (message.payload as { notificationId?: string }).notificationId === notificationId);
}

describe('an embassy declines a notification', () => {
  it('needs a reason: the shared schema refuses none or an unknown one', () => {
    const notificationId = crypto.randomUUID();
    expect(declineNotificationSchema.safeParse({ notificationId, note: '' }).success).toBe(false);
    const unknown = declineNotificationSchema.safeParse({ notificationId, reason: 'busy', note: '' });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.message).toBe('validation.chooseDeclineReason');
    expect(declineNotificationSchema.safeParse({ notificationId, reason: 'not_our_national', note: '' }).success).toBe(true);
  });

  it('records the decline with its audit entry, timeline event and outbox message, and the police see the reason', async () => {
    const { caseId, notificationId } = await thaiCase();
    await declineNotification(thailand.actor, { notificationId, reason: 'not_our_national', note: 'The passport is Lao.' });
    const row = await notificationRow(notificationId);
    expect(row).toMatchObject({ declineReason: 'not_our_national', declineNote: 'The passport is Lao.', declinedBy: thailand.actor.userId });
    expect(row.declinedAt).toBeInstanceOf(Date);
    expect((await eventsOf(caseId, 'notification_declined')).map((event) => [event.embassyOrganisationId, event.details])).toEqual([
      [thailand.id, { notificationId, reason: 'not_our_national', note: 'The passport is Lao.' }],
    ]);
    expect(await auditOf('notification.decline', notificationId)).toHaveLength(1);
    expect(await outboxHas('notification.updated', notificationId)).toBe(true);

    const workspace = await getCaseWorkspace(officer, caseId);
    expect(workspace.notifications.find((notification) => notification.id === notificationId)?.decline).toMatchObject({
      reason: 'not_our_national',
      note: 'The passport is Lao.',
      resolution: null,
    });
    expect(workspace.canResolveNationality).toBe(true);
    expect(workspace.timeline.some((entry) => entry.event.kind === 'notification_declined')).toBe(true);
    expect((await getNotificationRecord(officer, notificationId)).decline).toMatchObject({ reason: 'not_our_national' });
    // The embassy prints it too, with its decline (the timeline, and so the redirects, are the police's alone).
    expect(await getNotificationRecord(thailand.actor, notificationId)).toMatchObject({ decline: { reason: 'not_our_national' }, redirects: [] });
    // The embassy still reads the case, with its own answer on it.
    expect((await getEmbassyCaseView(thailand.actor, caseId)).notification.decline).toMatchObject({ reason: 'not_our_national' });
  });

  it('e-mails the case police the reason, never the note, once per decline', async () => {
    const { notificationId } = await thaiCase();
    await declineNotification(thailand.actor, { notificationId, reason: 'dual_national_other_country', note: 'Somchai also holds a Lao passport.' });
    const planned = await planDeclineMail(notificationId, new Date(), mailSettings);
    expect(await planDeclineMail(notificationId, new Date(), mailSettings)).toEqual([]);
    const deliveries = await getDb().select().from(mailDeliveries).where(and(eq(mailDeliveries.notificationId, notificationId), eq(mailDeliveries.kind, 'notification_declined')));
    expect(deliveries.map((delivery) => delivery.id).sort()).toEqual([...planned].sort());
    expect(deliveries.map((delivery) => delivery.recipientUserId).sort()).toEqual([officer.userId, supervisor.userId].sort());
    for (const delivery of deliveries) {
      expect(delivery.textBody).not.toContain('Somchai');
      expect(delivery.textBody).not.toContain('Lao passport');
      expect(delivery.textBody).toContain('Dual national');
    }
  });

  it('stops waiting: no reminder or escalation, not pending or overdue, not in the counts', async () => {
    const dashboardBefore = await getEmbassyDashboard(thailand.actor);
    const { caseId, notificationId, chineseNotificationId } = await thaiCase();
    expect((await getEmbassyDashboard(thailand.actor)).awaitingAcknowledgement).toBe(dashboardBefore.awaitingAcknowledgement + 1);
    const unreadBefore = await countUnreadForEmbassy(thailand.actor);
    await declineNotification(thailand.actor, { notificationId, reason: 'not_our_national', note: '' });
    expect((await getEmbassyDashboard(thailand.actor)).awaitingAcknowledgement).toBe(dashboardBefore.awaitingAcknowledgement);
    // Declining opened it: one fewer unopened.
    expect(await countUnreadForEmbassy(thailand.actor)).toBe(unreadBefore - 1);

    // Both notifications were made by one save with the same deadlines: the Chinese one's moments are the Thai one's.
    const standing = await notificationRow(chineseNotificationId);
    await planDeadlineMail(standing.remindAt, mailSettings);
    await planDeadlineMail(new Date(standing.dueAt.getTime() + 1), mailSettings);
    const kindsOf = async (id: string) => (await getDb().select({ kind: mailDeliveries.kind }).from(mailDeliveries).where(eq(mailDeliveries.notificationId, id))).map((row) => row.kind);
    expect(await kindsOf(chineseNotificationId)).toEqual(expect.arrayContaining(['reminder', 'escalation']));
    expect((await kindsOf(notificationId)).filter((kind) => kind === 'reminder' || kind === 'escalation')).toEqual([]);
    const declined = await notificationRow(notificationId);
    expect([declined.remindedAt, declined.escalatedAt]).toEqual([null, null]);

    const later = new Date(standing.dueAt.getTime() + 1);
    expect((await getCaseWorkspace(officer, caseId, later)).notifications.find((notification) => notification.id === notificationId)).toMatchObject({ isOverdue: false });
    const pending = (await listInbox(thailand.actor, inboxFiltersSchema.parse({ state: 'pending' }), later)).items;
    expect(pending.some((item) => item.id === notificationId)).toBe(false);
    const row = (await listInbox(thailand.actor, inboxFiltersSchema.parse({}), later)).items.find((item) => item.id === notificationId);
    expect(row).toMatchObject({ state: 'open', isOverdue: false, declined: { reason: 'not_our_national' } });
  });

  it('refuses a second decline, an acknowledgement after it, and "another post" once acknowledged', async () => {
    const first = await thaiCase();
    await declineNotification(thailand.actor, { notificationId: first.notificationId, reason: 'not_our_national', note: '' });
    await expect(declineNotification(thailand.actor, { notificationId: first.notificationId, reason: 'not_our_national', note: '' })).rejects.toMatchObject({
      kind: 'refused',
      messageKey: 'embassy.errors.alreadyDeclined',
    });
    await expect(acknowledgeNotification(thailand.actor, { notificationId: first.notificationId, note: '' })).rejects.toMatchObject({ messageKey: 'embassy.errors.alreadyDeclined' });

    const second = await thaiCase();
    await acknowledgeNotification(thailand.actor, { notificationId: second.notificationId, note: '' });
    await expect(declineNotification(thailand.actor, { notificationId: second.notificationId, reason: 'other_post_competent', note: '' })).rejects.toMatchObject({
      kind: 'refused',
      fieldErrors: { reason: ['embassy.errors.declineAfterAcknowledgement'] },
    });
    // Learning from the documents that the person is not the embassy's national comes after acknowledging.
    await expect(declineNotification(thailand.actor, { notificationId: second.notificationId, reason: 'not_our_national', note: '' })).resolves.toHaveProperty('declinedAt');
  });

  it('is not another embassy\'s to decline: "not found", and row-level security refuses the write itself', async () => {
    const { notificationId } = await thaiCase();
    await expect(declineNotification(china.actor, { notificationId, reason: 'not_our_national', note: '' })).rejects.toMatchObject({ kind: 'not_found' });
    const updated = await withActorScope(china.actor, (tx) =>
      tx
        .update(notifications)
        .set({ declinedAt: new Date(), declinedBy: china.actor.userId, declineReason: 'not_our_national' })
        .where(eq(notifications.id, notificationId))
        .returning({ id: notifications.id }),
    );
    expect(updated).toEqual([]);
    // Nor may an embassy write the police's resolution (column privileges).
    await expect(
      withActorScope(thailand.actor, (tx) => tx.update(notifications).set({ nationalityResolution: 'confirmed' }).where(eq(notifications.id, notificationId))),
    ).rejects.toThrow();
    expect((await notificationRow(notificationId)).declinedAt).toBeNull();
  });
});

describe('the police answer a decline', () => {
  it('confirm the nationality: recorded with who, audited and on the timeline; the notification stays declined', async () => {
    const { caseId, notificationId } = await thaiCase();
    await declineNotification(thailand.actor, { notificationId, reason: 'not_our_national', note: '' });
    await confirmNationality(officer, { notificationId, note: 'Thai passport seen at the border post.' });
    const row = await notificationRow(notificationId);
    expect(row).toMatchObject({ nationalityResolution: 'confirmed', nationalityResolvedBy: officer.userId, nationalityResolutionNote: 'Thai passport seen at the border post.' });
    expect(row.declinedAt).toBeInstanceOf(Date);
    expect(row.withdrawnAt).toBeNull();
    expect((await eventsOf(caseId, 'nationality_resolved')).map((event) => event.details)).toEqual([{ notificationId, resolution: 'confirmed', note: 'Thai passport seen at the border post.' }]);
    expect(await auditOf('notification.resolve_nationality', notificationId)).toHaveLength(1);
    // The embassy sees the answer.
    expect((await getEmbassyCaseView(thailand.actor, caseId)).notification.decline?.resolution).toMatchObject({ kind: 'confirmed' });
    await expect(confirmNationality(supervisor, { notificationId, note: '' })).rejects.toMatchObject({ messageKey: 'cases.decline.errors.alreadyResolved' });
  });

  it('cannot confirm what was not declined, nor another province\'s case', async () => {
    const { notificationId } = await thaiCase();
    await expect(confirmNationality(officer, { notificationId, note: '' })).rejects.toMatchObject({ messageKey: 'cases.decline.errors.notDeclined' });
    await declineNotification(thailand.actor, { notificationId, reason: 'not_our_national', note: '' });
    await expect(confirmNationality(otherProvinceOfficer, { notificationId, note: '' })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(confirmNationality(thailand.actor, { notificationId, note: '' })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('correct the person: the edit withdraws the notification and records the correction', async () => {
    const { caseId, input, thai, chinese, notificationId } = await thaiCase();
    await declineNotification(thailand.actor, { notificationId, reason: 'not_our_national', note: '' });
    await updateCase(officer, { caseId, version: 1, details: { ...input, people: [{ ...thai, nationality: 'LA' }, chinese] } });
    const row = await notificationRow(notificationId);
    expect(row.withdrawnAt).toBeInstanceOf(Date);
    expect(row).toMatchObject({ nationalityResolution: 'corrected', nationalityResolvedBy: officer.userId });
    expect((await eventsOf(caseId, 'nationality_resolved')).map((event) => event.details)).toEqual([{ notificationId, resolution: 'corrected' }]);
    const withdrawal = await auditOf('notification.withdraw', notificationId);
    expect(withdrawal.map((entry) => entry.details)).toEqual([expect.objectContaining({ resolution: 'corrected' })]);
    expect((await getCaseWorkspace(officer, caseId)).notifications.find((notification) => notification.id === notificationId)?.decline?.resolution).toMatchObject({ kind: 'corrected' });
  });
});

describe('an embassy sends a notification on to another mission of its country', () => {
  it('moves it to the target with a fresh deadline: the target sees it, the source no longer does', async () => {
    const { caseId, chineseNotificationId: notificationId } = await thaiCase();
    const before = await notificationRow(notificationId);
    const post = await createOnCaseBridgeMission({ countryCode: 'CN', missionType: 'consulate_general' });
    const postActor = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: post.organisationId }));
    expect((await listRedirectTargets(china.actor)).map((target) => target.organisationId)).toContain(post.organisationId);
    await getDb().update(notifications).set({ remindedAt: new Date() }).where(eq(notifications.id, notificationId));

    const { redirectedAt } = await redirectNotification(china.actor, { notificationId, targetOrganisationId: post.organisationId, note: 'Koh Kong is in our post\'s district.' });
    const moved = await notificationRow(notificationId);
    expect(moved).toMatchObject({ embassyOrganisationId: post.organisationId, remindedAt: null, escalatedAt: null, firstOpenedAt: null, createdAt: before.createdAt });
    expect(moved.dueAt.getTime()).toBe(redirectedAt.getTime() + 72 * 3_600_000);

    expect((await inboxOf(postActor)).find((item) => item.id === notificationId)).toMatchObject({ state: 'open', caseId });
    await expect(getEmbassyCaseView(postActor, caseId)).resolves.toMatchObject({ caseId });
    expect((await inboxOf(china.actor)).some((item) => item.id === notificationId)).toBe(false);
    await expect(getEmbassyCaseView(china.actor, caseId)).rejects.toMatchObject({ kind: 'not_found' });

    expect((await eventsOf(caseId, 'notification_redirected')).map((event) => [event.embassyOrganisationId, (event.details as { toOrganisationId: string }).toOrganisationId])).toEqual([
      [china.id, post.organisationId],
    ]);
    expect(await auditOf('notification.redirect', notificationId)).toHaveLength(1);
    expect(await outboxHas('notification.created', notificationId)).toBe(true);
    expect(await outboxHas('notification.updated', notificationId)).toBe(true);
    const record = await getNotificationRecord(officer, notificationId);
    expect(record.redirects).toEqual([expect.objectContaining({ note: 'Koh Kong is in our post\'s district.', to: post.mission ? { en: post.mission.nameEn, km: post.mission.nameKm, zh: post.mission.nameZh } : null })]);
  });

  it('refuses another country\'s mission and one that already has the case, with the field to fix', async () => {
    const { notificationId } = await thaiCase();
    const vietnamese = await createOnCaseBridgeMission({ countryCode: 'VN', missionType: 'consulate_general' });
    await expect(redirectNotification(china.actor, { notificationId: (await thaiCase()).chineseNotificationId, targetOrganisationId: vietnamese.organisationId, note: '' })).rejects.toMatchObject({
      kind: 'invalid',
      fieldErrors: { targetOrganisationId: ['validation.invalidChoice'] },
    });
    // The police notified the post by hand as well (its district does not hold the case's province): it already has the case.
    const malaysia = await embassy('MY');
    const malaysianPost = await createOnCaseBridgeMission({ countryCode: 'MY', missionType: 'consulate' });
    const { id: caseId } = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'MY' })] }));
    await getDb()
      .insert(notifications)
      .values({ caseId, embassyOrganisationId: malaysianPost.organisationId, reason: 'manual', manualReason: 'Asked by the post.', dueAt: new Date(Date.now() + 72 * 3_600_000) });
    const [malaysian] = await getDb().select().from(notifications).where(and(eq(notifications.caseId, caseId), eq(notifications.embassyOrganisationId, malaysia.id)));
    await expect(redirectNotification(malaysia.actor, { notificationId: malaysian!.id, targetOrganisationId: malaysianPost.organisationId, note: '' })).rejects.toMatchObject({
      kind: 'refused',
      fieldErrors: { targetOrganisationId: ['embassy.errors.targetAlreadyNotified'] },
    });
    expect((await notificationRow(malaysian!.id)).embassyOrganisationId).toBe(malaysia.id);
    // Nothing was written by the refused redirects: no event survives them.
    expect(await eventsOf(caseId, 'notification_redirected')).toEqual([]);
    expect(await auditOf('notification.redirect', notificationId)).toEqual([]);
  });

  it('is refused for another embassy\'s notification, by the command and by the database function', async () => {
    const { chineseNotificationId: notificationId } = await thaiCase();
    const post = await createOnCaseBridgeMission({ countryCode: 'CN', missionType: 'consulate' });
    await expect(redirectNotification(thailand.actor, { notificationId, targetOrganisationId: post.organisationId, note: '' })).rejects.toMatchObject({ kind: 'not_found' });
    const [outcome] = await withActorScope(thailand.actor, (tx) =>
      selectRows<{ outcome: string }>(tx, sql`select casebridge_redirect_notification(${notificationId}, ${post.organisationId}, now() + interval '3 days', now()) as outcome`),
    );
    expect(outcome?.outcome).toBe('not_found');
    expect((await notificationRow(notificationId)).embassyOrganisationId).toBe(china.id);
  });
});
