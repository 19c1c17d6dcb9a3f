import 'server-only';
import { and, asc, count, desc, eq, gte, isNotNull, isNull, lt, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { withActorScope } from '@/lib/auth/actor-scope';
import { prebuilt, prebuiltByShape, type Placeholders } from '@/db/prebuilt';
import { alias } from 'drizzle-orm/pg-core';
import { cases, embassyPageCounters, foreignMissions, notifications, notificationUpdates, organisations, users, type NotificationDeclineReason } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

import { isCaseOpenToEmbassy, listEmbassyNationals } from '@/lib/disclosure/embassy-nationals';
import { cappedTotalOf, totalCountCap } from '@/lib/pagination/capped-total';
import { cambodianDayStart } from '@/lib/time/cambodia';
import { isOverdue } from './deadlines';
import { caseNotificationPreference, inMissionScope, inMissionScopeOf, missionOrganisationIdsOf, missionScopeOf } from './mission-scope';
import { assertCaseId, ownEmbassy } from './own-embassy';
import type { InboxFilters } from './schemas';
import { declineViewOf } from './decline-view';
import type { EmbassyCaseView, InboxItem, InboxPage, NotificationUpdateView, OpenInboxItem, RedirectTarget } from './views';
import { DomainError } from '@/lib/domain-error';
import { isUuid } from '@/lib/ids';

export const inboxPageSize = 25;

const unreadUpdatesOf = sql<number>`(select count(*) from ${notificationUpdates} where ${notificationUpdates.notificationId} = ${notifications.id} and ${notificationUpdates.readAt} is null)`.mapWith(
  Number,
);

/** A filter's value, or the placeholder of a statement built once that takes it. */
type Bound<T> = T | Placeholder;

/** The inbox's filters that are given, with their values (cases' filters need the join to cases). */
interface InboxConditionInputs {
  missionScope: SQL;
  state?: InboxFilters['state'];
  now: Bound<Date>;
  reason?: Bound<NonNullable<InboxFilters['reason']>>;
  province?: Bound<string>;
  crimeType?: Bound<NonNullable<InboxFilters['crimeType']>>;
  status?: Bound<NonNullable<InboxFilters['status']>>;
  /** The start of the first Cambodian day, and of the day after the last. */
  fromStart?: Bound<Date>;
  toEnd?: Bound<Date>;
}

/** The inbox's filters as conditions on notifications (left-joined to their cases), for the pages and the API alike. */
function inboxConditions(input: InboxConditionInputs): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [input.missionScope];
  if (input.state === 'overdue') conditions.push(lt(notifications.dueAt, input.now));
  if (input.reason !== undefined) conditions.push(eq(notifications.reason, input.reason));
  if (input.province !== undefined) conditions.push(eq(cases.provinceCode, input.province));
  if (input.crimeType !== undefined) conditions.push(eq(cases.crimeType, input.crimeType));
  if (input.status !== undefined) conditions.push(eq(cases.status, input.status));
  if (input.fromStart !== undefined) conditions.push(gte(notifications.createdAt, input.fromStart));
  if (input.toEnd !== undefined) conditions.push(lt(notifications.createdAt, input.toEnd));
  return conditions;
}

/** The conditions with the filters' own values, for a statement built each time. */
function inboxConditionsOf(missionOrganisationIds: readonly string[], filters: Omit<InboxFilters, 'page'>, now: Date): (SQL | undefined)[] {
  return inboxConditions({
    missionScope: inMissionScope(notifications.embassyOrganisationId, missionOrganisationIds),
    state: filters.state,
    now,
    reason: filters.reason,
    province: filters.province,
    crimeType: filters.crimeType,
    status: filters.status,
    fromStart: filters.from ? cambodianDayStart(filters.from) : undefined,
    toEnd: filters.to ? cambodianDayStart(filters.to, 1) : undefined,
  });
}

