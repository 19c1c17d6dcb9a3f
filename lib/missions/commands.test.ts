import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, foreignMissions } from '@/db/schema';
import { isDomainError } from '@/lib/domain-error';
import { actorFor, createOrganisation, createUser, uniqueSuffix } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { createMission, updateMission } from './commands';
import { getMissionForAdmin, listLinkableOrganisations, listMissions } from './queries';
import { createMissionSchema, listMissionsQuerySchema, type CreateMissionInput } from './schemas';

withTestDatabase();

async function adminActor() {
  const platform = await createOrganisation({ kind: 'platform' });
  return actorFor(await createUser({ role: 'admin', organisationId: platform.id }));
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isDomainError(error, 'invalid')) throw new Error(`expected an invalid-input DomainError, got ${String(error)}`);
  return error.fieldErrors;
}

/** Each test gets countries of its own, so tests in one file never share a country's directory. */
const countries = ['AT', 'BE', 'CH', 'CZ', 'DE', 'ES', 'FR', 'GR', 'IE', 'IT', 'NL', 'PL', 'PT', 'SK', 'SI', 'HR'];
let nextCountry = 0;
const freshCountry = () => countries[nextCountry++ % countries.length]!;

const missionInput = (overrides: Partial<CreateMissionInput> = {}): CreateMissionInput => ({
  missionType: 'consulate_general',
  countryCode: 'AT',
  nameEn: `Consulate-General ${uniqueSuffix()}`,
  nameKm: 'អគ្គកុងស៊ុល',
  nameZh: '总领事馆',
  city: 'Siem Reap',
  provinceCodes: ['SRP'],
  email: 'consular@post.example',
  phone: '',
  fax: '',
  organisationId: '',
  isActive: true,
  ...overrides,
});

async function lastAuditEntry(entityId: string) {
  const [entry] = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, entityId), eq(auditLog.entityType, 'foreign_mission')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return entry;
}

