import 'server-only';
import { listOfficialNotificationsIn } from '@/lib/consular/queries';
import { and, asc, count, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from '@/db/client';
import { prebuilt, prebuiltByShape, type Placeholders } from '@/db/prebuilt';
import { withActorScope } from '@/lib/auth/actor-scope';
import { caseEvents, caseNotes, casePeople, cases, caseStatus, notifications, organisations, users, type CaseStatus } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { can, requirePermission } from '@/lib/auth/permissions';
import { listDeliveriesOfCase } from '@/lib/mail/proof';
import { summariseDeliveries } from '@/lib/mail/views';
import { isOverdue } from '@/lib/notifications/deadlines';
import { declineViewOf } from '@/lib/notifications/decline-view';
import { isUuid } from '@/lib/ids';
import { cappedTotalOf, totalCountCap } from '@/lib/pagination/capped-total';
import { containsPattern, prefixPattern } from '@/lib/search/like-pattern';
import { cambodianDayStart } from '@/lib/time/cambodia';
import { caseEventOf } from './case-events';
import { normaliseDocumentNumber } from './document-number';
import type { CaseListFilters, PossibleMatchInput } from './schemas';
import type { CaseListPage, PoliceCaseView, PoliceDashboard, PossibleMatch, TimelineEntry } from './views';
import { allowedTransitions } from './workflow';
import { DomainError } from '@/lib/domain-error';

export const caseListPageSize = 25;

function provinceOf(actor: Actor): string {
  if (!actor.provinceCode) throw DomainError.notFound('province');
  return actor.provinceCode;
}

export async function getPoliceDashboard(actor: Actor, recentLimit = 8): Promise<PoliceDashboard> {
  requirePermission(actor, 'read:case:own-province');
  const provinceCode = provinceOf(actor);
  return withActorScope(actor, async (db) => {
    const [countRows, recentCases] = await Promise.all([
      db.select({ status: cases.status, total: count() }).from(cases).where(eq(cases.provinceCode, provinceCode)).groupBy(cases.status),
      db
        .select({
          id: cases.id,
          referenceNumber: cases.referenceNumber,
          title: cases.title,
          crimeType: cases.crimeType,
          status: cases.status,
          reportedAt: cases.reportedAt,
        })
        .from(cases)
        .where(eq(cases.provinceCode, provinceCode))
        .orderBy(desc(cases.reportedAt), desc(cases.id))
        .limit(recentLimit),
    ]);
    const statusCounts = Object.fromEntries(caseStatus.enumValues.map((status) => [status, 0])) as Record<CaseStatus, number>;
    for (const row of countRows) statusCounts[row.status] = row.total;
    return { provinceCode, statusCounts, recentCases };
  });
}

/** Cursor of keyset pagination: the sort value and id of the last row shown. */
function encodeCursor(sortValue: Date, id: string): string {
  return Buffer.from(JSON.stringify([sortValue.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { sortValue: Date; id: string } | null {
  if (!cursor) return null;
  try {
    const [iso, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const sortValue = new Date(iso);
    if (Number.isNaN(sortValue.getTime()) || !isUuid(id)) return null;
    return { sortValue, id };
  } catch {
    return null;
  }
}

// The users and organisations the lists and the workspace name, each in its own role.
const creator = alias(users, 'creator');
const assignee = alias(users, 'assignee');
const editor = alias(users, 'editor');
const actorUser = alias(users, 'actor_user');
const actorOrganisation = alias(organisations, 'actor_organisation');
const embassy = alias(organisations, 'embassy');
const acknowledger = alias(users, 'acknowledger');
const decliner = alias(users, 'decliner');
const resolver = alias(users, 'resolver');

function personExists(condition: SQL): SQL {
  return sql`exists (select 1 from ${casePeople} where ${casePeople.caseId} = ${cases.id} and ${condition})`;
}

/** Names shorter than this give pg_trgm no trigram, so they are matched by prefix on a btree instead of as a substring. */
const shortestSubstringSearch = 3;

/**
 * What the case list's statement is built from, apart from the values: which filters are given, whose provinces
 * are listed, how free text is searched. One statement is built per shape and reused (db/prebuilt.ts).
 */
interface CaseListShape {
  /** Police list their province; a national reader all provinces, or the one chosen. */
  scope: 'own-province' | 'chosen-province' | 'all-provinces';
  /** Free text: none, short (matched by prefix) or long (matched as a substring). */
  search: 'none' | 'short' | 'long';
  /** Only police of the province may look people up; a national reader searches references and titles. */
  searchesPeople: boolean;
  filters: ('status' | 'crimeType' | 'nationality' | 'detained' | 'from' | 'to' | 'mine')[];
  sort: 'reported' | 'updated';
  hasCursor: boolean;
}

/** The values of a case list's statement; those its shape does not use are null. */
interface CaseListValues {
  province: string | null;
  status: CaseStatus | null;
  crimeType: string | null;
  nationality: string | null;
  from: string | null;
  to: string | null;
  userId: string;
  /** The reference number a short search must equal. */
  reference: string | null;
  /** LIKE patterns of a search: the text, in capitals, and the ID number form of it. */
  pattern: string | null;
  upperPattern: string | null;
  documentPattern: string | null;
  cursorAt: string | null;
  cursorId: string | null;
  limit: number;
}

const caseListShapeKey = (shape: CaseListShape) =>
  `${shape.scope}|${shape.search}|${shape.searchesPeople}|${shape.filters.join(',')}|${shape.sort}|${shape.hasCursor}`;

function caseListShapeOf(actor: Actor, filters: CaseListFilters, hasCursor: boolean): CaseListShape {
  const scope = can(actor, 'read:case:own-province')
    ? 'own-province'
    : can(actor, 'read:case:all-provinces')
      ? filters.province
        ? 'chosen-province'
        : 'all-provinces'
      : null;
  if (!scope) throw DomainError.notFound('case');
  const given = (['status', 'crimeType', 'nationality', 'detained', 'from', 'to', 'mine'] as const).filter((name) => Boolean(filters[name]));
  return {
    scope,
    search: !filters.q ? 'none' : [...filters.q].length < shortestSubstringSearch ? 'short' : 'long',
    searchesPeople: scope === 'own-province',
    filters: [...given],
    sort: filters.sort === 'updated' ? 'updated' : 'reported',
    hasCursor,
  };
}

function caseListValuesOf(actor: Actor, filters: CaseListFilters, shape: CaseListShape, cursor: { sortValue: Date; id: string } | null, limit: number): CaseListValues {
  const text = filters.q ?? '';
  const patternOf = shape.search === 'short' ? prefixPattern : containsPattern;
  const pattern = shape.search === 'none' ? null : patternOf(text);
  return {
    province: shape.scope === 'own-province' ? provinceOf(actor) : shape.scope === 'chosen-province' ? (filters.province ?? null) : null,
    status: filters.status ?? null,
    crimeType: filters.crimeType ?? null,
    nationality: filters.nationality ?? null,
    from: filters.from ? cambodianDayStart(filters.from).toISOString() : null,
    to: filters.to ? cambodianDayStart(filters.to, 1).toISOString() : null,
    userId: actor.userId,
    reference: shape.search === 'short' ? text.toUpperCase() : null,
    pattern,
    upperPattern: pattern?.toUpperCase() ?? null,
    documentPattern: shape.search === 'none' ? null : patternOf(normaliseDocumentNumber(text)),
    cursorAt: cursor ? cursor.sortValue.toISOString() : null,
    cursorId: cursor?.id ?? null,
    limit,
  };
}

/**
 * The cases free text finds, as one set of ids built from index scans: references and titles of cases, and
 * (for police of the province) people's names in either script and their ID numbers.
 */
function caseIdsMatching(p: Placeholders<CaseListValues>, shape: CaseListShape): SQL {
  const caseMatches =
    shape.search === 'short'
      ? sql`select ${cases.id} as case_id from ${cases} where ${cases.referenceNumber} = ${p.reference}`
      : sql`select ${cases.id} as case_id from ${cases} where ${cases.referenceNumber} ilike ${p.pattern} or ${cases.title} ilike ${p.pattern}`;
  if (!shape.searchesPeople) return caseMatches;
  const nameOrDocument =
    shape.search === 'short'
      ? sql`${casePeople.nativeName} like ${p.pattern} or upper(${casePeople.latinName}) like ${p.upperPattern} or upper(${casePeople.idDocumentNumber}) like ${p.documentPattern}`
      : sql`${casePeople.latinName} ilike ${p.pattern} or ${casePeople.nativeName} ilike ${p.pattern} or upper(${casePeople.idDocumentNumber}) like ${p.documentPattern}`;
  const peopleMatches = sql`select ${casePeople.caseId} from ${casePeople} where ${casePeople.provinceCode} = ${p.province} and (${nameOrDocument})`;
  return sql`${caseMatches} union ${peopleMatches}`;
}

/** The search CTE (if any) and the conditions every case of the list meets, whatever the page. */
function caseListConditions(db: Database | Transaction, p: Placeholders<CaseListValues>, shape: CaseListShape) {
  const searchMatches = shape.search === 'none' ? null : db.$with('search_matches', { caseId: sql<string>`case_id`.as('case_id') }).as(caseIdsMatching(p, shape));
  const conditions: (SQL | undefined)[] = [shape.scope === 'all-provinces' ? undefined : eq(cases.provinceCode, p.province)];
  if (searchMatches) conditions.push(sql`${cases.id} in (select ${searchMatches.caseId} from ${searchMatches})`);
  const given = new Set(shape.filters);
  if (given.has('status')) conditions.push(eq(cases.status, p.status));
  if (given.has('crimeType')) conditions.push(eq(cases.crimeType, p.crimeType));
  if (given.has('nationality')) conditions.push(personExists(sql`${casePeople.nationality} = ${p.nationality}`));
  if (given.has('detained')) conditions.push(personExists(sql`${casePeople.detentionStatus} = 'detained'`));
  if (given.has('from')) conditions.push(gte(cases.reportedAt, p.from));
  if (given.has('to')) conditions.push(lt(cases.reportedAt, p.to));
  if (given.has('mine')) conditions.push(eq(cases.assignedTo, p.userId));
  const where = and(...conditions);
  const cappedCount = db.select({ id: cases.id }).from(cases).where(where).limit(totalCountCap + 1);
  return { query: searchMatches ? db.with(searchMatches) : db, where, cappedCount };
}

/** A page of the case list with the capped total of its matches beside every row. */
const selectCaseListPage = prebuiltByShape(caseListShapeKey, (db, p: Placeholders<CaseListValues>, shape: CaseListShape) => {
  const { query, where, cappedCount } = caseListConditions(db, p, shape);
  const sortColumn = shape.sort === 'updated' ? cases.updatedAt : cases.reportedAt;
  const pageWhere = shape.hasCursor ? and(where, sql`(${sortColumn}, ${cases.id}) < (${p.cursorAt}::timestamptz, ${p.cursorId}::uuid)`) : where;
  return query
    .select({
      id: cases.id,
      referenceNumber: cases.referenceNumber,
      title: cases.title,
      crimeType: cases.crimeType,
      status: cases.status,
      provinceCode: cases.provinceCode,
      reportedAt: cases.reportedAt,
      updatedAt: cases.updatedAt,
      assignedToName: assignee.name,
      peopleCount: sql<number>`(select count(*) from ${casePeople} where ${casePeople.caseId} = ${cases.id})`.mapWith(Number),
      detainedCount: sql<number>`(select count(*) from ${casePeople} where ${casePeople.caseId} = ${cases.id} and ${casePeople.detentionStatus} = 'detained')`.mapWith(Number),
      nationalities: sql<string>`(select coalesce(string_agg(distinct ${casePeople.nationality}::text, ','), '') from ${casePeople} where ${casePeople.caseId} = ${cases.id})`,
      matching: sql<number>`(select count(*) from (${cappedCount}) as matching)`.mapWith(Number),
    })
    .from(cases)
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(pageWhere)
    .orderBy(desc(sortColumn), desc(cases.id))
    .limit(p.limit);
});

/** The capped total alone, for a page past the end (a stale cursor), which comes back without it. */
const countCaseListMatches = prebuiltByShape(caseListShapeKey, (db, p: Placeholders<CaseListValues>, shape: CaseListShape) => {
  const { query, cappedCount } = caseListConditions(db, p, shape);
  return query.select({ total: count() }).from(cappedCount.as('matching'));
});

/**
 * One page of the case list with its total (capped, see `totalCountCap`), in one statement: the total is an
 * uncorrelated subquery beside the page, and the ids free text finds are a CTE both read, so a search runs its
 * index scans once. Free text matches the reference number, the title, and people's names in either script and
 * their ID numbers; pages are keyset-paginated on (sort time, id).
 */
export async function listCases(actor: Actor, filters: CaseListFilters, pageSize = caseListPageSize): Promise<CaseListPage> {
  const cursor = decodeCursor(filters.cursor);
  const shape = caseListShapeOf(actor, filters, cursor !== null);
  // One row more than the page shows tells whether a next page exists.
  const values = caseListValuesOf(actor, filters, shape, cursor, pageSize + 1);
  return withActorScope(actor, async (db) => {
    const rows = await selectCaseListPage(db, shape, values);
    let total = rows[0]?.matching ?? 0;
    // Only a page past the end (a stale cursor) comes back without the total beside it.
    if (rows.length === 0 && cursor) {
      const [counted] = await countCaseListMatches(db, { ...shape, hasCursor: false }, values);
      total = counted?.total ?? 0;
    }
    // Field by field, not by object rest (decision 027).
    const items = rows.slice(0, pageSize).map((row) => ({
      id: row.id,
      referenceNumber: row.referenceNumber,
      title: row.title,
      crimeType: row.crimeType,
      status: row.status,
      provinceCode: row.provinceCode,
      reportedAt: row.reportedAt,
      updatedAt: row.updatedAt,
      assignedToName: row.assignedToName,
      peopleCount: row.peopleCount,
      detainedCount: row.detainedCount,
      nationalities: row.nationalities ? row.nationalities.split(',') : [],
    }));
    const last = items.at(-1);
    const hasMore = rows.length > pageSize;
    return {
      items,
      ...cappedTotalOf(total),
      nextCursor: hasMore && last ? encodeCursor(shape.sort === 'updated' ? last.updatedAt : last.reportedAt, last.id) : null,
    };
  });
}

/** The values of the workspace's statements: the case and the officer's province. */
interface WorkspaceValues {
  caseId: string;
  province: string;
}

// The workspace's statements are built once (db/prebuilt.ts): every select names the columns the view carries,
// flat, so there are no whole rows to map and trim afterwards.

const selectWorkspaceCase = prebuilt((db, p: Placeholders<WorkspaceValues>) =>
  db
    .select({
      id: cases.id,
      referenceNumber: cases.referenceNumber,
      provinceCode: cases.provinceCode,
      crimeType: cases.crimeType,
      status: cases.status,
      closureReason: cases.closureReason,
      district: cases.district,
      commune: cases.commune,
      placeDescription: cases.placeDescription,
      occurredAt: cases.occurredAt,
      reportedAt: cases.reportedAt,
      title: cases.title,
      narrative: cases.narrative,
      isNarrativeShareable: cases.isNarrativeShareable,
      narrativeHandlingCode: cases.narrativeHandlingCode,
      narrativeHandlingNote: cases.narrativeHandlingNote,
      createdByName: creator.name,
      assignedToId: cases.assignedTo,
      assigneeName: assignee.name,
      updatedByName: editor.name,
      version: cases.version,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
      closedAt: cases.closedAt,
    })
    .from(cases)
    .innerJoin(creator, eq(creator.id, cases.createdBy))
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .leftJoin(editor, eq(editor.id, cases.updatedBy))
    .where(and(eq(cases.id, p.caseId), eq(cases.provinceCode, p.province))),
);

const selectWorkspacePeople = prebuilt((db, p: Placeholders<WorkspaceValues>) =>
  db
    .select({
      id: casePeople.id,
      roleInCase: casePeople.roleInCase,
      latinName: casePeople.latinName,
      nativeName: casePeople.nativeName,
      sex: casePeople.sex,
      dateOfBirth: casePeople.dateOfBirth,
      approximateAge: casePeople.approximateAge,
      nationality: casePeople.nationality,
      idDocumentType: casePeople.idDocumentType,
      idDocumentNumber: casePeople.idDocumentNumber,
      detentionStatus: casePeople.detentionStatus,
      detentionChangedAt: casePeople.detentionChangedAt,
      isSensitiveVictim: casePeople.isSensitiveVictim,
      consularConsent: casePeople.consularConsent,
      disclosureOverrideJustification: casePeople.disclosureOverrideJustification,
      otherNationalities: casePeople.otherNationalities,
      rightsInformedAt: casePeople.rightsInformedAt,
      notificationWish: casePeople.notificationWish,
      dualNationalDecision: casePeople.dualNationalDecision,
    })
    .from(casePeople)
    .where(eq(casePeople.caseId, p.caseId))
    .orderBy(asc(casePeople.roleInCase), asc(casePeople.createdAt), asc(casePeople.id)),
);

const selectWorkspaceEvents = prebuilt((db, p: Placeholders<WorkspaceValues>) =>
  db
    .select({
      id: caseEvents.id,
      kind: caseEvents.kind,
      occurredAt: caseEvents.occurredAt,
      details: caseEvents.details,
      embassyOrganisationId: caseEvents.embassyOrganisationId,
      actorName: actorUser.name,
      actorOrganisationEn: actorOrganisation.nameEn,
      actorOrganisationKm: actorOrganisation.nameKm,
      actorOrganisationZh: actorOrganisation.nameZh,
      embassyEn: embassy.nameEn,
      embassyKm: embassy.nameKm,
      embassyZh: embassy.nameZh,
    })
    .from(caseEvents)
    .leftJoin(actorUser, eq(actorUser.id, caseEvents.actorUserId))
    .leftJoin(actorOrganisation, eq(actorOrganisation.id, caseEvents.actorOrganisationId))
    .leftJoin(embassy, eq(embassy.id, caseEvents.embassyOrganisationId))
    .where(eq(caseEvents.caseId, p.caseId))
    .orderBy(desc(caseEvents.occurredAt), desc(caseEvents.id)),
);

const selectWorkspaceNotes = prebuilt((db, p: Placeholders<WorkspaceValues>) =>
  db.select({ id: caseNotes.id, body: caseNotes.body }).from(caseNotes).where(eq(caseNotes.caseId, p.caseId)),
);

const selectWorkspaceNotifications = prebuilt((db, p: Placeholders<WorkspaceValues>) =>
  db
    .select({
      id: notifications.id,
      embassyOrganisationId: notifications.embassyOrganisationId,
      embassyEn: embassy.nameEn,
      embassyKm: embassy.nameKm,
      embassyZh: embassy.nameZh,
      countryCode: embassy.countryCode,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      dueAt: notifications.dueAt,
      firstOpenedAt: notifications.firstOpenedAt,
      acknowledgedAt: notifications.acknowledgedAt,
      acknowledgedByName: acknowledger.name,
      withdrawnAt: notifications.withdrawnAt,
      declinedAt: notifications.declinedAt,
      declineReason: notifications.declineReason,
      declineNote: notifications.declineNote,
      declinedByName: decliner.name,
      nationalityResolvedAt: notifications.nationalityResolvedAt,
      nationalityResolution: notifications.nationalityResolution,
      nationalityResolutionNote: notifications.nationalityResolutionNote,
      resolvedByName: resolver.name,
    })
    .from(notifications)
    .innerJoin(embassy, eq(embassy.id, notifications.embassyOrganisationId))
    .leftJoin(acknowledger, eq(acknowledger.id, notifications.acknowledgedBy))
    .leftJoin(decliner, eq(decliner.id, notifications.declinedBy))
    .leftJoin(resolver, eq(resolver.id, notifications.nationalityResolvedBy))
    .where(eq(notifications.caseId, p.caseId))
    .orderBy(asc(embassy.nameEn)),
);

const selectAssignableOfficers = prebuilt((db, p: Placeholders<WorkspaceValues>) =>
  db
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(organisations.kind, 'police'),
        eq(organisations.provinceCode, p.province),
        eq(users.isActive, true),
        eq(users.isApiKeyAccount, false),
        inArray(users.role, ['police_officer', 'police_supervisor']),
      ),
    )
    .orderBy(asc(users.name)),
);

const selectActiveEmbassies = prebuilt((db) =>
  db
    .select({ id: organisations.id, en: organisations.nameEn, km: organisations.nameKm, zh: organisations.nameZh })
    .from(organisations)
    .where(and(eq(organisations.kind, 'embassy'), eq(organisations.isActive, true)))
    .orderBy(asc(organisations.nameEn)),
);

/** The officers named by assignment events, for the timeline's text. */
const selectAssignedOfficers = prebuilt((db, p: Placeholders<WorkspaceValues>) => {
  const assignedIds = db
    .select({ id: sql`case when ${caseEvents.details}->>'assignedTo' ~ '^[0-9a-fA-F-]{36}$' then (${caseEvents.details}->>'assignedTo')::uuid end` })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, p.caseId), eq(caseEvents.kind, 'case_assigned')));
  return db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, assignedIds));
});

