import 'server-only';
import { listOfficialNotificationsIn } from '@/lib/consular/queries';
import { and, asc, count, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
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

function personExists(condition: SQL): SQL {
  return sql`exists (select 1 from ${casePeople} where ${casePeople.caseId} = ${cases.id} and ${condition})`;
}

/** The provinces whose cases the actor may list: their own for police, all (or one chosen) for the ministry. */
function caseListScope(actor: Actor, filters: CaseListFilters): SQL | undefined {
  if (can(actor, 'read:case:own-province')) return eq(cases.provinceCode, provinceOf(actor));
  if (can(actor, 'read:case:all-provinces')) return filters.province ? eq(cases.provinceCode, filters.province) : undefined;
  throw DomainError.notFound('case');
}

/** Names shorter than this give pg_trgm no trigram, so they are matched by prefix on a btree instead of as a substring. */
const shortestSubstringSearch = 3;

/**
 * The cases free text finds, as one set of ids built from index scans: references and titles of cases, and
 * (for police of the province) people's names in either script and their ID numbers.
 */
function caseIdsMatching(actor: Actor, text: string): SQL {
  const documentNumber = normaliseDocumentNumber(text);
  const isShort = [...text].length < shortestSubstringSearch;
  const patternOf = isShort ? prefixPattern : containsPattern;
  const pattern = patternOf(text);
  const documentPattern = patternOf(documentNumber);
  const caseMatches = isShort
    ? sql`select ${cases.id} as case_id from ${cases} where ${cases.referenceNumber} = ${text.toUpperCase()}`
    : sql`select ${cases.id} as case_id from ${cases} where ${cases.referenceNumber} ilike ${pattern} or ${cases.title} ilike ${pattern}`;
  // Only police of the province may look people up; a national reader searches references and titles.
  if (!can(actor, 'read:case:own-province')) return caseMatches;
  const nameOrDocument = isShort
    ? sql`${casePeople.nativeName} like ${pattern} or upper(${casePeople.latinName}) like ${pattern.toUpperCase()} or upper(${casePeople.idDocumentNumber}) like ${documentPattern}`
    : sql`${casePeople.latinName} ilike ${pattern} or ${casePeople.nativeName} ilike ${pattern} or upper(${casePeople.idDocumentNumber}) like ${documentPattern}`;
  const peopleMatches = sql`select ${casePeople.caseId} from ${casePeople} where ${casePeople.provinceCode} = ${provinceOf(actor)} and (${nameOrDocument})`;
  return sql`${caseMatches} union ${peopleMatches}`;
}

/**
 * One page of the case list with its total (capped, see `totalCountCap`), in one statement: the total is an
 * uncorrelated subquery beside the page, and the ids free text finds are a CTE both read, so a search runs its
 * index scans once. Free text matches the reference number, the title, and people's names in either script and
 * their ID numbers; pages are keyset-paginated on (sort time, id).
 */
export async function listCases(actor: Actor, filters: CaseListFilters, pageSize = caseListPageSize): Promise<CaseListPage> {
  const scope = caseListScope(actor, filters);
  return withActorScope(actor, async (db) => {
    const searchMatches = filters.q ? db.$with('search_matches', { caseId: sql<string>`case_id`.as('case_id') }).as(caseIdsMatching(actor, filters.q)) : null;
    const conditions: (SQL | undefined)[] = [scope];
    if (searchMatches) conditions.push(sql`${cases.id} in (select ${searchMatches.caseId} from ${searchMatches})`);
    if (filters.status) conditions.push(eq(cases.status, filters.status));
    if (filters.crimeType) conditions.push(eq(cases.crimeType, filters.crimeType));
    if (filters.nationality) conditions.push(personExists(sql`${casePeople.nationality} = ${filters.nationality}`));
    if (filters.detained) conditions.push(personExists(sql`${casePeople.detentionStatus} = 'detained'`));
    if (filters.from) conditions.push(gte(cases.reportedAt, cambodianDayStart(filters.from)));
    if (filters.to) conditions.push(lt(cases.reportedAt, cambodianDayStart(filters.to, 1)));
    if (filters.mine) conditions.push(eq(cases.assignedTo, actor.userId));
    const where = and(...conditions);

    const sortColumn = filters.sort === 'updated' ? cases.updatedAt : cases.reportedAt;
    const cursor = decodeCursor(filters.cursor);
    const pageWhere = cursor ? and(where, sql`(${sortColumn}, ${cases.id}) < (${cursor.sortValue.toISOString()}::timestamptz, ${cursor.id}::uuid)`) : where;
    const cappedCount = () => db.select({ id: cases.id }).from(cases).where(where).limit(totalCountCap + 1);
    const assignee = alias(users, 'assignee');
    const query = searchMatches ? db.with(searchMatches) : db;
    const rows = await query
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
        matching: sql<number>`(select count(*) from (${cappedCount()}) as matching)`.mapWith(Number),
      })
      .from(cases)
      .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
      .where(pageWhere)
      .orderBy(desc(sortColumn), desc(cases.id))
      .limit(pageSize + 1);
    let total = rows[0]?.matching ?? 0;
    // Only a page past the end (a stale cursor) comes back without the total beside it.
    if (rows.length === 0 && cursor) {
      const [counted] = await query.select({ total: count() }).from(cappedCount().as('matching'));
      total = counted?.total ?? 0;
    }
    const items = rows.slice(0, pageSize).map(({ matching, ...row }) => ({ ...row, nationalities: row.nationalities ? row.nationalities.split(',') : [] }));
    const last = items.at(-1);
    const hasMore = rows.length > pageSize;
    return {
      items,
      ...cappedTotalOf(total),
      nextCursor: hasMore && last ? encodeCursor(filters.sort === 'updated' ? last.updatedAt : last.reportedAt, last.id) : null,
    };
  });
}

