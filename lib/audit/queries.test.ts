import { desc, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';

import { withRequestContext } from '@/lib/audit/request-context';
import { actorFor, createOrganisation, createUser, uniqueSuffix, requestFrom } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { auditCsvColumns, csvField, exportAuditCsv } from './export-audit';
import { auditPageSize, listAuditActions, listAuditEntries } from './queries';
import { recordAudit } from './record-audit';
import { auditFiltersSchema, emptyAuditFilters, parseAuditFiltersLeniently } from './schemas';
import { verifyAuditChain } from './verify-audit-chain';

vi.mock('next-auth', () => ({ getServerSession: vi.fn() }));

withTestDatabase();

const filters = (overrides: Partial<typeof emptyAuditFilters>) => ({ ...emptyAuditFilters, ...overrides });

/** The stream as text, keeping the byte-order mark that Response.text() would strip. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

describe('audit viewer', () => {
  it('is for admins only', async () => {
    const officer = await actorFor(await createUser({ role: 'police_officer' }));
    await expect(listAuditEntries(officer, emptyAuditFilters)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(exportAuditCsv(officer, emptyAuditFilters)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('filters by user, organisation, action, record and period, newest first with keyset pages', async () => {
    const platform = await createOrganisation({ kind: 'platform' });
    const admin = await actorFor(await createUser({ role: 'admin', organisationId: platform.id }));
    const officerRow = await createUser({ role: 'police_officer', name: `Viewer Test ${uniqueSuffix()}` });
    const officer = await actorFor(officerRow);
    const caseId = crypto.randomUUID();
    const action = `test.viewer_${uniqueSuffix()}`;
    for (let index = 0; index < auditPageSize + 5; index++) {
      await recordAudit(getDb(), { actor: officer, action, entityType: 'case', entityId: index === 0 ? caseId : `other-${index}`, request: requestFrom('203.0.113.9') });
    }
    await recordAudit(getDb(), { action: 'auth.sign_in', outcome: 'failure', details: { reason: 'unknown_email', email: officerRow.email.toUpperCase() } });

    const first = await listAuditEntries(admin, filters({ action }));
    expect(first.entries).toHaveLength(auditPageSize);
    expect(first.entries[0]?.id).toBeGreaterThan(first.entries[1]?.id ?? Infinity);
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditEntries(admin, filters({ action, cursor: first.nextCursor ?? '' }));
    expect(second.entries).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(second.entries.at(-1)?.entityId).toBe(caseId);

    expect((await listAuditEntries(admin, filters({ entityId: caseId }))).entries.map((entry) => entry.entityId)).toEqual([caseId]);
    const byUser = await listAuditEntries(admin, filters({ user: officerRow.name.toLowerCase() }));
    expect(byUser.entries.every((entry) => entry.actor?.userId === officer.userId)).toBe(true);
    // An e-mail also finds sign-in failures for that address, which have no user.
    const byEmail = await listAuditEntries(admin, filters({ user: officerRow.email }));
    expect(byEmail.entries[0]).toMatchObject({ action: 'auth.sign_in', actor: null, outcome: 'failure' });
    const byOrganisation = await listAuditEntries(admin, filters({ organisationId: officer.organisationId, action }));
    expect(byOrganisation.entries[0]?.organisation?.names?.en).toBe(officer.organisationName.en);

    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await listAuditEntries(admin, filters({ action, from: today, to: today }))).entries).toHaveLength(auditPageSize);
    expect((await listAuditEntries(admin, filters({ action, to: '2020-01-01' }))).entries).toEqual([]);
    expect(await listAuditActions(admin)).toContain(action);
  });

  it('validates the query and keeps what it understands', () => {
    expect(auditFiltersSchema.safeParse({ from: '2026-02-01', to: '2026-01-01' }).success).toBe(false);
    expect(auditFiltersSchema.safeParse({ cursor: '1; drop table audit_log' }).success).toBe(false);
    const lenient = parseAuditFiltersLeniently({ action: 'case.read', from: 'yesterday', organisationId: 'nope' });
    expect(lenient).toEqual({ filters: filters({ action: 'case.read' }), invalid: ['organisationId', 'from'] });
  });

  it('exports the filtered entries as CSV, defuses formulas, and audits the export', async () => {
    const platform = await createOrganisation({ kind: 'platform' });
    const admin = await actorFor(await createUser({ role: 'admin', organisationId: platform.id }));
    const action = `test.export_${uniqueSuffix()}`;
    await recordAudit(getDb(), { actor: admin, action, entityType: 'case', entityId: '=HYPERLINK("http://evil")', details: { note: 'ខ្មែរ 中文 "quoted"' } });
    await recordAudit(getDb(), { actor: admin, action, entityType: 'case', entityId: 'plain' });

    const csv = await readAll(await withRequestContext(requestFrom('192.0.2.50'), () => exportAuditCsv(admin, filters({ action }))));
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(`\uFEFF${auditCsvColumns.join(',')}`);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"plain"');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[2]).toContain('ខ្មែរ 中文');

    const [exported] = await getDb().select().from(auditLog).where(eq(auditLog.action, 'audit.export')).orderBy(desc(auditLog.id)).limit(1);
    expect(exported).toMatchObject({ actorUserId: admin.userId, ipAddress: '192.0.2.50', details: { filters: { action }, maxEntries: 100_000 } });
    expect(csvField(null)).toBe('""');
    expect(csvField('-1+1')).toBe(`"'-1+1"`);
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: true });
  });
});
