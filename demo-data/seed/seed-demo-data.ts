// No `import 'server-only'`: `npm run db:seed` runs this under tsx, outside React, where that import throws.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import {
  caseEvents,
  caseMessages,
  caseNotes,
  casePeople,
  cases,
  cooperationActions,
  foreignMissions,
  missionDistricts,
  notifications,
  notificationUpdates,
  officialNotifications,
  organisations,
  users,
} from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { seedDemoApiKeys } from './demo-api-keys';
import { sealTotpSecret } from '@/lib/auth/totp-secret-box';
import { referenceYearOf, takeReferenceNumber } from '@/lib/cases/reference-number';
import { demoAccounts, type DemoAccount, type DemoAccountEmail } from './demo-accounts';
import { demoMissions } from '@/demo-data/shared/demo-missions';
import { demoOrganisations, type DemoOrganisationSlug } from '@/demo-data/shared/demo-organisations';
import { planDemoCases, type DemoDirectory, type DemoDirectoryMission } from './plan-demo-cases';
import { caseEventRow } from '@/lib/cases/case-events';

export interface SeedDemoDataResult {
  /** What this run added; a second run adds nothing. */
  inserted: {
    organisations: number;
    /** Entries of the directory of foreign missions. */
    missions: number;
    users: number;
    cases: number;
    people: number;
    notes: number;
    notifications: number;
    notificationUpdates: number;
    cooperationActions: number;
    messages: number;
    officialNotifications: number;
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
    const insertedMissions = await seedDemoMissions(tx, (slug) => organisation(slug).id);
    const directory: DemoDirectory = {
      organisation,
      userId: (email: DemoAccountEmail) => {
        const id = userIdByEmail.get(email);
        if (!id) throw new Error(`Demo user ${email} is missing`);
        return id;
      },
      missions: await loadDirectoryMissions(tx),
    };

    const inserted = {
      organisations: insertedOrganisations.length,
      missions: insertedMissions,
      users: insertedUsers.length,
      cases: 0,
      people: 0,
      notes: 0,
      notifications: 0,
      notificationUpdates: 0,
      cooperationActions: 0,
      messages: 0,
      officialNotifications: 0,
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
    for (const batch of batches(plan.officialNotifications)) await tx.insert(officialNotifications).values(batch);
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
        officialNotifications: plan.officialNotifications.length,
        events: events.length,
      },
    };
  });
}

/**
 * The directory of foreign missions (demo-data/shared/demo-missions.ts): a mission whose slug is taken, or whose
 * country already has its embassy, is left as it is (an admin may have edited it), and so is its district.
 */
async function seedDemoMissions(tx: Transaction, organisationId: (slug: DemoOrganisationSlug) => string): Promise<number> {
  const inserted = await tx
    .insert(foreignMissions)
    .values(
      demoMissions.map(({ organisationSlug, provinceCodes: _district, ...mission }) => ({
        ...mission,
        organisationId: organisationSlug ? organisationId(organisationSlug) : null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: foreignMissions.id, slug: foreignMissions.slug });
  const districts = inserted.flatMap(({ id, slug }) => (demoMissions.find((mission) => mission.slug === slug)?.provinceCodes ?? []).map((provinceCode) => ({ missionId: id, provinceCode })));
  if (districts.length > 0) await tx.insert(missionDistricts).values(districts);
  return inserted.length;
}

/** The whole directory as routing reads it, each mission with its district. */
async function loadDirectoryMissions(tx: Transaction): Promise<DemoDirectoryMission[]> {
  const missions = await tx.select().from(foreignMissions);
  const districts = await tx.select().from(missionDistricts);
  return missions.map((mission) => ({
    id: mission.id,
    countryCode: mission.countryCode,
    missionType: mission.missionType,
    organisationId: mission.organisationId,
    isActive: mission.isActive,
    nameEn: mission.nameEn,
    provinceCodes: districts.filter((district) => district.missionId === mission.id).map((district) => district.provinceCode),
  }));
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
