import 'server-only';
import { and, asc, count, eq, isNull, lt, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { withActorScope } from '@/lib/auth/actor-scope';
import { cases, notifications, officialNotifications, organisations, type NotificationKind } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { cappedTotalOf, totalCountCap, type CappedTotal } from '@/lib/pagination/capped-total';
import type { LocalizedNames } from '@/lib/i18n/localized-name';
import { cambodianDateOf, cambodianDayStart } from '@/lib/time/cambodia';
import { DomainError } from '@/lib/domain-error';

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

/** Whose overdue notifications a digest holds: an embassy's own, or every embassy's of a province's cases. */
export type OverdueDigestScope = { embassyOrganisationId: string } | { provinceCode: string };

function overdueScopeOf(actor: Actor): OverdueDigestScope | null {
  if (can(actor, 'read:notification:own-embassy')) return { embassyOrganisationId: actor.organisationId };
  if (can(actor, 'assign:case:own-province') && actor.provinceCode) return { provinceCode: actor.provinceCode };
  return null;
}

/**
 * One digest a day instead of an alert per item: the notifications that were overdue and still
 * unacknowledged at the start of today. An embassy gets its own; a police supervisor gets their province's.
 */
export async function getOverdueDigest(actor: Actor, now = new Date()): Promise<OverdueDigest> {
  const scope = overdueScopeOf(actor);
  if (!scope) throw DomainError.notFound('digest');
  return withActorScope(actor, (db) => queryOverdueDigest(db, scope, now));
}

/**
 * The digest's one query, for every reader: the app runs it inside the actor's scope (getOverdueDigest), the
 * daily e-mail (lib/mail/digest.ts) as the owner for each embassy and province. So the e-mail names exactly
 * what the inbox and the police home page show that morning.
 */
export async function queryOverdueDigest(db: Pick<Database, 'select'>, scope: OverdueDigestScope, now: Date): Promise<OverdueDigest> {
  const asOf = startOfCambodianDay(now);
  const inScope: SQL = 'embassyOrganisationId' in scope ? eq(notifications.embassyOrganisationId, scope.embassyOrganisationId) : eq(cases.provinceCode, scope.provinceCode);
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
    items: rows.map(({ en, km, zh, ...row }) => ({ ...row, embassy: { en, km, zh } })),
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