/** The whole workspace of one case for police of its province; the read itself is audited. */
export async function getCaseWorkspace(actor: Actor, caseId: string, now = new Date()): Promise<PoliceCaseView> {
  requirePermission(actor, 'read:case:own-province');
  if (!isUuid(caseId)) throw DomainError.notFound('case');
  // All of it goes in one round trip: each kind of data is one statement filtered by the case id alone, sent
  // together with the case's own (which checks the province); if that finds nothing, the page is "not found" and
  // the other rows — which row-level security keeps to the officer's province anyway — are dropped unread.
  const values: WorkspaceValues = { caseId, province: provinceOf(actor) };
  return withActorScope(actor, async (db) => {
    const [[record], people, events, notes, notificationRows, assignableOfficers, embassies, deliveries, assignees, officialNotificationViews] = await Promise.all([
      selectWorkspaceCase(db, values),
      selectWorkspacePeople(db, values),
      selectWorkspaceEvents(db, values),
      selectWorkspaceNotes(db, values),
      selectWorkspaceNotifications(db, values),
      can(actor, 'assign:case:own-province') ? selectAssignableOfficers(db, values) : Promise.resolve(null),
      selectActiveEmbassies(db, {}),
      listDeliveriesOfCase(db, caseId),
      selectAssignedOfficers(db, values),
      listOfficialNotificationsIn(db, caseId, now),
    ]);
    if (!record) throw DomainError.notFound('case');

    const noteBodies = new Map(notes.map((note) => [note.id, note.body]));
    const timelineEvents = events.map((row) => ({ row, event: caseEventOf(row) }));
    const assigneeNames = new Map(assignees.map((user) => [user.id, user.name]));
    const timeline: TimelineEntry[] = timelineEvents.map(({ row: event, event: happened }) => {
      const text =
        happened.kind === 'note_added'
          ? (noteBodies.get(happened.details.noteId) ?? null)
          : happened.kind === 'case_assigned' && happened.details.assignedTo
            ? (assigneeNames.get(happened.details.assignedTo) ?? null)
            : null;
      return {
        id: event.id,
        event: happened,
        occurredAt: event.occurredAt,
        actorName: event.actorName,
        actorOrganisation: event.actorOrganisationEn ? { en: event.actorOrganisationEn, km: event.actorOrganisationKm ?? '', zh: event.actorOrganisationZh ?? '' } : null,
        embassy: event.embassyEn ? { en: event.embassyEn, km: event.embassyKm ?? '', zh: event.embassyZh ?? '' } : null,
        text,
      };
    });

    await recordAudit(db, { actor, action: 'case.read', entityType: 'case', entityId: caseId });
    // Field by field, not by object rest (decision 027).
    return {
      id: record.id,
      referenceNumber: record.referenceNumber,
      provinceCode: record.provinceCode,
      crimeType: record.crimeType,
      status: record.status,
      closureReason: record.closureReason,
      district: record.district,
      commune: record.commune,
      placeDescription: record.placeDescription,
      occurredAt: record.occurredAt,
      reportedAt: record.reportedAt,
      title: record.title,
      narrative: record.narrative,
      isNarrativeShareable: record.isNarrativeShareable,
      narrativeHandlingCode: record.narrativeHandlingCode,
      narrativeHandlingNote: record.narrativeHandlingNote,
      createdByName: record.createdByName,
      assignedTo: record.assignedToId && record.assigneeName ? { id: record.assignedToId, name: record.assigneeName } : null,
      updatedByName: record.updatedByName,
      version: record.version,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      closedAt: record.closedAt,
      people,
      timeline,
      notifications: notificationRows.map((row) => ({
        id: row.id,
        embassyOrganisationId: row.embassyOrganisationId,
        embassy: { en: row.embassyEn, km: row.embassyKm, zh: row.embassyZh },
        countryCode: row.countryCode ?? '',
        kind: row.kind,
        createdAt: row.createdAt,
        dueAt: row.dueAt,
        firstOpenedAt: row.firstOpenedAt,
        acknowledgedAt: row.acknowledgedAt,
        acknowledgedByName: row.acknowledgedByName,
        withdrawnAt: row.withdrawnAt,
        decline: declineViewOf(row, row.declinedByName, row.resolvedByName),
        isOverdue: isOverdue(row, now),
        mail: summariseDeliveries(deliveries.filter((delivery) => delivery.notificationId === row.id)),
      })),
      allowedTransitions: allowedTransitions(record.status, actor.role),
      assignableOfficers,
      notifiableEmbassies: embassies
        .filter((candidate) => !notificationRows.some((notification) => notification.embassyOrganisationId === candidate.id))
        .map((candidate) => ({ id: candidate.id, names: { en: candidate.en, km: candidate.km, zh: candidate.zh } })),
      canOverrideDisclosure: can(actor, 'override:disclosure:own-province'),
      officialNotifications: officialNotificationViews,
      canDecideDualNational: can(actor, 'decide:dual-national:own-province'),
      canResolveNationality: can(actor, 'resolve:nationality:own-province'),
    };
  });
}

