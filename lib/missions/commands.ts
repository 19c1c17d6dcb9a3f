import 'server-only';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { foreignMissions, missionDistricts, organisations, provinces, type MissionType } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/domain-error';
import { isConsularPost, type CreateMissionInput, type UpdateMissionInput } from './schemas';

/**
 * Every write to one country's part of the directory waits for the others (an advisory lock per country), so two
 * admins cannot both add the country's embassy, put one province in two posts' districts or link one organisation
 * twice: each check below sees what the other wrote. Countries are locked in a fixed order, so a change of country
 * (which locks both) cannot deadlock with another.
 */
export async function lockCountryDirectory(tx: Transaction, ...countryCodes: string[]): Promise<void> {
  for (const countryCode of [...new Set(countryCodes)].sort()) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`foreign_missions:${countryCode}`}))`);
  }
}

function slugPart(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A stable natural key (`consulate-general-vn-sihanoukville`), made unique with a number when taken. */
async function uniqueMissionSlug(tx: Transaction, base: string): Promise<string> {
  const stem = base.slice(0, 56);
  for (let attempt = 1; ; attempt++) {
    const slug = attempt === 1 ? stem : `${stem}-${attempt}`;
    const [taken] = await tx.select({ id: foreignMissions.id }).from(foreignMissions).where(eq(foreignMissions.slug, slug)).limit(1);
    if (!taken) return slug;
  }
}

/**
 * The rules of the directory that need the database; each refusal names its field. Call it with the country locked
 * (lockCountryDirectory).
 */
async function checkMissionRules(tx: Transaction, input: CreateMissionInput, exceptId?: string): Promise<void> {
  const others = exceptId ? ne(foreignMissions.id, exceptId) : undefined;
  if (input.missionType === 'embassy') {
    const [embassy] = await tx
      .select({ id: foreignMissions.id })
      .from(foreignMissions)
      .where(and(eq(foreignMissions.countryCode, input.countryCode), eq(foreignMissions.missionType, 'embassy'), others))
      .limit(1);
    if (embassy) throw DomainError.invalid({ missionType: ['missions.validation.embassyExists'] });
  }
  if (input.provinceCodes.length > 0) {
    const known = await tx.select({ code: provinces.code }).from(provinces).where(inArray(provinces.code, input.provinceCodes));
    if (known.length !== new Set(input.provinceCodes).size) throw DomainError.invalid({ provinceCodes: ['validation.invalidChoice'] });
  }
  // Routing picks the post whose district holds the province: two active posts of a country may not share one.
  if (input.isActive && isConsularPost(input.missionType) && input.provinceCodes.length > 0) {
    const [overlap] = await tx
      .select({ provinceCode: missionDistricts.provinceCode })
      .from(missionDistricts)
      .innerJoin(foreignMissions, eq(foreignMissions.id, missionDistricts.missionId))
      .where(and(eq(foreignMissions.countryCode, input.countryCode), eq(foreignMissions.isActive, true), inArray(missionDistricts.provinceCode, input.provinceCodes), others))
      .limit(1);
    if (overlap) throw DomainError.invalid({ provinceCodes: ['missions.validation.districtOverlap'] });
  }
  if (input.organisationId !== '') {
    const [organisation] = await tx
      .select({ kind: organisations.kind, countryCode: organisations.countryCode, isActive: organisations.isActive })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId))
      .limit(1);
    if (organisation?.kind !== 'embassy') throw DomainError.invalid({ organisationId: ['validation.invalidChoice'] });
    if (organisation.countryCode !== input.countryCode) throw DomainError.invalid({ organisationId: ['missions.validation.organisationCountry'] });
    if (!organisation.isActive) throw DomainError.invalid({ organisationId: ['admin.validation.organisationInactive'] });
    const [linked] = await tx
      .select({ id: foreignMissions.id })
      .from(foreignMissions)
      .where(and(eq(foreignMissions.organisationId, input.organisationId), others))
      .limit(1);
    if (linked) throw DomainError.invalid({ organisationId: ['missions.validation.organisationTaken'] });
  }
}

function missionColumns(input: CreateMissionInput) {
  return {
    missionType: input.missionType,
    countryCode: input.countryCode,
    nameEn: input.nameEn,
    nameKm: input.nameKm,
    nameZh: input.nameZh,
    city: input.city,
    email: input.email || null,
    phone: input.phone || null,
    fax: input.fax || null,
    organisationId: input.organisationId || null,
    isActive: input.isActive,
  };
}

async function writeDistrict(tx: Transaction, missionId: string, provinceCodes: readonly string[]): Promise<void> {
  await tx.delete(missionDistricts).where(eq(missionDistricts.missionId, missionId));
  const codes = [...new Set(provinceCodes)];
  if (codes.length > 0) await tx.insert(missionDistricts).values(codes.map((provinceCode) => ({ missionId, provinceCode })));
}

export async function createMission(actor: Actor, input: CreateMissionInput): Promise<{ id: string }> {
  requirePermission(actor, 'manage:directory:all');
  return getDb().transaction(async (tx) => {
    await lockCountryDirectory(tx, input.countryCode);
    await checkMissionRules(tx, input);
    const slug = await uniqueMissionSlug(tx, slugPart(`${input.missionType}-${input.countryCode}-${input.city}`));
    const [created] = await tx
      .insert(foreignMissions)
      .values({ slug, ...missionColumns(input) })
      .returning({ id: foreignMissions.id });
    if (!created) throw new Error('mission not created');
    await writeDistrict(tx, created.id, input.provinceCodes);
    await recordAudit(tx, {
      actor,
      action: 'admin.mission.create',
      entityType: 'foreign_mission',
      entityId: created.id,
      details: { slug, ...missionColumns(input), provinceCodes: [...input.provinceCodes].sort() },
    });
    return { id: created.id };
  });
}

/** Field → { from, to } for what changed, the district as a sorted list, so the audit entry says what the admin did. */
function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = { from: before[key] ?? null, to: value ?? null };
  }
  return changes;
}

export async function updateMission(actor: Actor, input: UpdateMissionInput): Promise<{ version: number }> {
  requirePermission(actor, 'manage:directory:all');
  return getDb().transaction(async (tx) => {
    const [unlocked] = await tx.select({ countryCode: foreignMissions.countryCode }).from(foreignMissions).where(eq(foreignMissions.id, input.id)).limit(1);
    if (!unlocked) throw DomainError.notFound('mission');
    await lockCountryDirectory(tx, unlocked.countryCode, input.countryCode);
    const [current] = await tx.select().from(foreignMissions).where(eq(foreignMissions.id, input.id)).for('update');
    if (!current) throw DomainError.notFound('mission');
    if (current.version !== input.version) throw DomainError.conflict('admin.errors.conflict', { changedBy: null, changedAt: current.updatedAt });
    await checkMissionRules(tx, input, current.id);
    const district = await tx.select({ provinceCode: missionDistricts.provinceCode }).from(missionDistricts).where(eq(missionDistricts.missionId, current.id));
    const columns = missionColumns(input);
    const [updated] = await tx
      .update(foreignMissions)
      .set({ ...columns, version: sql`${foreignMissions.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(foreignMissions.id, current.id), eq(foreignMissions.version, input.version)))
      .returning({ version: foreignMissions.version });
    if (!updated) throw DomainError.conflict('admin.errors.conflict', { changedBy: null, changedAt: current.updatedAt });
    await writeDistrict(tx, current.id, input.provinceCodes);
    await recordAudit(tx, {
      actor,
      action: 'admin.mission.update',
      entityType: 'foreign_mission',
      entityId: current.id,
      details: {
        changes: changesBetween(
          { ...current, provinceCodes: district.map((row) => row.provinceCode).sort() },
          { ...columns, provinceCodes: [...new Set(input.provinceCodes)].sort() },
        ),
      },
    });
    return { version: updated.version };
  });
}

