import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cases, casePeople, cooperationActions, notifications, officialNotifications, organisations } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { withActorScope } from '@/lib/auth/actor-scope';
import { createCase, updateCase } from '@/lib/cases/commands';
import type { CreateCaseInput, PersonInput } from '@/lib/cases/schemas';
import { recordCooperationAction } from '@/lib/cooperation/commands';
import { getCooperationThread } from '@/lib/cooperation/queries';
import { acknowledgeNotification, openEmbassyCase } from '@/lib/notifications/commands';
import { countUnreadForEmbassy, getEmbassyCaseView, getInboxNotification, listInbox } from '@/lib/notifications/embassy-queries';
import { missionOrganisationIdsOf } from '@/lib/notifications/mission-scope';
import { getEmbassyDashboard } from '@/lib/notifications/queries';
import { inboxFiltersSchema } from '@/lib/notifications/schemas';
import { actorFor, buildCaseInput, buildPersonInput, createMission, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';

// Consular posts (decision 021): routing by consular district, the embassy answering for its posts, a post
// seeing its own district only — in lib/ and, behind it, in row-level security.
withTestDatabase();

const hour = 3_600_000;
let kohKongOfficer: Actor;
let kampongChamOfficer: Actor;
let vietnamEmbassy: Actor;
let vietnamPost: Actor;
let thaiEmbassy: Actor;
let vietnamEmbassyId: string;
let vietnamPostId: string;
let thaiEmbassyId: string;
let indonesianEmbassyMissionId: string;
const postNames = { en: 'Consulate-General of Viet Nam in Preah Sihanouk', km: 'អគ្គកុងស៊ុលវៀតណាមប្រចាំខេត្តព្រះសីហនុ', zh: '越南驻西哈努克总领事馆' };

beforeAll(async () => {
  kohKongOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'KKG' })).id }));
  kampongChamOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'KCM' })).id }));
  // Viet Nam: the embassy and a consulate-general on CaseBridge, two organisations of one country (inserted directly).
  vietnamEmbassyId = (await createOrganisation({ kind: 'embassy', countryCode: 'VN' })).id;
  vietnamPostId = (await createOrganisation({ kind: 'embassy', countryCode: 'VN', nameEn: postNames.en, ackDeadlineHours: 48, detentionAckDeadlineHours: 12 })).id;
  await createMission({ countryCode: 'VN', missionType: 'embassy', organisationId: vietnamEmbassyId });
  await createMission({ countryCode: 'VN', missionType: 'consulate_general', organisationId: vietnamPostId, provinceCodes: ['PSN', 'KKG'], nameEn: postNames.en, nameKm: postNames.km, nameZh: postNames.zh, city: 'Preah Sihanouk' });
  vietnamEmbassy = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: vietnamEmbassyId }));
  vietnamPost = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: vietnamPostId }));
  // Thailand: the embassy on CaseBridge, an honorary consul in Koh Kong off it (contacts only).
  thaiEmbassyId = (await createOrganisation({ kind: 'embassy', countryCode: 'TH' })).id;
  await createMission({ countryCode: 'TH', missionType: 'embassy', organisationId: thaiEmbassyId });
  await createMission({ countryCode: 'TH', missionType: 'honorary_consul', provinceCodes: ['KKG'], city: 'Koh Kong' });
  thaiEmbassy = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: thaiEmbassyId }));
  // Indonesia: in the directory, no organisation on CaseBridge.
  indonesianEmbassyMissionId = (await createMission({ countryCode: 'ID', missionType: 'embassy' })).id;
});

const filters = (values: Record<string, string> = {}) => inboxFiltersSchema.parse(values);
const victim = (nationality: string, overrides: Partial<PersonInput> = {}) => buildPersonInput({ nationality, roleInCase: 'victim', ...overrides });

async function notificationsOf(caseId: string) {
  return getDb()
    .select({ id: notifications.id, organisationId: notifications.embassyOrganisationId, createdAt: notifications.createdAt, dueAt: notifications.dueAt, withdrawnAt: notifications.withdrawnAt })
    .from(notifications)
    .where(eq(notifications.caseId, caseId));
}

async function caseIn(officer: Actor, provinceCode: string, people: PersonInput[]): Promise<{ caseId: string; input: CreateCaseInput }> {
  const input = buildCaseInput({ provinceCode, people });
  return { caseId: (await createCase(officer, input)).id, input };
}