const inboxItemColumns = {
  id: notifications.id,
  caseId: cases.id,
  caseReferenceNumber: cases.referenceNumber,
  provinceCode: cases.provinceCode,
  crimeType: cases.crimeType,
  caseStatus: cases.status,
  kind: notifications.kind,
  reason: notifications.reason,
  createdAt: notifications.createdAt,
  dueAt: notifications.dueAt,
  firstOpenedAt: notifications.firstOpenedAt,
  acknowledgedAt: notifications.acknowledgedAt,
  withdrawnAt: notifications.withdrawnAt,
  declinedAt: notifications.declinedAt,
  declineReason: notifications.declineReason,
  unreadUpdates: unreadUpdatesOf,
  organisationId: notifications.embassyOrganisationId,
  missionEn: foreignMissions.nameEn,
  missionKm: foreignMissions.nameKm,
  missionZh: foreignMissions.nameZh,
};

/** The directory entry of the mission a notification went to (at most one: one entry per organisation). */
const missionOfNotification = eq(foreignMissions.organisationId, notifications.embassyOrganisationId);

/** What the inbox's statements branch on: the mission's organisations (one or several), the part read, the filters given. */
interface InboxShape {
  missions: 'one' | 'many';
  part: 'pending' | 'acknowledged';
  state: InboxFilters['state'];
  given: { [K in 'reason' | 'province' | 'crimeType' | 'status' | 'from' | 'to']: boolean };
}

interface InboxValues {
  missionIds: string;
  now: string;
  reason: string;
  province: string;
  crimeType: string;
  status: string;
  fromStart: string;
  toEnd: string;
  limit: number;
}

const inboxShapeKey = (shape: InboxShape) => JSON.stringify(shape);

/** One part's conditions: the pending notifications, or the rest ("acknowledged" when that state is asked for). */
function inboxPartWhere(shape: InboxShape, p: Placeholders<InboxValues>): SQL | undefined {
  const conditions = inboxConditions({
    missionScope: inMissionScopeOf(notifications.embassyOrganisationId, shape.missions, p.missionIds),
    state: shape.state,
    now: p.now,
    reason: shape.given.reason ? p.reason : undefined,
    province: shape.given.province ? p.province : undefined,
    crimeType: shape.given.crimeType ? p.crimeType : undefined,
    status: shape.given.status ? p.status : undefined,
    fromStart: shape.given.from ? p.fromStart : undefined,
    toEnd: shape.given.to ? p.toEnd : undefined,
  });
  if (shape.part === 'pending') return and(...conditions, isNull(notifications.acknowledgedAt), isNull(notifications.withdrawnAt), isNull(notifications.declinedAt));
  // The rest of the unfiltered inbox includes the withdrawn and the declined notifications; "acknowledged" means
  // still standing (acknowledged, then declined, included).
  return shape.state
    ? and(...conditions, isNotNull(notifications.acknowledgedAt), isNull(notifications.withdrawnAt))
    : and(...conditions, or(isNotNull(notifications.acknowledgedAt), isNotNull(notifications.withdrawnAt), isNotNull(notifications.declinedAt)));
}

// The inbox's statements are built once per shape (db/prebuilt.ts).
const selectInboxPart = prebuiltByShape(inboxShapeKey, (db, p: Placeholders<InboxValues>, shape: InboxShape) =>
  db
    .select(inboxItemColumns)
    .from(notifications)
    // Row-level security no longer shows a withdrawn notification's case: the row stays, without it.
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .leftJoin(foreignMissions, missionOfNotification)
    .where(inboxPartWhere(shape, p))
    .orderBy(...(shape.part === 'pending' ? [asc(notifications.dueAt), asc(notifications.id)] : [desc(notifications.createdAt), desc(notifications.id)]))
    .limit(p.limit),
);

const countInboxPartUpToCap = prebuiltByShape(inboxShapeKey, (db, p: Placeholders<InboxValues>, shape: InboxShape) => {
  // Filters on the case need the join to cases in the counts too; without them the counts skip it.
  const filtersCases = shape.given.province || shape.given.crimeType || shape.given.status;
  const matching = db.select({ id: notifications.id }).from(notifications);
  return db
    .select({ total: count() })
    .from((filtersCases ? matching.innerJoin(cases, eq(cases.id, notifications.caseId)) : matching).where(inboxPartWhere(shape, p)).limit(totalCountCap + 1).as('matching'));
});