/**
 * The directory's embassy row for a new embassy-kind organisation whose country has none yet, in the transaction
 * that created it, so the directory stays complete. A country that already has its embassy gets nothing here: the
 * admin links the new organisation from the missions pages (a post's entry, or the embassy's when an embassy off
 * CaseBridge joins). Returns the row's id, if one was made.
 */
export async function addEmbassyMissionFor(
  tx: Transaction,
  organisation: { id: string; slug: string; countryCode: string; nameEn: string; nameKm: string; nameZh: string; dutyEmailAddresses: readonly string[] },
): Promise<string | null> {
  await lockCountryDirectory(tx, organisation.countryCode);
  const [embassy] = await tx
    .select({ id: foreignMissions.id })
    .from(foreignMissions)
    .where(and(eq(foreignMissions.countryCode, organisation.countryCode), eq(foreignMissions.missionType, 'embassy' satisfies MissionType)))
    .limit(1);
  if (embassy) return null;
  const [created] = await tx
    .insert(foreignMissions)
    .values({
      slug: await uniqueMissionSlug(tx, organisation.slug),
      countryCode: organisation.countryCode,
      missionType: 'embassy',
      nameEn: organisation.nameEn,
      nameKm: organisation.nameKm,
      nameZh: organisation.nameZh,
      // Embassies accredited to Cambodia sit in its capital; the admin corrects it on the mission's page if not.
      city: 'Phnom Penh',
      email: organisation.dutyEmailAddresses[0] ?? null,
      organisationId: organisation.id,
    })
    .returning({ id: foreignMissions.id });
  return created?.id ?? null;
}
