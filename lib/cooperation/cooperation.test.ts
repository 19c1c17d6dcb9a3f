import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { caseMessageReadMarkers } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

import { createCase } from '@/lib/cases/commands';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { markThreadRead, openPoliceCaseThreads, postCaseMessage, recordCooperationAction, updateCooperationActionStatus } from './commands';
import { getCooperationThread } from './queries';
import { recordCooperationActionSchema } from './schemas';

withTestDatabase();

let officer: Actor;
let otherProvinceOfficer: Actor;
let china: Actor;
let vietnam: Actor;
let chinaId: string;
let vietnamId: string;
let caseId: string;

beforeAll(async () => {
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'KKG' })).id }));
  otherProvinceOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'PSN' })).id }));
  const chinaOrganisation = await createOrganisation({ kind: 'embassy', countryCode: 'CN' });
  const vietnamOrganisation = await createOrganisation({ kind: 'embassy', countryCode: 'VN' });
  chinaId = chinaOrganisation.id;
  vietnamId = vietnamOrganisation.id;
  china = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: chinaId }));
  vietnam = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: vietnamId }));
  caseId = (await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' }), buildPersonInput({ nationality: 'VN', roleInCase: 'witness' })] }))).id;
});

const action = (overrides: Record<string, string> = {}) => ({
  caseId,
  embassyOrganisationId: '',
  actionType: 'consular_visit' as const,
  status: 'requested' as const,
  actionDate: '2026-03-05',
  description: 'Visit to the detained national at the provincial commissariat.',
  handlingCode: 'H0' as const,
  handlingNote: '',
  respondsToId: '',
  ...overrides,
});