/**
 * The embassy's notifications: unacknowledged first (soonest due first), then the rest, newest first. The two
 * parts are read separately, each along its own partial index and cut at the end of the page asked for, and
 * merged: ordering all of an embassy's notifications by one mixed key would read and sort every one of them.
 */
export async function listInbox(actor: Actor, filters: InboxFilters, now = new Date()): Promise<InboxPage> {
  ownEmbassy(actor);
  const readsPending = filters.state !== 'acknowledged';
  const readsAcknowledged = !filters.state || filters.state === 'acknowledged';
  const offset = (filters.page - 1) * inboxPageSize;
  const given = { reason: !!filters.reason, province: !!filters.province, crimeType: !!filters.crimeType, status: !!filters.status, from: !!filters.from, to: !!filters.to };
  return withActorScope(actor, async (db) => {
    const { missions, missionIds } = missionScopeOf(await missionOrganisationIdsOf(db, actor));
    const values: InboxValues = {
      missionIds,
      now: now.toISOString(),
      reason: filters.reason ?? '',
      province: filters.province ?? '',
      crimeType: filters.crimeType ?? '',
      status: filters.status ?? '',
      fromStart: filters.from ? cambodianDayStart(filters.from).toISOString() : '',
      toEnd: filters.to ? cambodianDayStart(filters.to, 1).toISOString() : '',
      // One row more than the page shows tells whether a next page exists.
      limit: offset + inboxPageSize + 1,
    };
    const pending: InboxShape = { missions, part: 'pending', state: filters.state, given };
    const acknowledged: InboxShape = { ...pending, part: 'acknowledged' };
    const totalOf = (rows: { total: number }[]) => rows[0]?.total ?? 0;
    const [pendingRows, acknowledgedRows, pendingTotal, acknowledgedTotal] = await Promise.all([
      readsPending ? selectInboxPart(db, pending, values) : [],
      readsAcknowledged ? selectInboxPart(db, acknowledged, values) : [],
      readsPending ? countInboxPartUpToCap(db, pending, values).then(totalOf) : 0,
      readsAcknowledged ? countInboxPartUpToCap(db, acknowledged, values).then(totalOf) : 0,
    ]);
    const rows = [...pendingRows, ...acknowledgedRows].slice(offset, values.limit);
    const counted = cappedTotalOf(pendingTotal + acknowledgedTotal);
    const hasNextPage = rows.length > inboxPageSize;
    return {
      items: rows.slice(0, inboxPageSize).map((row) => inboxItemOf(row, actor, now)),
      ...counted,
      page: filters.page,
      pageCount: Math.max(filters.page + (hasNextPage ? 1 : 0), Math.ceil(counted.total / inboxPageSize)),
      hasNextPage,
    };
  });
}

type InboxRow = Omit<OpenInboxItem, 'state' | 'isOverdue' | 'receivedBy' | 'declined' | 'caseId' | 'caseReferenceNumber' | 'provinceCode' | 'crimeType' | 'caseStatus'> & {
  withdrawnAt: Date | null;
  declinedAt: Date | null;
  declineReason: NotificationDeclineReason | null;
  organisationId: string;
  missionEn: string | null;
  missionKm: string | null;
  missionZh: string | null;
} & { [K in 'caseId' | 'caseReferenceNumber' | 'provinceCode' | 'crimeType' | 'caseStatus']: OpenInboxItem[K] | null };

