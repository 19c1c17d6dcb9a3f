import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, caseEvents, notifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

import { changeCaseStatus, createCase } from '@/lib/cases/commands';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { acknowledgeNotification, notifyEmbassyManually, openEmbassyCase } from './commands';
import { countUnreadForEmbassy, getEmbassyCaseView, listInbox } from './embassy-queries';
import { inboxFiltersSchema } from './schemas';
import type { InboxPage, OpenInboxItem } from './views';

withTestDatabase();

let officer: Actor;
let china: Actor;
let vietnam: Actor;
let thailand: Actor;
let thaiEmbassyId: string;
let caseId: string;

beforeAll(async () => {
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  const embassy = async (countryCode: string) => {
    const organisation = await createOrganisation({ kind: 'embassy', countryCode });
    return { id: organisation.id, actor: await actorFor(await createUser({ role: 'embassy_liaison', organisationId: organisation.id })) };
  };
  china = (await embassy('CN')).actor;
  vietnam = (await embassy('VN')).actor;
  const thai = await embassy('TH');
  thailand = thai.actor;
  thaiEmbassyId = thai.id;
  const created = await createCase(
    officer,
    buildCaseInput({
      isNarrativeShareable: true,
      narrative: 'Shared with embassies.',
      people: [
        buildPersonInput({ latinName: 'Zhang Wei', nationality: 'CN', detentionStatus: 'detained', detentionChangedAt: '2026-03-02T10:00', idDocumentType: 'passport', idDocumentNumber: 'E12345678' }),
        buildPersonInput({ latinName: 'Nguyen Thi Mai', nationality: 'VN', roleInCase: 'victim', isSensitiveVictim: true }),
        buildPersonInput({ latinName: 'Sok Dara', nationality: 'KH', roleInCase: 'witness' }),
      ],
    }),
  );
  caseId = created.id;
});

const filters = (values: Record<string, string> = {}) => inboxFiltersSchema.parse(values);
const openItems = (inbox: InboxPage) => inbox.items.filter((item): item is OpenInboxItem => item.state === 'open');