describe('cooperation threads', () => {
  it('keeps one thread per case and embassy: each embassy sees only its own', async () => {
    const request = await recordCooperationAction(officer, { ...action({ embassyOrganisationId: chinaId }), actionType: 'information_request', handlingCode: 'H2' });
    await recordCooperationAction(china, { ...action({ respondsToId: request.id }), actionType: 'information_provided', status: 'done' });
    await postCaseMessage(officer, { caseId, embassyOrganisationId: vietnamId, body: 'Can you confirm the witness identity?', handlingCode: 'H1', handlingNote: '' });

    const chinaThread = await getCooperationThread(china, caseId);
    expect(chinaThread.actions.map((row) => [row.recordedBySide, row.actionType, row.handlingCode])).toEqual([
      ['police', 'information_request', 'H2'],
      ['embassy', 'information_provided', 'H0'],
    ]);
    expect(chinaThread.actions[1]?.respondsToId).toBe(request.id);
    expect(chinaThread.messages).toEqual([]);
    const vietnamThread = await getCooperationThread(vietnam, caseId);
    expect(vietnamThread.actions).toEqual([]);
    expect(vietnamThread.messages.map((message) => message.body)).toEqual(['Can you confirm the witness identity?']);
  });

  it('shows the police whether the embassy has read their message', async () => {
    await postCaseMessage(officer, { caseId, embassyOrganisationId: chinaId, body: 'Please acknowledge.', handlingCode: 'H0', handlingNote: '' });
    expect((await getCooperationThread(officer, caseId, chinaId)).messages.at(-1)?.isUnreadByOtherSide).toBe(true);
    await markThreadRead(china, caseId);
    expect((await getCooperationThread(officer, caseId, chinaId)).messages.at(-1)?.isUnreadByOtherSide).toBe(false);
  });

  it('reads a thread without moving a read marker; marking it read moves the reader\'s side only', async () => {
    const threadCaseId = (await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' })] }))).id;
    const markers = async () =>
      (
        await getDb()
          .select({ readerSide: caseMessageReadMarkers.readerSide, lastReadAt: caseMessageReadMarkers.lastReadAt })
          .from(caseMessageReadMarkers)
          .where(and(eq(caseMessageReadMarkers.caseId, threadCaseId), eq(caseMessageReadMarkers.embassyOrganisationId, chinaId)))
      ).sort((a, b) => a.readerSide.localeCompare(b.readerSide));

    await getCooperationThread(officer, threadCaseId, chinaId);
    await getCooperationThread(china, threadCaseId);
    expect(await markers()).toEqual([]);

    const policeReadAt = new Date('2026-03-05T02:00:00Z');
    await markThreadRead(officer, threadCaseId, chinaId, policeReadAt);
    expect(await markers()).toEqual([{ readerSide: 'police', lastReadAt: policeReadAt }]);
    const embassyReadAt = new Date('2026-03-05T03:00:00Z');
    await markThreadRead(china, threadCaseId, '', embassyReadAt);
    expect(await markers()).toEqual([
      { readerSide: 'embassy', lastReadAt: embassyReadAt },
      { readerSide: 'police', lastReadAt: policeReadAt },
    ]);
    const policeReadAgainAt = new Date('2026-03-05T04:00:00Z');
    await markThreadRead(officer, threadCaseId, chinaId, policeReadAgainAt);

    // Each side is shown the other's marker, which its own reading never moves.
    expect((await getCooperationThread(officer, threadCaseId, chinaId)).otherSideLastReadAt).toEqual(embassyReadAt);
    expect((await getCooperationThread(china, threadCaseId)).otherSideLastReadAt).toEqual(policeReadAgainAt);
    expect(await markers()).toEqual([
      { readerSide: 'embassy', lastReadAt: embassyReadAt },
      { readerSide: 'police', lastReadAt: policeReadAgainAt },
    ]);
  });

  it('opens every thread of a case for the police in one transaction: the same threads, each marked read by the police', async () => {
    const openedAt = new Date(Date.now() + 60_000);
    const threads = await openPoliceCaseThreads(officer, caseId, openedAt);
    expect(threads.map((thread) => thread.embassyOrganisationId).sort()).toEqual([chinaId, vietnamId].sort());
    for (const thread of threads) {
      // Read one by one, as the workspace did before, each thread is the same (the police's marker moved, the view did not).
      expect(await getCooperationThread(officer, caseId, thread.embassyOrganisationId)).toEqual(thread);
      const [marker] = await getDb()
        .select({ lastReadAt: caseMessageReadMarkers.lastReadAt })
        .from(caseMessageReadMarkers)
        .where(and(eq(caseMessageReadMarkers.caseId, caseId), eq(caseMessageReadMarkers.embassyOrganisationId, thread.embassyOrganisationId), eq(caseMessageReadMarkers.readerSide, 'police')));
      expect(marker?.lastReadAt).toEqual(openedAt);
    }
    expect(threads.find((thread) => thread.embassyOrganisationId === vietnamId)?.messages.map((message) => message.body)).toContain('Can you confirm the witness identity?');
    await expect(openPoliceCaseThreads(otherProvinceOfficer, caseId)).resolves.toEqual([]);
    await expect(openPoliceCaseThreads(china, caseId)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('marks a thread read only for its two sides', async () => {
    const before = await getDb().select().from(caseMessageReadMarkers).where(eq(caseMessageReadMarkers.caseId, caseId));
    const korea = await createOrganisation({ kind: 'embassy', countryCode: 'KR' });
    const koreanLiaison = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: korea.id }));
    await expect(markThreadRead(vietnam, caseId, chinaId)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(markThreadRead(koreanLiaison, caseId)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(markThreadRead(otherProvinceOfficer, caseId, chinaId)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(markThreadRead(officer, caseId, korea.id)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(markThreadRead(officer, caseId)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await getDb().select().from(caseMessageReadMarkers).where(eq(caseMessageReadMarkers.caseId, caseId))).toEqual(before);
  });

  it('refuses answering one\'s own side, another province, a thread of an embassy not notified, and an H3 without its restriction', async () => {
    const own = await recordCooperationAction(officer, action({ embassyOrganisationId: chinaId }));
    await expect(recordCooperationAction(officer, action({ embassyOrganisationId: chinaId, respondsToId: own.id }))).rejects.toMatchObject({ kind: 'refused' });
    await expect(recordCooperationAction(otherProvinceOfficer, action({ embassyOrganisationId: chinaId }))).rejects.toMatchObject({ kind: 'not_found' });
    const thai = await createOrganisation({ kind: 'embassy', countryCode: 'TH' });
    await expect(recordCooperationAction(officer, action({ embassyOrganisationId: thai.id }))).rejects.toMatchObject({ kind: 'not_found' });
    const thaiLiaison = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: thai.id }));
    await expect(getCooperationThread(thaiLiaison, caseId)).rejects.toMatchObject({ kind: 'not_found' });
    const h3 = recordCooperationActionSchema.safeParse(action({ embassyOrganisationId: chinaId, handlingCode: 'H3' }));
    expect(h3.success ? [] : h3.error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['handlingNote', 'cooperation.validation.h3NeedsNote']]);
  });

  it('updates an action\'s status with optimistic concurrency', async () => {
    const created = await recordCooperationAction(china, action());
    await updateCooperationActionStatus(officer, { actionId: created.id, version: 1, status: 'in_progress' });
    await expect(updateCooperationActionStatus(china, { actionId: created.id, version: 1, status: 'done' })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(updateCooperationActionStatus(vietnam, { actionId: created.id, version: 2, status: 'done' })).rejects.toMatchObject({ kind: 'not_found' });
    await updateCooperationActionStatus(china, { actionId: created.id, version: 2, status: 'done' });
    expect((await getCooperationThread(officer, caseId, chinaId)).actions.find((row) => row.id === created.id)?.status).toBe('done');
  });
});