/**
 * Other cases of the officer's province with a person of the same ID number or name, so the same person is
 * recognised across cases while the officer is typing.
 */
export async function findPossibleMatches(actor: Actor, input: PossibleMatchInput): Promise<PossibleMatch[]> {
  requirePermission(actor, 'read:case:own-province');
  const documentNumber = input.idDocumentNumber ? normaliseDocumentNumber(input.idDocumentNumber) : '';
  const name = input.name?.trim() ?? '';
  const matchers: SQL[] = [];
  if (documentNumber.length >= 4) matchers.push(sql`upper(${casePeople.idDocumentNumber}) = ${documentNumber}`);
  if (name.length >= 3) matchers.push(sql`(lower(${casePeople.latinName}) = lower(${name}) or ${casePeople.nativeName} = ${name})`);
  if (matchers.length === 0) return [];
  return withActorScope(actor, async (db) => {
    const rows = await db
      .select({
        caseId: cases.id,
        referenceNumber: cases.referenceNumber,
        latinName: casePeople.latinName,
        idDocumentNumber: casePeople.idDocumentNumber,
      })
      .from(casePeople)
      .innerJoin(cases, eq(cases.id, casePeople.caseId))
      .where(and(eq(cases.provinceCode, provinceOf(actor)), input.excludeCaseId ? ne(cases.id, input.excludeCaseId) : undefined, or(...matchers)))
      .orderBy(desc(cases.reportedAt))
      .limit(5);
    return rows.map((row) => ({
      caseId: row.caseId,
      referenceNumber: row.referenceNumber,
      personName: row.latinName,
      matchedOn: documentNumber.length >= 4 && row.idDocumentNumber?.toUpperCase() === documentNumber ? 'idDocumentNumber' : 'name',
    }));
  });
}
