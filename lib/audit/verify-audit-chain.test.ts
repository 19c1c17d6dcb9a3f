import { asc, desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { recordAudit } from './record-audit';
import { auditEntryHash, describeAuditChainResult, genesisHash, verifyAuditChain } from './verify-audit-chain';

withTestDatabase();

async function latestEntry() {
  const [entry] = await getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  if (!entry) throw new Error('no audit entry');
  return entry;
}

/** Runs SQL that the append-only trigger would refuse, as someone with direct database access could. */
async function tamper(statement: ReturnType<typeof sql>) {
  await getDb().transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

/** Writes audit entries the normal way until the log has some content to break. */
async function recordSome(count: number, action = 'test.entry') {
  const user = await createUser({ role: 'police_officer' });
  for (let index = 0; index < count; index++) {
    await recordAudit(getDb(), {
      actor: { userId: user.id, organisationId: user.organisationId, role: user.role },
      action,
      entityType: 'case',
      entityId: `case-${index}`,
      request: { ipAddress: '198.51.100.4', userAgent: 'vitest' },
      details: { index, note: 'ថ្ងៃនេះ 今天 "quoted" \\ back', nested: { b: 2, a: [1, 2.5, null] } },
    });
  }
}

describe('audit hash chain', () => {
  it('chains every entry to the one before it and verifies a clean log', async () => {
    await recordSome(5);
    const entries = await getDb().select().from(auditLog).orderBy(asc(auditLog.id));
    expect(entries[0]?.prevHash).toBe(genesisHash);
    for (let index = 1; index < entries.length; index++) expect(entries[index]?.prevHash).toBe(entries[index - 1]?.hash);
    for (const entry of entries) expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    const result = await verifyAuditChain(getDb());
    expect(result).toEqual({ ok: true, entries: entries.length });
    expect(describeAuditChainResult(result)).toBe(`ok, ${entries.length} entries`);
  });

  it('agrees with the database on the hash, whichever side computes it', async () => {
    const entry = await latestEntry();
    const [row] = await getDb()
      .select({ canonical: sql<string>`audit_log_canonical(audit_log)`, hash: sql<string>`audit_log_entry_hash(audit_log, ${entry.prevHash})` })
      .from(auditLog)
      .where(eq(auditLog.id, entry.id));
    expect(row?.hash).toBe(entry.hash);
    expect(auditEntryHash(entry.prevHash, row?.canonical ?? '')).toBe(entry.hash);
  });

  it('chains the rows of one multi-row insert in order, and walks long logs in batches', async () => {
    await getDb()
      .insert(auditLog)
      .values(Array.from({ length: 7 }, (_, index) => ({ action: 'test.bulk', details: { index } })));
    await expect(verifyAuditChain(getDb(), { batchSize: 3 })).resolves.toMatchObject({ ok: true });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through ordinary SQL', async () => {
    await recordSome(1);
    const entry = await latestEntry();
    // drizzle wraps the driver's error; the trigger's message is in the cause.
    const refusal = (error: unknown) => String((error as { cause?: unknown }).cause ?? error);
    const update = await getDb()
      .update(auditLog)
      .set({ action: 'test.rewritten' })
      .where(eq(auditLog.id, entry.id))
      .then(() => 'allowed', refusal);
    expect(update).toMatch(/append-only: UPDATE refused/);
    const remove = await getDb()
      .delete(auditLog)
      .where(eq(auditLog.id, entry.id))
      .then(() => 'allowed', refusal);
    expect(remove).toMatch(/append-only: DELETE refused/);
    const truncate = await getDb()
      .execute(sql`truncate audit_log`)
      .then(() => 'allowed', refusal);
    expect(truncate).toMatch(/append-only: TRUNCATE refused/);
    expect(await latestEntry()).toEqual(entry);
  });

  it('refuses an entry that bypasses the chain trigger', async () => {
    const outcome = await getDb()
      .transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_chain`);
        await tx.insert(auditLog).values({ action: 'test.unchained' });
      })
      .then(() => 'allowed', (error: unknown) => String((error as { cause?: unknown }).cause ?? error));
    expect(outcome).toMatch(/audit_log_hash_format|check constraint/);
  });

  it('finds an entry whose content was edited directly in the database', async () => {
    await recordSome(4, 'test.before-tampering');
    const entries = await getDb().select().from(auditLog).orderBy(asc(auditLog.id));
    const victim = entries.at(-3);
    if (!victim) throw new Error('not enough entries');
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: true });

    await tamper(sql`update audit_log set details = jsonb_set(details, '{index}', '99') where id = ${victim.id}`);
    const result = await verifyAuditChain(getDb());
    expect(result).toMatchObject({ ok: false, entryId: victim.id, reason: 'hash', actual: victim.hash });
    expect(result.entries).toBe(entries.indexOf(victim));
    expect(describeAuditChainResult(result)).toContain(`broken at entry ${victim.id}`);

    // Rewriting the hash as well only moves the break to the next entry's link.
    const [forged] = await getDb()
      .select({ hash: sql<string>`audit_log_entry_hash(audit_log, audit_log.prev_hash)` })
      .from(auditLog)
      .where(eq(auditLog.id, victim.id));
    await tamper(sql`update audit_log set hash = ${forged?.hash} where id = ${victim.id}`);
    const next = entries[entries.indexOf(victim) + 1];
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: false, entryId: next?.id, reason: 'prev_hash' });
  });
});

describe('audit hash chain under concurrent writers', () => {
  it('stays one valid chain when many requests and transactions audit at once', async () => {
    await tamper(sql`delete from audit_log`);
    const user = await createUser({ role: 'police_officer' });
    const actor = { userId: user.id, organisationId: user.organisationId, role: user.role };
    const db = getDb();
    await Promise.all([
      // Autocommit inserts, as sign-in does.
      ...Array.from({ length: 20 }, (_, index) => recordAudit(db, { actor, action: 'test.concurrent', entityId: String(index) })),
      // Transactions that keep working after their audit entry, as case commands do.
      ...Array.from({ length: 6 }, (_, index) =>
        db.transaction(async (tx) => {
          await recordAudit(tx, { actor, action: 'test.concurrent-tx', entityId: `tx-${index}` });
          await tx.execute(sql`select pg_sleep(0.02)`);
          await recordAudit(tx, { actor, action: 'test.concurrent-tx', entityId: `tx-${index}-second` });
        }),
      ),
    ]);
    // The chain is whole and every entry is in it.
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 32 });
    // A REPEATABLE READ writer would read a stale head and fork the chain, so it is refused.
    const outcome = await db
      .transaction(async (tx) => recordAudit(tx, { actor, action: 'test.repeatable-read' }), { isolationLevel: 'repeatable read' })
      .then(() => 'allowed', (error: unknown) => String((error as { cause?: unknown }).cause ?? error));
    expect(outcome).toMatch(/READ COMMITTED/);
  });
});
