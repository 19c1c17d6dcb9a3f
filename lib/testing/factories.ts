import type { RequestContext } from '@/lib/audit/request-context';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { foreignMissions, missionDistricts, organisations, users, type MissionType, type Role } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { CreateCaseInput, PersonInput } from '@/lib/cases/schemas';
import { hashPassword } from '@/lib/auth/password';
import { generateTotpSecret } from '@/lib/auth/totp';
import { sealTotpSecret } from '@/lib/auth/totp-secret-box';
import { organisationKindsOfRole } from '@/lib/auth/roles';

/** Small builders for test data, unique per call so test files never collide. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

type OrganisationInput = Partial<typeof organisations.$inferInsert> & { kind: (typeof organisations.$inferInsert)['kind'] };

export async function createOrganisation(input: OrganisationInput) {
  const suffix = uniqueSuffix();
  const [row] = await getDb()
    .insert(organisations)
    .values({
      slug: `${input.kind}-${suffix}`,
      nameEn: `Test ${input.kind} ${suffix}`,
      nameKm: `សាកល្បង ${suffix}`,
      nameZh: `测试 ${suffix}`,
      provinceCode: input.kind === 'police' || input.kind === 'governor_office' ? 'KKG' : null,
      ...input,
    })
    .returning();
  if (!row) throw new Error('organisation not created');
  return row;
}

/**
 * A directory entry (db/schema/directory.ts) with its consular district: on CaseBridge when `organisationId` is
 * given, off CaseBridge (contacts only) otherwise.
 */
export async function createMission(input: { countryCode: string; missionType: MissionType; organisationId?: string; provinceCodes?: string[]; nameEn?: string; nameKm?: string; nameZh?: string; city?: string }) {
  const suffix = uniqueSuffix();
  const [row] = await getDb()
    .insert(foreignMissions)
    .values({
      slug: `mission-${input.countryCode.toLowerCase()}-${suffix}`,
      countryCode: input.countryCode,
      missionType: input.missionType,
      nameEn: input.nameEn ?? `Test mission ${suffix}`,
      nameKm: input.nameKm ?? `បេសកកម្មសាកល្បង ${suffix}`,
      nameZh: input.nameZh ?? `测试使团 ${suffix}`,
      city: input.city ?? 'Phnom Penh',
      organisationId: input.organisationId ?? null,
    })
    .returning();
  if (!row) throw new Error('mission not created');
  if (input.provinceCodes?.length) await getDb().insert(missionDistricts).values(input.provinceCodes.map((provinceCode) => ({ missionId: row.id, provinceCode })));
  return row;
}

/** Countries no test names explicitly, handed out in turn so embassies made by default never collide. */
const spareCountryCodes = ['AR', 'BR', 'CL', 'DK', 'EE', 'FI', 'GH', 'HU', 'IS', 'JM', 'KE', 'LT', 'MX', 'NO', 'PE', 'RO', 'SE', 'TN', 'UY', 'ZA'];
let spareCountryIndex = 0;
function nextSpareCountryCode(): string {
  const code = spareCountryCodes[spareCountryIndex++ % spareCountryCodes.length];
  if (!code) throw new Error('no spare country code');
  return code;
}

const testPasswordHash = hashPassword('correct horse battery staple');
export const testPassword = 'correct horse battery staple';

export async function createUser(input: { role: Role; organisationId?: string } & Partial<typeof users.$inferInsert>) {
  const organisationId =
    input.organisationId ??
    (
      await createOrganisation({
        kind: organisationKindsOfRole[input.role][0] ?? 'platform',
        ...(input.role === 'embassy_liaison' ? { countryCode: nextSpareCountryCode() } : {}),
      })
    ).id;
  const suffix = uniqueSuffix();
  const [row] = await getDb()
    .insert(users)
    .values({
      name: `Test user ${suffix}`,
      email: `user-${suffix}@test.example`,
      passwordHash: await testPasswordHash,
      ...input,
      organisationId,
    })
    .returning();
  if (!row) throw new Error('user not created');
  // Admins must have two-step sign-in; like the demo admin, a test admin has it unless a test says otherwise.
  if (row.role === 'admin' && input.totpEnabledAt === undefined) return enrolSecondFactor(row);
  return row;
}

/** Turns two-step sign-in on for a test user with a fresh secret; `totpSecret` is the plain base32 secret for computing codes. */
export async function enrolSecondFactor(user: typeof users.$inferSelect, secret = generateTotpSecret()) {
  const [row] = await getDb()
    .update(users)
    .set({ totpSecret: sealTotpSecret(secret, user.id), totpEnabledAt: new Date(), totpLastUsedStep: null })
    .where(eq(users.id, user.id))
    .returning();
  if (!row) throw new Error('user not found');
  return Object.assign(row, { plainTotpSecret: secret });
}

/** The actor a data-access function would receive for this user. */
export async function actorFor(user: typeof users.$inferSelect): Promise<Actor> {
  const { loadActor } = await import('@/lib/auth/load-actor');
  const actor = await loadActor(user.id, user.sessionVersion);
  if (!actor) throw new Error('user cannot act (inactive?)');
  return actor;
}

/** A valid intake form for the actor's province: one Cambodian witness unless people are given. */
export function buildCaseInput(
  overrides: Partial<CreateCaseInput> = {},
): CreateCaseInput {
  return {
    crimeType: 'online_scam',
    provinceCode: 'KKG',
    district: 'Botum Sakor',
    commune: 'Andoung Tuek',
    placeDescription: 'Compound on National Road 48',
    occurredAt: '2026-03-01T08:00',
    reportedAt: '2026-03-02T09:30',
    title: `Test case ${uniqueSuffix()}`,
    narrative: 'Workers reported being held against their will.',
    isNarrativeShareable: false,
    narrativeHandlingCode: 'H0',
    narrativeHandlingNote: '',
    people: [buildPersonInput({ roleInCase: 'witness', nationality: 'KH', latinName: 'Sok Dara' })],
    ...overrides,
  };
}

export function buildPersonInput(
  overrides: Partial<PersonInput> = {},
): PersonInput {
  return {
    roleInCase: 'suspect',
    latinName: `Person ${uniqueSuffix()}`,
    nativeName: '',
    sex: 'male',
    dateOfBirth: '',
    approximateAge: '35',
    nationality: 'CN',
    idDocumentType: '',
    idDocumentNumber: '',
    detentionStatus: 'not_detained',
    detentionChangedAt: '',
    isSensitiveVictim: false,
    ...overrides,
  };
}

/** A request from `ipAddress`, as the trusted proxy would report it. */
export function requestFrom(ipAddress: string | null): RequestContext {
  return { ipAddress, userAgent: 'vitest' };
}
