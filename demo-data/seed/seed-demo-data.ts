// No `import 'server-only'`: `npm run db:seed` runs this under tsx, outside React, where that import throws.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import {
  caseEvents,
  caseMessages,
  caseNotes,
  casePeople,
  cases,
  cooperationActions,
  notifications,
  notificationUpdates,
  organisations,
  users,
} from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { seedDemoApiKeys } from './demo-api-keys';
import { sealTotpSecret } from '@/lib/auth/totp-secret-box';
import { referenceYearOf, takeReferenceNumber } from '@/lib/cases/reference-number';
import { demoAccounts, type DemoAccount, type DemoAccountEmail } from './demo-accounts';
import { demoOrganisations, type DemoOrganisationSlug } from '@/demo-data/shared/demo-organisations';
import { planDemoCases, type DemoDirectory } from './plan-demo-cases';
import { caseEventRow } from '@/lib/cases/case-events';

export interface SeedDemoDataResult {
  /** What this run added; a second run adds nothing. */
  inserted: {
    organisations: number;
    users: number;
    cases: number;
    people: number;
    notes: number;
    notifications: number;
    notificationUpdates: number;
    cooperationActions: number;
    messages: number;
    events: number;
  };
  /** False when cases already existed, so the demo cases were left alone. */
  seededCases: boolean;
}

/** Any constant will do; it only has to be the same for every process that seeds. */
const seedLockKey = 4_207_311_905;

/** Far below PostgreSQL's limit of 65,535 parameters per statement for the widest demo table. */
const batchSize = 500;

/**
 * Adds the demo organisations, accounts and about 200 cases with their people, notifications, actions and
 * messages. Safe to run again: organisations (by slug) and users (by e-mail) that exist are left as they are,
 * and no demo cases are added to a database that already has cases.
 */
export async function seedDemoData(db: Database, options: { now?: Date } = {}): Promise<SeedDemoDataResult> {
  const now = options.now ?? new Date();
  // Hashing is slow, so it happens before the transaction and only for accounts that are missing.
  const newAccounts = await hashMissingAccounts(db);

  // One transaction: a failed seed leaves nothing half-done behind, and a second process seeding at the same
  // time waits on the lock and then finds the cases there.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${seedLockKey})`);
    const memberSince = new Date(now.getTime() - 400 * 24 * 3_600_000);

    const insertedOrganisations = await tx
      .insert(organisations)
      .values(demoOrganisations.map((organisation) => ({ ...organisation, createdAt: memberSince })))
      .onConflictDoNothing()
      .returning({ id: organisations.id });
    const organisationRows = await tx
      .select()
      .from(organisations)
      .where(
        inArray(
          organisations.slug,
          demoOrganisations.map((organisation) => organisation.slug),
        ),
      );
    const organisationBySlug = new Map(organisationRows.map((row) => [row.slug, row]));
    const organisation = (slug: DemoOrganisationSlug) => {
      const row = organisationBySlug.get(slug);
      if (!row) throw new Error(`Demo organisation ${slug} is missing (another organisation may hold its country code)`);
      return row;
    };

    const insertedUsers =
      newAccounts.length === 0
        ? []
        : await tx
            .insert(users)
            .values(
              newAccounts.map(({ account, passwordHash }) => ({
                organisationId: organisation(account.organisationSlug).id,
                role: account.role,
                name: account.name,
                email: account.email,
                passwordHash,
                preferredLocale: account.preferredLocale,
                isActive: account.isActive,
                createdAt: memberSince,
              })),
            )
            .onConflictDoNothing()
            .returning({ id: users.id, email: users.email });
    // Demo accounts with two-step sign-in published in the README; the secret is sealed to the new row's id.
    for (const created of insertedUsers) {
      const account: DemoAccount | undefined = demoAccounts.find((candidate) => candidate.email.toLowerCase() === created.email.toLowerCase());
      if (!account?.totpSecret) continue;
      await tx
        .update(users)
        .set({ totpSecret: sealTotpSecret(account.totpSecret, created.id), totpEnabledAt: memberSince })
        .where(eq(users.id, created.id));
    }
    const userRows = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(sql`lower(${users.email})`, demoAccounts.map((account) => account.email.toLowerCase())));
    const userIdByEmail = new Map(userRows.map((row) => [row.email.toLowerCase(), row.id]));
    const directory: DemoDirectory = {
      organisation,
      userId: (email: DemoAccountEmail) => {
        const id = userIdByEmail.get(email);
        if (!id) throw new Error(`Demo user ${email} is missing`);
        return id;
      },
    };

    const inserted = {
      organisations: insertedOrganisations.length,
      users: insertedUsers.length,
      cases: 0,
      people: 0,
      notes: 0,
      notifications: 0,
      notificationUpdates: 0,
      cooperationActions: 0,
      messages: 0,
      events: 0,
    };
    await seedDemoApiKeys(tx, (slug) => organisation(slug).id, directory.userId('admin@casebridge.demo'), now);
    const [anyCase] = await tx.select({ id: cases.id }).from(cases).limit(1);
    if (anyCase) return { inserted, seededCases: false };

    const plan = planDemoCases(directory, now);
    const caseRows: (typeof cases.$inferInsert)[] = [];
    const createdEvents: (typeof caseEvents.$inferInsert)[] = [];
    // Numbers are taken in the order the cases were reported, as intake would have, so they rise with time.
    for (const planned of plan.cases) {
      const reference = await takeReferenceNumber(tx, planned.row.provinceCode, referenceYearOf(planned.row.reportedAt));
      caseRows.push({ ...planned.row, ...reference });
      createdEvents.push(
        caseEventRow(
          { caseId: planned.row.id, actor: { userId: planned.row.createdBy, organisationId: planned.policeOrganisationId }, occurredAt: planned.row.reportedAt },
          { kind: 'case_created', details: { referenceNumber: reference.referenceNumber } },
        ),
      );
    }
    const events = [...createdEvents, ...plan.events];

    for (const batch of batches(caseRows)) await tx.insert(cases).values(batch);
    for (const batch of batches(plan.people)) await tx.insert(casePeople).values(batch);
    for (const batch of batches(plan.notes)) await tx.insert(caseNotes).values(batch);
    for (const batch of batches(plan.notifications)) await tx.insert(notifications).values(batch);
    for (const batch of batches(plan.notificationUpdates)) await tx.insert(notificationUpdates).values(batch);
    for (const batch of batches(plan.cooperationActions)) await tx.insert(cooperationActions).values(batch);
    for (const batch of batches(plan.messages)) await tx.insert(caseMessages).values(batch);
    for (const batch of batches(events)) await tx.insert(caseEvents).values(batch);

    return {
      seededCases: true,
      inserted: {
        ...inserted,
        cases: caseRows.length,
        people: plan.people.length,
        notes: plan.notes.length,
        notifications: plan.notifications.length,
        notificationUpdates: plan.notificationUpdates.length,
        cooperationActions: plan.cooperationActions.length,
        messages: plan.messages.length,
        events: events.length,
      },
    };
  });
}

async function hashMissingAccounts(db: Database) {
  const existing = await db
    .select({ email: users.email })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, demoAccounts.map((account) => account.email.toLowerCase())));
  const existingEmails = new Set(existing.map((row) => row.email.toLowerCase()));
  const missing = demoAccounts.filter((account) => !existingEmails.has(account.email.toLowerCase()));
  return Promise.all(missing.map(async (account) => ({ account, passwordHash: await hashPassword(account.password) })));
}

function batches<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += batchSize) result.push(rows.slice(start, start + batchSize));
  return result;
}
