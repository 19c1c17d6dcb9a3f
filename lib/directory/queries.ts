import 'server-only';
import { and, asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { organisations, users, type OrganisationKind, type Role } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import type { Locale } from '@/lib/i18n/locales';
import { isUuid } from '@/lib/ids';
import { containsPattern } from '@/lib/search/like-pattern';
import type { ListUsersQuery } from './schemas';
import type { LocalizedNames } from '@/lib/i18n/localized-name';
import { DomainError } from '@/lib/domain-error';

export interface OrganisationListItem {
  id: string;
  kind: OrganisationKind;
  names: LocalizedNames;
  provinceCode: string | null;
  countryCode: string | null;
  isActive: boolean;
  userCount: number;
  activeUserCount: number;
}

export async function listOrganisations(actor: Actor): Promise<OrganisationListItem[]> {
  requirePermission(actor, 'manage:directory:all');
  const rows = await getDb()
    .select({
      id: organisations.id,
      kind: organisations.kind,
      nameEn: organisations.nameEn,
      nameKm: organisations.nameKm,
      nameZh: organisations.nameZh,
      provinceCode: organisations.provinceCode,
      countryCode: organisations.countryCode,
      isActive: organisations.isActive,
      userCount: sql<number>`count(${users.id})`.mapWith(Number),
      activeUserCount: sql<number>`count(${users.id}) filter (where ${users.isActive})`.mapWith(Number),
    })
    .from(organisations)
    .leftJoin(users, eq(users.organisationId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.kind), asc(organisations.nameEn));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    names: { en: row.nameEn, km: row.nameKm, zh: row.nameZh },
    provinceCode: row.provinceCode,
    countryCode: row.countryCode,
    isActive: row.isActive,
    userCount: row.userCount,
    activeUserCount: row.activeUserCount,
  }));
}

export interface OrganisationDetails {
  id: string;
  kind: OrganisationKind;
  slug: string;
  names: LocalizedNames;
  provinceCode: string | null;
  countryCode: string | null;
  ackDeadlineHours: number;
  detentionAckDeadlineHours: number;
  /** Its users must set up two-step sign-in before anything else. */
  requiresTotp: boolean;
  /** Shared mailboxes that receive every new notification with the liaison officers. */
  dutyEmailAddresses: string[];
  isActive: boolean;
  version: number;
  updatedAt: Date;
}