async function editPeople(officer: Actor, caseId: string, input: CreateCaseInput, people: PersonInput[]) {
  const [current] = await getDb().select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
  const existing = await getDb().select({ id: casePeople.id, latinName: casePeople.latinName }).from(casePeople).where(eq(casePeople.caseId, caseId));
  const withIds = people.map((person) => ({ ...person, id: existing.find((row) => row.latinName === person.latinName)?.id ?? person.id }));
  return updateCase(officer, { caseId, version: current!.version, details: { ...input, people: withIds } });
}

describe('routing to the competent consular post', () => {
  it('sends a Vietnamese national in Koh Kong to the consulate-general, on its deadlines, and one in Kampong Cham to the embassy', async () => {
    const kohKong = await caseIn(kohKongOfficer, 'KKG', [victim('VN')]);
    const [toPost, ...others] = await notificationsOf(kohKong.caseId);
    expect(others).toEqual([]);
    expect(toPost!.organisationId).toBe(vietnamPostId);
    expect(toPost!.dueAt.getTime() - toPost!.createdAt.getTime()).toBe(48 * hour);

    const kampongCham = await caseIn(kampongChamOfficer, 'KCM', [victim('VN')]);
    expect((await notificationsOf(kampongCham.caseId)).map((row) => row.organisationId)).toEqual([vietnamEmbassyId]);
  });

  it('sends a Thai national to the Thai embassy when the competent honorary consul is off CaseBridge, and makes no official task', async () => {
    const { caseId } = await caseIn(kohKongOfficer, 'KKG', [victim('TH')]);
    expect((await notificationsOf(caseId)).map((row) => row.organisationId)).toEqual([thaiEmbassyId]);
    expect(await getDb().select().from(officialNotifications).where(eq(officialNotifications.caseId, caseId))).toEqual([]);
  });

  it('leaves a country with no organisation on CaseBridge to an official-notification task at its mission', async () => {
    const { caseId } = await caseIn(kohKongOfficer, 'KKG', [victim('ID')]);
    expect(await notificationsOf(caseId)).toEqual([]);
    const tasks = await getDb().select().from(officialNotifications).where(eq(officialNotifications.caseId, caseId));
    expect(tasks.map((task) => [task.countryCode, task.missionId])).toEqual([['ID', indonesianEmbassyMissionId]]);
  });

  it('keys a case\'s notification by country: one already with another mission of the country gets the updates, and goes when the country does', async () => {
    const first = victim('VN', { latinName: 'Pham First' });
    const { caseId, input } = await caseIn(kohKongOfficer, 'KKG', [first]);
    const [notification] = await notificationsOf(caseId);
    // As if it had been redirected to the embassy: it stays there, and no second notification is made.
    await getDb().update(notifications).set({ embassyOrganisationId: vietnamEmbassyId }).where(eq(notifications.id, notification!.id));
    await editPeople(kohKongOfficer, caseId, input, [first, victim('VN', { latinName: 'Pham Second' })]);
    expect((await notificationsOf(caseId)).map((row) => [row.id, row.organisationId, row.withdrawnAt])).toEqual([[notification!.id, vietnamEmbassyId, null]]);

    await editPeople(kohKongOfficer, caseId, input, [buildPersonInput({ nationality: 'KH', roleInCase: 'witness' })]);
    expect((await notificationsOf(caseId))[0]!.withdrawnAt).not.toBeNull();
  });
});