// Field by field, not by object rest: the allowlist of what reaches the embassy, and far cheaper (decision 027).
function inboxItemOf(row: InboxRow, actor: Pick<Actor, 'organisationId'>, now: Date): InboxItem {
  // Named only when it went to one of the embassy's posts: in a mission's own inbox the label would say nothing.
  const receivedBy =
    row.organisationId !== actor.organisationId && row.missionEn !== null && row.missionKm !== null && row.missionZh !== null
      ? { en: row.missionEn, km: row.missionKm, zh: row.missionZh }
      : null;
  if (row.withdrawnAt) return { state: 'withdrawn', id: row.id, kind: row.kind, createdAt: row.createdAt, withdrawnAt: row.withdrawnAt, receivedBy };
  const { caseId, caseReferenceNumber, provinceCode, crimeType, caseStatus } = row;
  if (caseId === null || caseReferenceNumber === null || provinceCode === null || crimeType === null || caseStatus === null) {
    throw new Error(`notification ${row.id} is standing but its case is not visible to its embassy`);
  }
  return {
    state: 'open',
    id: row.id,
    caseId,
    caseReferenceNumber,
    provinceCode,
    crimeType,
    caseStatus,
    kind: row.kind,
    reason: row.reason,
    createdAt: row.createdAt,
    dueAt: row.dueAt,
    firstOpenedAt: row.firstOpenedAt,
    acknowledgedAt: row.acknowledgedAt,
    declined: row.declinedAt && row.declineReason ? { at: row.declinedAt, reason: row.declineReason } : null,
    unreadUpdates: row.unreadUpdates,
    isOverdue: isOverdue(row, now),
    receivedBy,
  };
}

export interface NotificationChangesQuery extends Omit<InboxFilters, 'page'> {
  /** Only notifications changed at or after this moment (a partner's last sync). */
  updatedSince?: Date;
  /** Where the previous page ended (`encodeChangesCursor`). */
  cursor?: string;
  limit: number;
}

export type NotificationChange = InboxItem & { lastUpdatedAt: Date };

/**
 * The embassy's notifications in the order they last changed, oldest change first, keyset-paginated on
 * (last update, id): what a partner system reads to stay in sync, along `notifications_embassy_updated_idx`.
 * Withdrawn ones are included (as withdrawn, without their case) unless a state is asked for, so a partner learns
 * of the withdrawal; `pending`, `overdue` and `acknowledged` mean standing notifications, as in the inbox.
 */
