import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser, uniqueSuffix } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { assignCase, changeCaseStatus, createCase } from './commands';
import { findPossibleMatches, getCaseWorkspace, listCases } from './queries';
import { caseListFiltersSchema } from './schemas';
import type { CaseListPage } from './views';

withTestDatabase();

let officer: Actor;
let supervisor: Actor;
let otherProvinceOfficer: Actor;
let analyst: Actor;

beforeAll(async () => {
  const kohKong = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  const sihanouk = await createOrganisation({ kind: 'police', provinceCode: 'PSN' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: kohKong.id }));
  supervisor = await actorFor(await createUser({ role: 'police_supervisor', organisationId: kohKong.id }));
  otherProvinceOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: sihanouk.id }));
  analyst = await actorFor(await createUser({ role: 'ministry_analyst' }));
  await createOrganisation({ kind: 'embassy', countryCode: 'CN' });
});

const filters = (values: Record<string, string> = {}) => caseListFiltersSchema.parse(values);

describe('listCases', () => {
  it('finds a case by passport number however it is typed, by either script of a name and by reference', async () => {
    const passport = `E${Math.floor(Math.random() * 1e8)}`;
    const created = await createCase(
      officer,
      buildCaseInput({
        people: [
          buildPersonInput({ latinName: 'Zhang Wei Search', nativeName: '张伟搜', idDocumentType: 'passport', idDocumentNumber: passport }),
          buildPersonInput({ nationality: 'VN', roleInCase: 'victim' }),
        ],
      }),
    );
    for (const q of [passport.toLowerCase(), passport.slice(0, 5), 'zhang wei search', '张伟搜', created.referenceNumber]) {
      const page = await listCases(officer, filters({ q }));
      expect(page.items.map((item) => item.id), q).toContain(created.id);
    }
    const [row] = (await listCases(officer, filters({ q: passport }))).items;
    expect(row).toMatchObject({ peopleCount: 2, nationalities: ['CN', 'VN'], detainedCount: 0 });
    expect((await listCases(otherProvinceOfficer, filters({ q: passport }))).total).toBe(0);
  });

  it('treats LIKE wildcards in the search as plain characters', async () => {
    await createCase(officer, buildCaseInput({ title: 'Ordinary title' }));
    expect((await listCases(officer, filters({ q: '%' }))).total).toBe(0);
    expect((await listCases(officer, filters({ q: '_' }))).total).toBe(0);
  });

  it('filters by nationality, detention, status and assignment', async () => {
    const tag = uniqueSuffix();
    const detained = await createCase(
      officer,
      buildCaseInput({ title: `Filter ${tag} detained`, people: [buildPersonInput({ nationality: 'TH', detentionStatus: 'detained', detentionChangedAt: '2026-03-02T10:00' })] }),
    );
    const other = await createCase(officer, buildCaseInput({ title: `Filter ${tag} other` }));
    await changeCaseStatus(officer, { caseId: other.id, version: 1, status: 'under_investigation', closureReason: '' });
    await assignCase(supervisor, { caseId: other.id, version: 2, assigneeId: officer.userId });
    const ids = async (values: Record<string, string>) => (await listCases(officer, filters({ q: `Filter ${tag}`, ...values }))).items.map((item) => item.id);
    expect(await ids({ nationality: 'TH' })).toEqual([detained.id]);
    expect(await ids({ detained: '1' })).toEqual([detained.id]);
    expect(await ids({ status: 'under_investigation' })).toEqual([other.id]);
    expect(await ids({ mine: '1' })).toEqual([other.id]);
    expect(await ids({ from: '2026-03-01', to: '2026-03-02' })).toHaveLength(2);
    expect(await ids({ from: '2026-03-03' })).toEqual([]);
  });

  it('pages with a keyset cursor: no repeats, no gaps, a stable total', async () => {
    const tag = uniqueSuffix();
    for (let day = 1; day <= 5; day++) {
      await createCase(officer, buildCaseInput({ title: `Paged ${tag}`, occurredAt: `2026-04-0${day}T08:00`, reportedAt: `2026-04-0${day}T09:00` }));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let lastPage: CaseListPage | undefined;
    let pages = 0;
    do {
      lastPage = await listCases(officer, filters({ q: `Paged ${tag}`, ...(cursor ? { cursor } : {}) }), 2);
      expect(lastPage.total).toBe(5);
      seen.push(...lastPage.items.map((item) => item.reportedAt.toISOString()));
      cursor = lastPage.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBe(5);

    // A cursor past the end (the last case, say, after newer ones were filtered away) gives an empty page that still knows the total.
    const lastItem = lastPage.items.at(-1);
    const pastTheEnd = Buffer.from(JSON.stringify([lastItem?.reportedAt.toISOString(), lastItem?.id])).toString('base64url');
    const emptyPage = await listCases(officer, filters({ q: `Paged ${tag}`, cursor: pastTheEnd }), 2);
    expect(emptyPage.items).toEqual([]);
    expect(emptyPage.total).toBe(5);
    expect(emptyPage.nextCursor).toBeNull();
  });

  it('gives the ministry every province and refuses embassies', async () => {
    const sihanoukCase = await createCase(otherProvinceOfficer, buildCaseInput({ provinceCode: 'PSN' }));
    expect((await listCases(analyst, filters({ q: sihanoukCase.referenceNumber }))).total).toBe(1);
    expect((await listCases(analyst, filters({ q: sihanoukCase.referenceNumber, province: 'KKG' }))).total).toBe(0);
    const liaison = await actorFor(await createUser({ role: 'embassy_liaison' }));
    await expect(listCases(liaison, filters())).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('does not let the ministry look people up by name or ID number', async () => {
    const passport = `P${Math.floor(Math.random() * 1e8)}`;
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ latinName: 'Private Person', idDocumentType: 'passport', idDocumentNumber: passport })] }));
    expect((await listCases(analyst, filters({ q: passport }))).total).toBe(0);
    expect((await listCases(analyst, filters({ q: 'Private Person' }))).total).toBe(0);
    expect((await listCases(analyst, filters({ q: created.referenceNumber }))).total).toBe(1);
    expect((await listCases(officer, filters({ q: passport }))).total).toBe(1);
  });
});

