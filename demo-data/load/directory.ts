// No `import 'server-only'`: `npm run db:load` runs this under tsx, outside React, where that import throws.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { foreignMissions, organisations, provinces, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/db/schema';
import { demoName, type DemoNationality } from '@/demo-data/shared/demo-names';
import { demoOrganisations } from '@/demo-data/shared/demo-organisations';
import { SeededRandom } from '@/demo-data/shared/prng';
import type { LoadEmbassy, LoadProvince, LoadUser } from './generate';
import { loadEmbassies } from './mix';

/** Every account the load creates signs in with this password (printed by `npm run db:load`). */
export const loadPassword = 'national-scale-load-data';

export interface LoadDirectory {
  provinces: { code: string; population: number }[];
  police: Map<string, LoadProvince>;
  embassies: LoadEmbassy[];
  /** Accounts made for the benchmarks to act as. */
  sampleAccounts: { role: Role; email: string; organisation: string }[];
  createdOrganisations: number;
  createdUsers: number;
}

type OrganisationInsert = typeof organisations.$inferInsert;

interface PlannedUser {
  email: string;
  name: string;
  role: Role;
  organisationSlug: string;
  preferredLocale: 'en' | 'km' | 'zh-CN';
}

/** Police officers per province grow with its population: 3 in Kep, 14 in Phnom Penh. */
function officerCount(population: number): number {
  return Math.min(14, Math.max(3, Math.round(population / 200_000) + 2));
}

/**
 * Makes sure the organisations and accounts the generated cases refer to exist — a police force and a
 * governor's office per province, an embassy per nationality the generator uses, the ministry — adding only
 * what is missing (organisations by slug, an embassy also by its country, accounts by e-mail), so running the
 * load again, or on top of the demo seed, adds nothing twice. The password is hashed once for every account.
 */