export async function getOrganisationForAdmin(actor: Actor, organisationId: string): Promise<OrganisationDetails> {
  requirePermission(actor, 'manage:directory:all');
  if (!isUuid(organisationId)) throw DomainError.notFound('organisation');
  const [row] = await getDb().select().from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  if (!row) throw DomainError.notFound('organisation');
  return {
    id: row.id,
    kind: row.kind,
    slug: row.slug,
    names: { en: row.nameEn, km: row.nameKm, zh: row.nameZh },
    provinceCode: row.provinceCode,
    countryCode: row.countryCode,
    ackDeadlineHours: row.ackDeadlineHours,
    detentionAckDeadlineHours: row.detentionAckDeadlineHours,
    requiresTotp: row.requiresTotp,
    dutyEmailAddresses: row.dutyEmailAddresses,
    isActive: row.isActive,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

export interface OrganisationOption {
  id: string;
  kind: OrganisationKind;
  names: LocalizedNames;
  isActive: boolean;
}

/** For pickers and filters: every organisation, active ones first. */
export async function listOrganisationOptions(actor: Actor): Promise<OrganisationOption[]> {
  requirePermission(actor, 'manage:directory:all');
  const rows = await getDb()
    .select({ id: organisations.id, kind: organisations.kind, nameEn: organisations.nameEn, nameKm: organisations.nameKm, nameZh: organisations.nameZh, isActive: organisations.isActive })
    .from(organisations)
    .orderBy(desc(organisations.isActive), asc(organisations.nameEn));
  return rows.map((row) => ({ id: row.id, kind: row.kind, names: { en: row.nameEn, km: row.nameKm, zh: row.nameZh }, isActive: row.isActive }));
}

/** What an admin sees of an account: never the password hash or the second-factor secret. */
export interface UserAdminView {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisation: { id: string; kind: OrganisationKind; names: LocalizedNames; isActive: boolean };
  preferredLocale: Locale;
  isActive: boolean;
  isLocked: boolean;
  lockedUntil: Date | null;
  failedSignInCount: number;
  lastSignInAt: Date | null;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  /** When two-step sign-in was turned on, or null when it is off. */
  secondFactorEnabledAt: Date | null;
  version: number;
  createdAt: Date;
}

const userAdminColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  preferredLocale: users.preferredLocale,
  isActive: users.isActive,
  isLocked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)`,
  lockedUntil: users.lockedUntil,
  failedSignInCount: users.failedSignInCount,
  lastSignInAt: users.lastSignInAt,
  mustChangePassword: users.mustChangePassword,
  passwordChangedAt: users.passwordChangedAt,
  secondFactorEnabledAt: users.totpEnabledAt,
  version: users.version,
  createdAt: users.createdAt,
  organisationId: organisations.id,
  organisationKind: organisations.kind,
  organisationActive: organisations.isActive,
  nameEn: organisations.nameEn,
  nameKm: organisations.nameKm,
  nameZh: organisations.nameZh,
};

function selectUserAdminRows() {
  return getDb().select(userAdminColumns).from(users).innerJoin(organisations, eq(organisations.id, users.organisationId)).$dynamic();
}

type UserAdminRow = Awaited<ReturnType<typeof selectUserAdminRows>>[number];

function toUserAdminView(row: UserAdminRow): UserAdminView {
  // Field by field, not by object rest (decision 027).
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    organisation: { id: row.organisationId, kind: row.organisationKind, isActive: row.organisationActive, names: { en: row.nameEn, km: row.nameKm, zh: row.nameZh } },
    preferredLocale: row.preferredLocale,
    isActive: row.isActive,
    isLocked: row.isLocked,
    lockedUntil: row.lockedUntil,
    failedSignInCount: row.failedSignInCount,
    lastSignInAt: row.lastSignInAt,
    mustChangePassword: row.mustChangePassword,
    passwordChangedAt: row.passwordChangedAt,
    secondFactorEnabledAt: row.secondFactorEnabledAt,
    version: row.version,
    createdAt: row.createdAt,
  };
}

export const usersPageSize = 25;

export interface UserListPage {
  users: UserAdminView[];
  total: number;
  page: number;
  pageCount: number;
}

/** Matches text literally in LIKE, so "50%" or "a_b" find themselves. */
export async function listUsers(actor: Actor, query: ListUsersQuery): Promise<UserListPage> {
  requirePermission(actor, 'manage:directory:all');
  const conditions = [
    eq(users.isApiKeyAccount, false),
    query.q ? or(ilike(users.name, containsPattern(query.q)), ilike(users.email, containsPattern(query.q))) : undefined,
    query.organisationId ? eq(users.organisationId, query.organisationId) : undefined,
    query.role ? eq(users.role, query.role) : undefined,
    query.status === 'active' ? eq(users.isActive, true) : undefined,
    query.status === 'inactive' ? eq(users.isActive, false) : undefined,
    query.status === 'locked' ? sql`${users.lockedUntil} > now()` : undefined,
    query.status === 'must_change_password' ? eq(users.mustChangePassword, true) : undefined,
  ];
  const where = and(...conditions);
  const db = getDb();
  const [counted] = await db.select({ total: count() }).from(users).where(where);
  const total = counted?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / usersPageSize));
  const page = Math.min(query.page, pageCount);
  const rows = await selectUserAdminRows()
    .where(where)
    .orderBy(asc(users.name), asc(users.id))
    .limit(usersPageSize)
    .offset((page - 1) * usersPageSize);
  return { users: rows.map(toUserAdminView), total, page, pageCount };
}

export async function getUserForAdmin(actor: Actor, userId: string): Promise<UserAdminView> {
  requirePermission(actor, 'manage:directory:all');
  if (!isUuid(userId)) throw DomainError.notFound('user');
  const [row] = await selectUserAdminRows().where(eq(users.id, userId)).limit(1);
  if (!row) throw DomainError.notFound('user');
  return toUserAdminView(row);
}

/** A member of the organisation administrator's own organisation, as its members list shows it. */
export interface OrganisationMemberView {
  id: string;
  name: string;
  email: string;
  role: Role;
  isActive: boolean;
  version: number;
  lastSignInAt: Date | null;
}

/** The people of the actor's own organisation (not its API keys' accounts), for its organisation administrator. */
export async function listOrganisationMembers(actor: Actor): Promise<OrganisationMemberView[]> {
  requirePermission(actor, 'manage:users:own-organisation');
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, isActive: users.isActive, version: users.version, lastSignInAt: users.lastSignInAt })
    .from(users)
    .where(and(eq(users.organisationId, actor.organisationId), eq(users.isApiKeyAccount, false)))
    .orderBy(asc(users.name));
}