describe('getCaseWorkspace', () => {
  it('shows the case, its people and its timeline to its province, and audits the read', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' })] }));
    const view = await getCaseWorkspace(officer, created.id);
    expect(view.referenceNumber).toBe(created.referenceNumber);
    expect(view.people).toHaveLength(1);
    expect(view.timeline.map((entry) => entry.event.kind).sort()).toEqual(['case_created', 'notification_sent']);
    expect(view.notifications).toHaveLength(1);
    expect(view.allowedTransitions).toEqual(['under_investigation', 'closed']);
    expect(view.assignableOfficers).toBeNull();
    const reads = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, 'case.read')));
    expect(reads).toHaveLength(1);
    expect((await getCaseWorkspace(supervisor, created.id)).assignableOfficers?.map((user) => user.id)).toContain(officer.userId);
  });

  it('names the officer a case was assigned to in its timeline, read beside the other rows', async () => {
    const created = await createCase(officer, buildCaseInput());
    await assignCase(supervisor, { caseId: created.id, version: 1, assigneeId: officer.userId });
    const view = await getCaseWorkspace(officer, created.id);
    expect(view.assignedTo?.id).toBe(officer.userId);
    expect(view.timeline.find((entry) => entry.event.kind === 'case_assigned')?.text).toBe(view.assignedTo?.name);
  });

  it('is "not found" for another province, a malformed id and a case that does not exist', async () => {
    const created = await createCase(officer, buildCaseInput());
    await expect(getCaseWorkspace(otherProvinceOfficer, created.id)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getCaseWorkspace(officer, 'not-a-uuid')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getCaseWorkspace(officer, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('findPossibleMatches', () => {
  it('finds the same passport or name in another case of the province only', async () => {
    const passport = `C${Math.floor(Math.random() * 1e7)}`;
    const first = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ latinName: 'Tran Van Match', idDocumentType: 'passport', idDocumentNumber: passport })] }));
    expect(await findPossibleMatches(officer, { idDocumentNumber: ` ${passport.toLowerCase()} ` })).toEqual([
      { caseId: first.id, referenceNumber: first.referenceNumber, personName: 'Tran Van Match', matchedOn: 'idDocumentNumber' },
    ]);
    expect((await findPossibleMatches(officer, { name: 'tran van match' }))[0]?.matchedOn).toBe('name');
    expect(await findPossibleMatches(officer, { idDocumentNumber: passport, excludeCaseId: first.id })).toEqual([]);
    expect(await findPossibleMatches(otherProvinceOfficer, { idDocumentNumber: passport })).toEqual([]);
    expect(await findPossibleMatches(officer, { name: 'Tr' })).toEqual([]);
  });
});