export async function ensureLoadDirectory(db: Database, seed: number): Promise<LoadDirectory> {
  const rng = new SeededRandom(seed ^ 0x5eed);
  const provinceRows = await db.select({ code: provinces.code, nameEn: provinces.nameEn, nameKm: provinces.nameKm, nameZh: provinces.nameZh, population: provinces.population }).from(provinces);
  if (provinceRows.length === 0) throw new Error('The provinces table is empty: run `npm run db:migrate` first.');
  const demoBySlug = new Map<string, (typeof demoOrganisations)[number]>(demoOrganisations.map((organisation) => [organisation.slug, organisation]));
  const memberSince = new Date(Date.now() - 11 * 365.25 * 24 * 3_600_000);

  const wanted: OrganisationInsert[] = [];
  for (const province of provinceRows) {
    const slug = province.code.toLowerCase();
    const isCapital = province.code === 'PNH';
    wanted.push(
      demoBySlug.get(`police-${slug}`) ?? {
        slug: `police-${slug}`,
        kind: 'police',
        nameEn: `${province.nameEn} ${isCapital ? 'Municipal' : 'Provincial'} Police`,
        nameKm: `ស្នងការដ្ឋាននគរបាល${isCapital ? 'រាជធានី' : 'ខេត្ត'}${province.nameKm}`,
        nameZh: `${province.nameZh}${isCapital ? '市' : '省'}警察局`,
        provinceCode: province.code,
      },
      demoBySlug.get(`governor-${slug}`) ?? {
        slug: `governor-${slug}`,
        kind: 'governor_office',
        nameEn: `${province.nameEn} ${isCapital ? 'Municipal Hall' : "Provincial Governor's Office"}`,
        nameKm: `${isCapital ? 'សាលារាជធានី' : 'សាលាខេត្ត'}${province.nameKm}`,
        nameZh: `${province.nameZh}${isCapital ? '市政厅' : '省省长办公室'}`,
        provinceCode: province.code,
      },
    );
  }
  const ministry = demoBySlug.get('ministry-interior');
  if (ministry) wanted.push(ministry);

  // One embassy per country: reuse one that exists under another slug (an administrator made it), but not a consular
  // post's organisation (an embassy-kind organisation the directory lists as a post, such as the demo's
  // consulate-general), which would receive the whole country's load.
  const existingEmbassies = await db
    .select({ slug: organisations.slug, countryCode: organisations.countryCode })
    .from(organisations)
    .leftJoin(foreignMissions, eq(foreignMissions.organisationId, organisations.id))
    .where(
      and(
        eq(organisations.kind, 'embassy'),
        inArray(organisations.countryCode, loadEmbassies.map((embassy) => embassy.countryCode)),
        or(isNull(foreignMissions.id), eq(foreignMissions.missionType, 'embassy')),
      ),
    );
  const embassySlugByCountry = new Map(existingEmbassies.map((row) => [row.countryCode ?? '', row.slug]));
  for (const embassy of loadEmbassies) {
    const slug = embassySlugByCountry.get(embassy.countryCode) ?? `embassy-${embassy.countryCode.toLowerCase()}`;
    embassySlugByCountry.set(embassy.countryCode, slug);
    if (existingEmbassies.some((row) => row.slug === slug)) continue;
    wanted.push({ slug, kind: 'embassy', nameEn: embassy.nameEn, nameKm: embassy.nameKm, nameZh: embassy.nameZh, countryCode: embassy.countryCode, ackDeadlineHours: 72, detentionAckDeadlineHours: 24 });
  }

  const insertedOrganisations = await db
    .insert(organisations)
    .values(wanted.map((organisation) => ({ ...organisation, createdAt: memberSince })))
    .onConflictDoNothing()
    .returning({ id: organisations.id });
  const slugs = wanted.map((organisation) => organisation.slug).concat([...embassySlugByCountry.values()]);
  const organisationRows = await db.select().from(organisations).where(inArray(organisations.slug, slugs));
  const organisationBySlug = new Map(organisationRows.map((row) => [row.slug, row]));
  const organisation = (slug: string) => {
    const row = organisationBySlug.get(slug);
    if (!row) throw new Error(`Organisation ${slug} is missing after the upsert (is its slug or country taken by an organisation of another kind?)`);
    return row;
  };

  const planned: PlannedUser[] = [];
  const khmerName = () => demoName(rng, 'KH', rng.chance(0.7) ? 'male' : 'female').latinName;
  for (const province of provinceRows) {
    const code = province.code.toLowerCase();
    for (let number = 1; number <= officerCount(province.population); number += 1) {
      planned.push({ email: `officer${String(number).padStart(2, '0')}@${code}.police.load`, name: khmerName(), role: 'police_officer', organisationSlug: `police-${code}`, preferredLocale: 'en' });
    }
    for (let number = 1; number <= (province.population > 800_000 ? 2 : 1); number += 1) {
      planned.push({ email: `supervisor${String(number).padStart(2, '0')}@${code}.police.load`, name: khmerName(), role: 'police_supervisor', organisationSlug: `police-${code}`, preferredLocale: 'km' });
    }
    planned.push({ email: `governor01@${code}.governor.load`, name: khmerName(), role: 'governor_viewer', organisationSlug: `governor-${code}`, preferredLocale: 'km' });
  }
  for (const embassy of loadEmbassies) {
    const country = embassy.countryCode.toLowerCase();
    for (let number = 1; number <= 2; number += 1) {
      planned.push({
        email: `liaison${String(number).padStart(2, '0')}@${country}.embassy.load`,
        name: demoName(rng, embassy.countryCode as DemoNationality, rng.chance(0.5) ? 'male' : 'female').latinName,
        role: 'embassy_liaison',
        organisationSlug: embassySlugByCountry.get(embassy.countryCode) ?? '',
        preferredLocale: embassy.countryCode === 'CN' ? 'zh-CN' : 'en',
      });
    }
  }
  if (ministry) planned.push({ email: 'analyst01@interior.load', name: khmerName(), role: 'ministry_analyst', organisationSlug: ministry.slug, preferredLocale: 'en' });

  const emails = planned.map((user) => user.email);
  const existingUsers = await db.select({ email: users.email }).from(users).where(inArray(sql`lower(${users.email})`, emails));
  const existingEmails = new Set(existingUsers.map((row) => row.email.toLowerCase()));
  const missing = planned.filter((user) => !existingEmails.has(user.email));
  let createdUsers = 0;
  if (missing.length > 0) {
    // argon2id takes a noticeable fraction of a second: once for all accounts, not once each.
    const passwordHash = await hashPassword(loadPassword);
    const inserted = await db
      .insert(users)
      .values(missing.map((user) => ({ organisationId: organisation(user.organisationSlug).id, role: user.role, name: user.name, email: user.email, passwordHash, preferredLocale: user.preferredLocale, createdAt: memberSince })))
      .onConflictDoNothing()
      .returning({ id: users.id });
    createdUsers = inserted.length;
  }
  const userRows = await db.select({ id: users.id, email: users.email, role: users.role }).from(users).where(inArray(sql`lower(${users.email})`, emails));
  const userByEmail = new Map(userRows.map((row) => [row.email.toLowerCase(), row]));
  const usersOf = (slug: string, role: Role): LoadUser[] =>
    planned.flatMap((user) => {
      const row = userByEmail.get(user.email);
      return user.organisationSlug === slug && user.role === role && row ? [{ id: row.id, role: row.role }] : [];
    });

  const police = new Map<string, LoadProvince>();
  for (const province of provinceRows) {
    const slug = `police-${province.code.toLowerCase()}`;
    const officers = usersOf(slug, 'police_officer');
    if (officers.length === 0) throw new Error(`No load officers in ${slug}`);
    police.set(province.code, { code: province.code, policeOrganisationId: organisation(slug).id, officers, supervisors: usersOf(slug, 'police_supervisor') });
  }
  const embassies: LoadEmbassy[] = loadEmbassies.map((embassy) => {
    const row = organisation(embassySlugByCountry.get(embassy.countryCode) ?? '');
    return {
      id: row.id,
      countryCode: embassy.countryCode,
      ackDeadlineHours: row.ackDeadlineHours,
      detentionAckDeadlineHours: row.detentionAckDeadlineHours,
      liaisons: usersOf(row.slug, 'embassy_liaison'),
      language: embassy.language,
    };
  });

  return {
    provinces: provinceRows.map(({ code, population }) => ({ code, population })),
    police,
    embassies,
    sampleAccounts: [
      { role: 'police_officer', email: 'officer01@pnh.police.load', organisation: 'police-pnh' },
      { role: 'police_supervisor', email: 'supervisor01@pnh.police.load', organisation: 'police-pnh' },
      { role: 'embassy_liaison', email: 'liaison01@cn.embassy.load', organisation: embassySlugByCountry.get('CN') ?? 'embassy-cn' },
      { role: 'governor_viewer', email: 'governor01@pnh.governor.load', organisation: 'governor-pnh' },
      { role: 'ministry_analyst', email: 'analyst01@interior.load', organisation: 'ministry-interior' },
    ],
    createdOrganisations: insertedOrganisations.length,
    createdUsers,
  };
}