describe('the directory of foreign missions', () => {
  it('refuses every role but admin, as "not found"', async () => {
    const officer = await actorFor(await createUser({ role: 'police_officer' }));
    await expect(createMission(officer, missionInput({ countryCode: freshCountry() }))).rejects.toMatchObject({ kind: 'not_found' });
    await expect(listMissions(officer, listMissionsQuerySchema.parse({}))).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('creates a post off CaseBridge with its district, audited, and lists it under its filters', async () => {
    const admin = await adminActor();
    const country = freshCountry();
    const { id } = await createMission(admin, missionInput({ countryCode: country, provinceCodes: ['SRP', 'BMC'], phone: '+855 63 000 001' }));
    const created = await getMissionForAdmin(admin, id);
    expect(created).toMatchObject({ missionType: 'consulate_general', countryCode: country, city: 'Siem Reap', provinceCodes: ['BMC', 'SRP'], organisationId: null, isActive: true, version: 1 });
    expect(created.slug).toBe(`consulate-general-${country.toLowerCase()}-siem-reap`);
    expect(await lastAuditEntry(id)).toMatchObject({ action: 'admin.mission.create', actorUserId: admin.userId });

    const off = await listMissions(admin, listMissionsQuerySchema.parse({ country, presence: 'off' }));
    expect(off.missions.map((mission) => mission.id)).toEqual([id]);
    expect(off.missions[0]?.provinceCodes).toEqual(['BMC', 'SRP']);
    expect((await listMissions(admin, listMissionsQuerySchema.parse({ country, presence: 'on' }))).total).toBe(0);
    expect((await listMissions(admin, listMissionsQuerySchema.parse({ country, type: 'embassy' }))).total).toBe(0);
  });

  it('allows one embassy per country, with no district', async () => {
    const admin = await adminActor();
    const country = freshCountry();
    const embassy = missionInput({ missionType: 'embassy', countryCode: country, city: 'Phnom Penh', provinceCodes: [] });
    await createMission(admin, embassy);
    expect(await fieldErrorsOf(createMission(admin, { ...embassy, nameEn: 'Another embassy' }))).toEqual({ missionType: ['missions.validation.embassyExists'] });
    const withDistrict = createMissionSchema.safeParse({ ...embassy, provinceCodes: ['KKG'] });
    expect(withDistrict.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['provinceCodes', 'missions.validation.embassyHasNoDistrict']]);
    const postWithout = createMissionSchema.safeParse({ ...embassy, missionType: 'consulate', provinceCodes: [] });
    expect(postWithout.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['provinceCodes', 'missions.validation.districtRequired']]);
  });

  it('puts a province in the district of only one active post of a country', async () => {
    const admin = await adminActor();
    const country = freshCountry();
    const first = await createMission(admin, missionInput({ countryCode: country, provinceCodes: ['KKG', 'PSN'] }));
    const overlapping = missionInput({ countryCode: country, missionType: 'honorary_consul', city: 'Koh Kong', provinceCodes: ['KKG'] });
    expect(await fieldErrorsOf(createMission(admin, overlapping))).toEqual({ provinceCodes: ['missions.validation.districtOverlap'] });
    // Another country's post, or an inactive one, may cover it.
    await createMission(admin, { ...overlapping, countryCode: freshCountry() });
    const inactive = await createMission(admin, { ...overlapping, isActive: false });
    // Reactivating it while the other covers the province is refused too, and changes nothing.
    const loaded = await getMissionForAdmin(admin, inactive.id);
    expect(await fieldErrorsOf(updateMission(admin, { ...overlapping, id: inactive.id, version: loaded.version, isActive: true }))).toEqual({ provinceCodes: ['missions.validation.districtOverlap'] });
    expect((await getMissionForAdmin(admin, inactive.id)).isActive).toBe(false);
    // The first post keeps its own district when it is edited.
    const firstLoaded = await getMissionForAdmin(admin, first.id);
    await updateMission(admin, { ...missionInput({ countryCode: country, provinceCodes: ['PSN', 'KKG', 'KPT'] }), id: first.id, version: firstLoaded.version });
    expect((await getMissionForAdmin(admin, first.id)).provinceCodes).toEqual(['KKG', 'KPT', 'PSN']);
  });

  it('asks for a contact when the mission is off CaseBridge', () => {
    const result = createMissionSchema.safeParse(missionInput({ email: '', phone: '', fax: '' }));
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['email', 'missions.validation.contactRequired']]);
    expect(createMissionSchema.safeParse(missionInput({ email: '', fax: '+855 23 000 002' })).success).toBe(true);
    expect(createMissionSchema.safeParse(missionInput({ email: 'not an address' })).error?.issues[0]?.message).toBe('validation.email');
  });

  it('links an active embassy-kind organisation of the same country, once', async () => {
    const admin = await adminActor();
    const country = freshCountry();
    const post = await createOrganisation({ kind: 'embassy', countryCode: country });
    const otherCountry = await createOrganisation({ kind: 'embassy', countryCode: freshCountry() });
    const police = await createOrganisation({ kind: 'police' });
    const input = missionInput({ countryCode: country, email: '', organisationId: post.id });
    expect((await listLinkableOrganisations(admin)).some((organisation) => organisation.id === post.id)).toBe(true);

    expect(await fieldErrorsOf(createMission(admin, { ...input, organisationId: otherCountry.id }))).toEqual({ organisationId: ['missions.validation.organisationCountry'] });
    expect(await fieldErrorsOf(createMission(admin, { ...input, organisationId: police.id }))).toEqual({ organisationId: ['validation.invalidChoice'] });
    const { id } = await createMission(admin, input);
    expect(await fieldErrorsOf(createMission(admin, { ...input, provinceCodes: ['KPT'] }))).toEqual({ organisationId: ['missions.validation.organisationTaken'] });
    expect((await listMissions(admin, listMissionsQuerySchema.parse({ country, presence: 'on' }))).missions[0]).toMatchObject({ id, organisation: { id: post.id } });
    // Linked now: offered only to its own mission's form.
    expect((await listLinkableOrganisations(admin)).some((organisation) => organisation.id === post.id)).toBe(false);
    expect((await listLinkableOrganisations(admin, id)).some((organisation) => organisation.id === post.id)).toBe(true);
  });

  it('edits with the version the admin loaded, audited with what changed; the second writer is refused', async () => {
    const admin = await adminActor();
    const country = freshCountry();
    const { id } = await createMission(admin, missionInput({ countryCode: country, provinceCodes: ['BTB'] }));
    const loaded = await getMissionForAdmin(admin, id);
    const form = { ...missionInput({ countryCode: country, nameEn: loaded.names.en, provinceCodes: ['BTB', 'PLN'], city: 'Battambang' }), id, version: loaded.version };
    const { version } = await updateMission(admin, form);
    expect(version).toBe(loaded.version + 1);
    expect((await lastAuditEntry(id))?.details).toMatchObject({
      changes: { city: { from: 'Siem Reap', to: 'Battambang' }, provinceCodes: { from: ['BTB'], to: ['BTB', 'PLN'] } },
    });
    await expect(updateMission(admin, { ...form, city: 'Pailin' })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await getMissionForAdmin(admin, id)).toMatchObject({ city: 'Battambang', version });
    await expect(getMissionForAdmin(admin, 'not-a-uuid')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses a province that does not exist, writing nothing', async () => {
    const admin = await adminActor();
    const country = freshCountry();
    expect(await fieldErrorsOf(createMission(admin, missionInput({ countryCode: country, provinceCodes: ['ZZZ'] })))).toEqual({ provinceCodes: ['validation.invalidChoice'] });
    expect(await getDb().$count(foreignMissions, eq(foreignMissions.countryCode, country))).toBe(0);
  });
});