describe('the embassy and its posts', () => {
  it('computes the same scope in the database for lib/ and the policies: the embassy with its posts, a post alone', async () => {
    expect((await withActorScope(vietnamEmbassy, (db) => missionOrganisationIdsOf(db, vietnamEmbassy))).sort()).toEqual([vietnamEmbassyId, vietnamPostId].sort());
    expect(await withActorScope(vietnamPost, (db) => missionOrganisationIdsOf(db, vietnamPost))).toEqual([vietnamPostId]);
    expect(await withActorScope(thaiEmbassy, (db) => missionOrganisationIdsOf(db, thaiEmbassy))).toEqual([thaiEmbassyId]);
  });

  it('lets the embassy see, open, acknowledge and cooperate on its post\'s notification, labelled with the post', async () => {
    const { caseId } = await caseIn(kohKongOfficer, 'KKG', [victim('VN')]);
    const [notification] = await notificationsOf(caseId);

    const embassyRow = (await listInbox(vietnamEmbassy, filters())).items.find((item) => item.id === notification!.id);
    expect(embassyRow).toMatchObject({ state: 'open', caseId, receivedBy: postNames });
    const postRow = (await listInbox(vietnamPost, filters())).items.find((item) => item.id === notification!.id);
    expect(postRow).toMatchObject({ state: 'open', receivedBy: null });
    expect((await getInboxNotification(vietnamEmbassy, notification!.id)).id).toBe(notification!.id);
    expect((await getEmbassyCaseView(vietnamEmbassy, caseId)).notification).toMatchObject({ id: notification!.id, receivedBy: postNames });
    expect((await getEmbassyCaseView(vietnamPost, caseId)).notification).toMatchObject({ id: notification!.id, receivedBy: null });
    expect((await getEmbassyDashboard(vietnamEmbassy)).recentNotifications.map((row) => row.id)).toContain(notification!.id);

    await openEmbassyCase(vietnamEmbassy, caseId);
    await acknowledgeNotification(vietnamEmbassy, { notificationId: notification!.id, note: 'Handled by the embassy' });
    const [acknowledged] = await getDb().select().from(notifications).where(eq(notifications.id, notification!.id));
    expect(acknowledged).toMatchObject({ acknowledgedBy: vietnamEmbassy.userId, embassyOrganisationId: vietnamPostId });

    // The thread is the notification's: the embassy writes in the post's thread, and the post reads it.
    const action = await recordCooperationAction(vietnamEmbassy, {
      caseId,
      embassyOrganisationId: '',
      actionType: 'consular_visit',
      status: 'requested',
      actionDate: '2026-03-05',
      description: 'The embassy will visit the victim.',
      handlingCode: 'H0',
      handlingNote: '',
      respondsToId: '',
    });
    const [stored] = await getDb().select().from(cooperationActions).where(eq(cooperationActions.id, action.id));
    expect(stored!.embassyOrganisationId).toBe(vietnamPostId);
    expect((await getCooperationThread(vietnamPost, caseId)).actions.map((row) => row.id)).toEqual([action.id]);
    expect((await getCooperationThread(vietnamEmbassy, caseId)).actions.map((row) => row.id)).toEqual([action.id]);
  });

  it('counts the post\'s unread notifications in the embassy\'s badge, not the embassy\'s in the post\'s', async () => {
    const [embassyBefore, postBefore] = [await countUnreadForEmbassy(vietnamEmbassy), await countUnreadForEmbassy(vietnamPost)];
    await caseIn(kohKongOfficer, 'KKG', [victim('VN')]);
    expect(await countUnreadForEmbassy(vietnamEmbassy)).toBe(embassyBefore + 1);
    expect(await countUnreadForEmbassy(vietnamPost)).toBe(postBefore + 1);
    await caseIn(kampongChamOfficer, 'KCM', [victim('VN')]);
    expect(await countUnreadForEmbassy(vietnamEmbassy)).toBe(embassyBefore + 2);
    expect(await countUnreadForEmbassy(vietnamPost)).toBe(postBefore + 1);
  });

  it('never shows a post another district\'s case, in lib/ nor behind it in row-level security', async () => {
    const { caseId } = await caseIn(kampongChamOfficer, 'KCM', [victim('VN')]);
    const [notification] = await notificationsOf(caseId);
    expect((await listInbox(vietnamPost, filters())).items.map((item) => item.id)).not.toContain(notification!.id);
    await expect(getInboxNotification(vietnamPost, notification!.id)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getEmbassyCaseView(vietnamPost, caseId)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(acknowledgeNotification(vietnamPost, { notificationId: notification!.id, note: '' })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getCooperationThread(vietnamPost, caseId, vietnamEmbassyId)).rejects.toMatchObject({ kind: 'not_found' });

    // As casebridge_embassy with the post's scope, queries without a scope of their own find nothing.
    const seenByPost = await withActorScope(vietnamPost, async (db) => ({
      cases: await db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)),
      people: await db.select({ id: casePeople.id }).from(casePeople).where(eq(casePeople.caseId, caseId)),
      notifications: await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, caseId)),
      updated: await db.update(notifications).set({ acknowledgementNote: 'x' }).where(eq(notifications.id, notification!.id)).returning({ id: notifications.id }),
    }));
    expect(seenByPost).toEqual({ cases: [], people: [], notifications: [], updated: [] });
    const seenByEmbassy = await withActorScope(vietnamEmbassy, async (db) => db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)));
    expect(seenByEmbassy).toEqual([{ id: caseId }]);
    // Nor does another country's embassy reach Viet Nam's posts.
    const seenByThailand = await withActorScope(thaiEmbassy, async (db) =>
      db.select({ id: notifications.id }).from(notifications).innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId)).where(eq(organisations.countryCode, 'VN')),
    );
    expect(seenByThailand).toEqual([]);
  });
});
