import 'server-only';
import { and, asc, count, eq, isNull, lt, type SQL } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { withActorScope } from '@/lib/auth/actor-scope';
import { cases, notifications, officialNotifications, organisations, type NotificationKind } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { cappedTotalOf, totalCountCap, type CappedTotal } from '@/lib/pagination/capped-total';
import type { LocalizedNames } from '@/lib/i18n/localized-name';
import { cambodianDateOf, cambodianDayStart } from '@/lib/time/cambodia';
import { DomainError } from '@/lib/domain-error';
import { inMissionScope, missionOrganisationIdsOf } from './mission-scope';

export interface DigestItem {
  notificationId: string;
  caseId: string;
  caseReferenceNumber: string;
  embassy: LocalizedNames;
  kind: NotificationKind;
  dueAt: Date;
}

/** Midnight in Cambodia (UTC+7) at the start of `now`'s day. */
export function startOfCambodianDay(now: Date): Date {
  return cambodianDayStart(cambodianDateOf(now));
}

/** An official notification (a mission off CaseBridge) the police have not made by its deadline. */
export interface OfficialDigestItem {
  officialNotificationId: string;
  caseId: string;
  caseReferenceNumber: string;
  countryCode: string;
  kind: NotificationKind;
  dueAt: Date;
}

export interface OverdueDigest extends CappedTotal {
  asOf: Date;
  /** The longest overdue first, at most `digestItemLimit`; the rest are counted in `total`. */
  items: DigestItem[];
  /**
   * A province's official notifications still not made at the start of today, the longest overdue first (police
   * only: an embassy's digest has none). Counted apart from `total`, which counts embassies' acknowledgements.
   */
  official: CappedTotal & { items: OfficialDigestItem[] };
}

/** A digest names this many and counts the rest: it is read at a glance, the inbox lists them all. */
export const digestItemLimit = 10;

/**
 * Whose overdue notifications a digest holds: a mission's (an embassy's with its posts', decision 021), or every
 * mission's of a province's cases.
 */
export type OverdueDigestScope = { embassyOrganisationIds: readonly string[] } | { provinceCode: string };

async function overdueScopeOf(db: Database | Transaction, actor: Actor): Promise<OverdueDigestScope> {
  if (can(actor, 'read:notification:own-embassy')) return { embassyOrganisationIds: await missionOrganisationIdsOf(db, actor) };
  if (actor.provinceCode) return { provinceCode: actor.provinceCode };
  throw DomainError.notFound('digest');
}

function canReadDigest(actor: Actor): boolean {
  return can(actor, 'read:notification:own-embassy') || (can(actor, 'assign:case:own-province') && actor.provinceCode !== null);
}

/**
 * One digest a day instead of an alert per item: the notifications that were overdue and still
 * unacknowledged at the start of today. An embassy gets its own; a police supervisor gets their province's.
 */
export async function getOverdueDigest(actor: Actor, now = new Date()): Promise<OverdueDigest> {
  if (!canReadDigest(actor)) throw DomainError.notFound('digest');
  return withActorScope(actor, async (db) => queryOverdueDigest(db, await overdueScopeOf(db, actor), now));
}

/**
 * The digest's one query, for every reader: the app runs it inside the actor's scope (getOverdueDigest), the
 * daily e-mail (lib/mail/digest.ts) as the owner for each embassy and province. So the e-mail names exactly
 * what the inbox and the police home page show that morning.
 */
export async function queryOverdueDigest(db: Pick<Database, 'select'>, scope: OverdueDigestScope, now: Date): Promise<OverdueDigest> {
  const asOf = startOfCambodianDay(now);
  const inScope: SQL = 'embassyOrganisationIds' in scope ? inMissionScope(notifications.embassyOrganisationId, scope.embassyOrganisationIds) : eq(cases.provinceCode, scope.provinceCode);
  const overdue = and(inScope, isNull(notifications.acknowledgedAt), isNull(notifications.withdrawnAt), isNull(notifications.declinedAt), lt(notifications.dueAt, asOf));
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        notificationId: notifications.id,
        caseId: cases.id,
        caseReferenceNumber: cases.referenceNumber,
        en: organisations.nameEn,
        km: organisations.nameKm,
        zh: organisations.nameZh,
        kind: notifications.kind,
        dueAt: notifications.dueAt,
      })
      .from(notifications)
      .innerJoin(cases, eq(cases.id, notifications.caseId))
      .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
      .where(overdue)
      .orderBy(asc(notifications.dueAt), asc(notifications.id))
      .limit(digestItemLimit),
    db
      .select({ total: count() })
      .from(db.select({ id: notifications.id }).from(notifications).innerJoin(cases, eq(cases.id, notifications.caseId)).where(overdue).limit(totalCountCap + 1).as('overdue')),
  ]);
  return {
    asOf,
    items: rows.map((row) => ({
      notificationId: row.notificationId,
      caseId: row.caseId,
      caseReferenceNumber: row.caseReferenceNumber,
      embassy: { en: row.en, km: row.km, zh: row.zh },
      kind: row.kind,
      dueAt: row.dueAt,
    })),
    ...cappedTotalOf(counted?.total ?? 0),
    official: 'provinceCode' in scope ? await queryOverdueOfficialNotifications(db, scope.provinceCode, asOf) : { items: [], ...cappedTotalOf(0) },
  };
}

/** The official notifications of a province's cases due before `asOf` and not made: an index range (the pending index). */
async function queryOverdueOfficialNotifications(db: Pick<Database, 'select'>, provinceCode: string, asOf: Date): Promise<OverdueDigest['official']> {
  const overdue = and(eq(officialNotifications.provinceCode, provinceCode), isNull(officialNotifications.informedAt), isNull(officialNotifications.withdrawnAt), lt(officialNotifications.dueAt, asOf));
  const [items, [counted]] = await Promise.all([
    db
      .select({
        officialNotificationId: officialNotifications.id,
        caseId: cases.id,
        caseReferenceNumber: cases.referenceNumber,
        countryCode: officialNotifications.countryCode,
        kind: officialNotifications.kind,
        dueAt: officialNotifications.dueAt,
      })
      .from(officialNotifications)
      .innerJoin(cases, eq(cases.id, officialNotifications.caseId))
      .where(overdue)
      .orderBy(asc(officialNotifications.dueAt), asc(officialNotifications.id))
      .limit(digestItemLimit),
    db.select({ total: count() }).from(db.select({ id: officialNotifications.id }).from(officialNotifications).where(overdue).limit(totalCountCap + 1).as('overdue_official')),
  ]);
  return { items, ...cappedTotalOf(counted?.total ?? 0) };
}