export async function listNotificationChanges(actor: Actor, query: NotificationChangesQuery, now = new Date()): Promise<{ items: NotificationChange[]; nextCursor: string | null }> {
  ownEmbassy(actor);
  const conditions: (SQL | undefined)[] = [];
  if (query.state) conditions.push(isNull(notifications.withdrawnAt));
  if (query.state === 'pending' || query.state === 'overdue') conditions.push(isNull(notifications.acknowledgedAt), isNull(notifications.declinedAt));
  if (query.state === 'acknowledged') conditions.push(isNotNull(notifications.acknowledgedAt));
  if (query.updatedSince) conditions.push(gte(notifications.lastUpdatedAt, query.updatedSince));
  const cursor = decodeChangesCursor(query.cursor);
  if (cursor) conditions.push(sql`(${notifications.lastUpdatedAt}, ${notifications.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  return withActorScope(actor, async (db) => {
    const rows = await db
      .select({ ...inboxItemColumns, lastUpdatedAt: notifications.lastUpdatedAt, cursorAt: preciseChangeTime })
      .from(notifications)
      .leftJoin(cases, eq(cases.id, notifications.caseId))
      .leftJoin(foreignMissions, missionOfNotification)
      .where(and(...inboxConditionsOf(await missionOrganisationIdsOf(db, actor), query, now), ...conditions))
      .orderBy(asc(notifications.lastUpdatedAt), asc(notifications.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({ ...inboxItemOf(row, actor, now), lastUpdatedAt: row.lastUpdatedAt })),
      nextCursor: rows.length > query.limit && last ? encodeChangesCursor(last.cursorAt, last.id) : null,
    };
  });
}

/** One notification of the actor's embassy, as its inbox row; another embassy's is "not found". */
export async function getInboxNotification(actor: Actor, notificationId: string, now = new Date()): Promise<NotificationChange> {
  ownEmbassy(actor);
  if (!isUuid(notificationId)) throw DomainError.notFound('notification');
  return withActorScope(actor, async (db) => {
    const [row] = await db
      .select({ ...inboxItemColumns, lastUpdatedAt: notifications.lastUpdatedAt })
      .from(notifications)
      .leftJoin(cases, eq(cases.id, notifications.caseId))
      .leftJoin(foreignMissions, missionOfNotification)
      .where(and(eq(notifications.id, notificationId), inMissionScope(notifications.embassyOrganisationId, await missionOrganisationIdsOf(db, actor))));
    if (!row) throw DomainError.notFound('notification');
    return { ...inboxItemOf(row, actor, now), lastUpdatedAt: row.lastUpdatedAt };
  });
}

/** The case of a standing notification of the actor's embassy; a withdrawn one has none the embassy may reach. */
export async function getNotifiedCaseId(actor: Actor, notificationId: string): Promise<string> {
  const notification = await getInboxNotification(actor, notificationId);
  if (notification.state !== 'open') throw DomainError.notFound('case');
  return notification.caseId;
}

/** The change time to the microsecond, as text: a JavaScript Date keeps milliseconds, and a cursor cut to them would repeat rows. */
const preciseChangeTime = sql<string>`to_char(${notifications.lastUpdatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const preciseTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** An opaque cursor: the last row's change time and id. */
function encodeChangesCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

function decodeChangesCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at !== 'string' || !preciseTimePattern.test(at) || typeof id !== 'string' || !isUuid(id)) return null;
    return { at, id };
  } catch {
    return null;
  }
}

/** The navigation shows "99+" beyond this. */
export const unreadBadgeCap = 100;

/**
 * Notifications never opened plus updates not yet read (of notifications not withdrawn): the number shown in
 * the navigation of every embassy page. Read from the counter rows of the embassy and of its posts (migration
 * 0029, kept by triggers in the transaction of every change), so it costs one primary-key lookup per mission
 * however many notifications match (decisions 016 and 021).
 */
export async function countUnreadForEmbassy(actor: Actor): Promise<number> {
  ownEmbassy(actor);
  return withActorScope(actor, async (db) => {
    const counters = await selectMissionPageCounters(db, {});
    const unread = counters.reduce((total, counter) => total + counter.unopened + counter.unreadUpdates, 0);
    return Math.min(unreadBadgeCap, unread);
  });
}

// Built once (db/prebuilt.ts), with the mission's organisations from the scope function itself
// (`missionOrganisationIdsOf` reads the same), so the badge is one statement after the scope's.
const selectMissionPageCounters = prebuilt((db) =>
  db
    .select({ unopened: embassyPageCounters.unopened, unreadUpdates: embassyPageCounters.unreadUpdates })
    .from(embassyPageCounters)
    .where(sql`${embassyPageCounters.embassyOrganisationId} = any(casebridge_scope_mission_organisations())`),
);

/**
 * A case as the embassy may see it. Only a read: the page opens the case first (`openEmbassyCase`), which
 * records the opening and marks the updates read.
 */
export async function getEmbassyCaseView(actor: Actor, caseId: string, now = new Date()): Promise<EmbassyCaseView> {
  const embassy = ownEmbassy(actor);
  assertCaseId(caseId);
  return withActorScope(actor, async (db) => {
    const decliner = alias(users, 'decliner');
    const resolver = alias(users, 'resolver');
    const [row] = await db
      .select({
        notification: notifications,
        case: cases,
        acknowledgedByName: users.name,
        declinedByName: decliner.name,
        resolvedByName: resolver.name,
        mission: { en: foreignMissions.nameEn, km: foreignMissions.nameKm, zh: foreignMissions.nameZh },
      })
      .from(notifications)
      .innerJoin(cases, eq(cases.id, notifications.caseId))
      .leftJoin(users, eq(users.id, notifications.acknowledgedBy))
      .leftJoin(decliner, eq(decliner.id, notifications.declinedBy))
      .leftJoin(resolver, eq(resolver.id, notifications.nationalityResolvedBy))
      .leftJoin(foreignMissions, missionOfNotification)
      .where(and(eq(notifications.caseId, caseId), inMissionScope(notifications.embassyOrganisationId, await missionOrganisationIdsOf(db, actor))))
      .orderBy(...caseNotificationPreference(actor))
      .limit(1);
    if (!row) throw DomainError.notFound('case');
    // Only its own nationals reach the embassy; of everyone else it learns the number, from a database function
    // that counts people of a case it was notified of (row-level security hides the rows themselves).
    const [isOpen, nationals, [peopleCount], updates] = await Promise.all([
      isCaseOpenToEmbassy(db, embassy, row.notification),
      listEmbassyNationals(db, embassy, caseId),
      db
        .select({ total: sql<number>`casebridge_embassy_case_people_count(${notifications.caseId})`.mapWith(Number) })
        .from(notifications)
        .where(eq(notifications.id, row.notification.id)),
      db
        .select()
        .from(notificationUpdates)
        .where(eq(notificationUpdates.notificationId, row.notification.id))
        .orderBy(desc(notificationUpdates.createdAt)),
    ]);
    if (!isOpen) throw DomainError.notFound('case');

    const record = row.case;
    return {
      caseId: record.id,
      referenceNumber: record.referenceNumber,
      provinceCode: record.provinceCode,
      crimeType: record.crimeType,
      status: record.status,
      occurredAt: record.occurredAt,
      reportedAt: record.reportedAt,
      title: record.title,
      narrative: record.isNarrativeShareable
        ? { text: record.narrative, handlingCode: record.narrativeHandlingCode, handlingNote: record.narrativeHandlingNote }
        : null,
      nationals,
      otherPeopleCount: (peopleCount?.total ?? nationals.length) - nationals.length,
      notification: {
        id: row.notification.id,
        kind: row.notification.kind,
        reason: row.notification.reason,
        manualReason: row.notification.manualReason,
        createdAt: row.notification.createdAt,
        dueAt: row.notification.dueAt,
        firstOpenedAt: row.notification.firstOpenedAt,
        acknowledgedAt: row.notification.acknowledgedAt,
        acknowledgedByName: row.acknowledgedByName,
        acknowledgementNote: row.notification.acknowledgementNote,
        isOverdue: isOverdue(row.notification, now),
        receivedBy: row.notification.embassyOrganisationId !== actor.organisationId ? row.mission : null,
        decline: declineViewOf(row.notification, row.declinedByName, row.resolvedByName),
      },
      updates: updates.map(
        (update): NotificationUpdateView => ({
          id: update.id,
          kind: update.kind,
          createdAt: update.createdAt,
          isUnread: update.readAt === null,
          details: publicUpdateDetails(update.details as Record<string, unknown>),
        }),
      ),
    };
  });
}

/** Update details carry person ids and status names only; anything else stays with the police. */
function publicUpdateDetails(details: Record<string, unknown>): Record<string, unknown> {
  const allowed = ['from', 'to', 'consent', 'justification'] as const;
  return Object.fromEntries(allowed.filter((key) => key in details).map((key) => [key, details[key]]));
}

/**
 * The other missions of the embassy's country on CaseBridge (the embassy and its posts, active ones), where it may
 * send a notification on: the embassy first, then the posts by kind and city. Whether one already has the case is not the
 * embassy's to see; the redirect itself refuses it.
 */
export async function listRedirectTargets(actor: Actor): Promise<RedirectTarget[]> {
  const embassy = ownEmbassy(actor);
  const target = alias(organisations, 'target');
  return withActorScope(actor, async (db) => {
    const rows = await db
      .select({
        organisationId: target.id,
        names: { en: foreignMissions.nameEn, km: foreignMissions.nameKm, zh: foreignMissions.nameZh },
        missionType: foreignMissions.missionType,
        city: foreignMissions.city,
      })
      .from(foreignMissions)
      .innerJoin(target, eq(target.id, foreignMissions.organisationId))
      .where(
        and(
          eq(foreignMissions.countryCode, embassy.countryCode),
          eq(target.countryCode, embassy.countryCode),
          eq(foreignMissions.isActive, true),
          eq(target.isActive, true),
          eq(target.kind, 'embassy'),
          ne(target.id, embassy.organisationId),
        ),
      )
      .orderBy(asc(foreignMissions.missionType), asc(foreignMissions.city), asc(foreignMissions.nameEn));
    return rows;
  });
}