/** The whole workspace of one case for police of its province; the read itself is audited. */
export async function getCaseWorkspace(actor: Actor, caseId: string, now = new Date()): Promise<PoliceCaseView> {
  requirePermission(actor, 'read:case:own-province');
  if (!isUuid(caseId)) throw DomainError.notFound('case');
  // Every select names the columns the view carries, flat: no whole rows to map and trim afterwards. All of
  // them go in one round trip: each kind of data is one statement filtered by the case id alone, sent together
  // with the case's own (which checks the province); if that finds nothing, the page is "not found" and the
  // other rows — which row-level security keeps to the officer's province anyway — are dropped unread.
  const province = provinceOf(actor);
  return withActorScope(actor, async (db) => {
    const creator = alias(users, 'creator');
    const assignee = alias(users, 'assignee');
    const editor = alias(users, 'editor');
    const caseRecord = db
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
      .where(and(eq(cases.id, caseId), eq(cases.provinceCode, province)));

    const actorUser = alias(users, 'actor_user');
    const actorOrganisation = alias(organisations, 'actor_organisation');
    const embassy = alias(organisations, 'embassy');
    const acknowledger = alias(users, 'acknowledger');
    const decliner = alias(users, 'decliner');
    const resolver = alias(users, 'resolver');
    // The officers named by assignment events, for the timeline's text.
    const assignedIds = db
      .select({ id: sql`case when ${caseEvents.details}->>'assignedTo' ~ '^[0-9a-fA-F-]{36}$' then (${caseEvents.details}->>'assignedTo')::uuid end` })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'case_assigned')));
    const [[record], people, events, notes, notificationRows, assignableOfficers, embassies, deliveries, assignees] = await Promise.all([
      caseRecord,
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
        .where(eq(casePeople.caseId, caseId))
        .orderBy(asc(casePeople.roleInCase), asc(casePeople.createdAt), asc(casePeople.id)),
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
        .where(eq(caseEvents.caseId, caseId))
        .orderBy(desc(caseEvents.occurredAt), desc(caseEvents.id)),
      db.select({ id: caseNotes.id, body: caseNotes.body }).from(caseNotes).where(eq(caseNotes.caseId, caseId)),
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
        .where(eq(notifications.caseId, caseId))
        .orderBy(asc(embassy.nameEn)),
      can(actor, 'assign:case:own-province')
        ? db
            .select({ id: users.id, name: users.name })
            .from(users)
            .innerJoin(organisations, eq(organisations.id, users.organisationId))
            .where(
              and(
                eq(organisations.kind, 'police'),
                eq(organisations.provinceCode, province),
                eq(users.isActive, true),
                eq(users.isApiKeyAccount, false),
                inArray(users.role, ['police_officer', 'police_supervisor']),
              ),
            )
            .orderBy(asc(users.name))
        : Promise.resolve(null),
      db
        .select({ id: organisations.id, en: organisations.nameEn, km: organisations.nameKm, zh: organisations.nameZh })
        .from(organisations)
        .where(and(eq(organisations.kind, 'embassy'), eq(organisations.isActive, true)))
        .orderBy(asc(organisations.nameEn)),
      listDeliveriesOfCase(db, caseId),
      db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, assignedIds)),
    ]);
    if (!record) throw DomainError.notFound('case');

    const officialNotificationViews = await listOfficialNotificationsIn(db, caseId);
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
    const { assignedToId, assigneeName, ...caseFields } = record;
    return {
      ...caseFields,
      assignedTo: assignedToId && assigneeName ? { id: assignedToId, name: assigneeName } : null,
      people,
      timeline,
      notifications: notificationRows.map(({ embassyEn, embassyKm, embassyZh, countryCode, declinedByName, resolvedByName, ...row }) => {
        const { declineReason, declineNote, nationalityResolvedAt, nationalityResolution, nationalityResolutionNote, ...notification } = row;
        return {
          ...notification,
          embassy: { en: embassyEn, km: embassyKm, zh: embassyZh },
          countryCode: countryCode ?? '',
          decline: declineViewOf(row, declinedByName, resolvedByName),
          isOverdue: isOverdue(notification, now),
          mail: summariseDeliveries(deliveries.filter((delivery) => delivery.notificationId === notification.id)),
        };
      }),
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