describe('embassy case view', () => {
  it('shows the Chinese embassy its detained national in full and everyone else only as a count', async () => {
    const view = await getEmbassyCaseView(china, caseId);
    expect(view.notification.kind).toBe('detention');
    expect(view.nationals).toHaveLength(1);
    expect(view.nationals[0]).toMatchObject({ disclosure: 'full', latinName: 'Zhang Wei', idDocumentNumber: 'E12345678', detentionStatus: 'detained' });
    expect(view.otherPeopleCount).toBe(2);
    expect(view.narrative?.text).toBe('Shared with embassies.');
    expect(JSON.stringify(view)).not.toContain('Nguyen Thi Mai');
    expect(JSON.stringify(view)).not.toContain('Sok Dara');
  });

  it('is "not found" to an embassy none of whose nationals is in the case, and to police', async () => {
    await expect(getEmbassyCaseView(thailand, caseId)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getEmbassyCaseView(officer, caseId)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getEmbassyCaseView(china, 'not-a-uuid')).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('inbox, opening and acknowledgement', () => {
  it('records the first opening, counts unread, and acknowledges once', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' })] }));
    const unreadBefore = await countUnreadForEmbassy(china);
    const [notification] = await getDb().select().from(notifications).where(eq(notifications.caseId, created.id));
    expect(notification?.firstOpenedAt).toBeNull();
    await openEmbassyCase(china, created.id);
    expect(await countUnreadForEmbassy(china)).toBe(unreadBefore - 1);
    const [opened] = await getDb().select().from(notifications).where(eq(notifications.id, notification!.id));
    expect(opened?.firstOpenedBy).toBe(china.userId);
    expect((await getEmbassyCaseView(china, created.id)).notification.firstOpenedAt).toEqual(opened?.firstOpenedAt);

    await expect(acknowledgeNotification(vietnam, { notificationId: notification!.id, note: '' })).rejects.toMatchObject({ kind: 'not_found' });
    await acknowledgeNotification(china, { notificationId: notification!.id, note: 'Consular officer assigned.' });
    await expect(acknowledgeNotification(china, { notificationId: notification!.id, note: '' })).rejects.toMatchObject({ kind: 'refused' });
    const view = await getEmbassyCaseView(china, created.id);
    expect(view.notification).toMatchObject({ acknowledgementNote: 'Consular officer assigned.', acknowledgedByName: expect.any(String) });
  });

  it('reads a case without writing; opening it records the first opening, marks its updates read and audits the read', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' })] }));
    await changeCaseStatus(officer, { caseId: created.id, version: 1, status: 'under_investigation', closureReason: '' });
    const readsAudited = () => getDb().select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, 'case.read')));
    const openings = () => getDb().select().from(caseEvents).where(and(eq(caseEvents.caseId, created.id), eq(caseEvents.kind, 'notification_opened')));
    const unreadBefore = await countUnreadForEmbassy(china);

    const unopened = await getEmbassyCaseView(china, created.id);
    expect(unopened.notification.firstOpenedAt).toBeNull();
    expect(unopened.updates.map((update) => update.isUnread)).toEqual([true]);
    expect(await countUnreadForEmbassy(china)).toBe(unreadBefore);
    expect(await readsAudited()).toEqual([]);
    expect(await openings()).toEqual([]);

    expect(await openEmbassyCase(china, created.id)).toEqual({ readUpdateIds: unopened.updates.map((update) => update.id) });
    expect(await countUnreadForEmbassy(china)).toBe(unreadBefore - 2);
    const opened = await getEmbassyCaseView(china, created.id);
    expect(opened.notification.firstOpenedAt).toBeInstanceOf(Date);
    expect(opened.updates.map((update) => update.isUnread)).toEqual([false]);

    expect(await openEmbassyCase(china, created.id)).toEqual({ readUpdateIds: [] });
    expect(await openings()).toHaveLength(1);
    expect(await readsAudited()).toHaveLength(2);
    await expect(openEmbassyCase(thailand, created.id)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('lists unacknowledged notifications first, soonest due first, and filters by state and reason', async () => {
    const inbox = openItems(await listInbox(china, filters()));
    const pending = inbox.filter((item) => !item.acknowledgedAt);
    expect(inbox.slice(0, pending.length)).toEqual(pending);
    expect(pending.map((item) => item.dueAt.getTime())).toEqual([...pending.map((item) => item.dueAt.getTime())].sort((a, b) => a - b));
    expect(openItems(await listInbox(china, filters({ state: 'acknowledged' }))).every((item) => item.acknowledgedAt)).toBe(true);
    expect(openItems(await listInbox(china, filters({ reason: 'national_detained' }))).every((item) => item.reason === 'national_detained')).toBe(true);
    const later = new Date(Date.now() + 10 * 24 * 3_600_000);
    expect(openItems(await listInbox(china, filters({ state: 'overdue' }), later)).every((item) => item.isOverdue)).toBe(true);
    await expect(listInbox(officer, filters())).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('lets police notify an embassy by hand once, with a reason', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'XX', roleInCase: 'victim' })] }));
    await notifyEmbassyManually(officer, { caseId: created.id, embassyOrganisationId: thaiEmbassyId, reason: 'The victim says she is Thai; no documents.' });
    await expect(
      notifyEmbassyManually(officer, { caseId: created.id, embassyOrganisationId: thaiEmbassyId, reason: 'Again' }),
    ).rejects.toMatchObject({ kind: 'refused' });
    const view = await getEmbassyCaseView(thailand, created.id);
    expect(view.notification).toMatchObject({ reason: 'manual', manualReason: 'The victim says she is Thai; no documents.' });
    expect(view.nationals).toEqual([]);
    expect(view.otherPeopleCount).toBe(1);
  });
});
