import type { CaseStatus, ClosureReason, CooperationActionType, HandlingCode, NotificationUpdateKind, PersonRole, Role } from '@/db/schema';
import { referenceYearOf } from '@/lib/cases/reference-number';
import { escalateToDetention, notificationDueAt } from '@/lib/notifications/deadlines';
import { routeNotifications } from '@/lib/notifications/routing';
import { cambodianDate, listPhrase, nationalityAdjectives, newIdentity, planStatusChanges, type Identity } from '@/demo-data/shared/case-lifecycle';
import { acknowledgementNotes, messageScripts, noteBodies } from '@/demo-data/shared/case-texts';
import { demoStories } from '@/demo-data/shared/demo-stories';
import type { SeededRandom } from '@/demo-data/shared/prng';
import { copyRow } from './copy-text';
import type { TimeOrderedIds } from './ids';
import { casts, crimeTableOf, witnessNationalities, type Cast } from './mix';
import type { PlacesByCrime } from './places';
import type { ReferenceNumberAllocator } from './reference-numbers';
import { reportTimeAt, type ReportWindow } from './report-times';
import { isoTimestamp } from './timestamps';
import type { WeightedTable } from './weights';
import type { CaseEvent, CaseEventDetails } from '@/lib/cases/case-events';


/** The tables a batch fills, in an order that satisfies their foreign keys, with the columns COPY sends. */
export const loadTables = {
  cases: [
    'id', 'reference_number', 'reference_year', 'reference_sequence', 'province_code', 'crime_type', 'status', 'closure_reason',
    'district', 'commune', 'place_description', 'occurred_at', 'reported_at', 'title', 'narrative', 'is_narrative_shareable',
    'narrative_handling_code', 'narrative_handling_note', 'created_by', 'assigned_to', 'updated_by', 'version', 'created_at',
    'updated_at', 'closed_at',
  ],
  case_people: [
    'id', 'case_id', 'province_code', 'role_in_case', 'latin_name', 'native_name', 'sex', 'date_of_birth', 'approximate_age', 'nationality',
    'id_document_type', 'id_document_number', 'detention_status', 'detention_changed_at', 'detained_at', 'is_sensitive_victim', 'consular_consent',
    'consent_recorded_at', 'consent_recorded_by', 'created_at', 'updated_at',
  ],
  case_notes: ['id', 'case_id', 'author_id', 'body', 'created_at'],
  notifications: [
    'id', 'case_id', 'embassy_organisation_id', 'kind', 'reason', 'created_by', 'created_at', 'due_at', 'first_opened_at',
    'first_opened_by', 'acknowledged_at', 'acknowledged_by', 'acknowledgement_note', 'last_updated_at',
    // History counts as e-mailed: the first new update must not mail every loaded one (lib/mail/notification-updates.ts).
    'updates_mailed_until',
  ],
  notification_updates: ['id', 'notification_id', 'kind', 'details', 'created_at', 'read_at', 'read_by'],
  cooperation_actions: [
    'id', 'case_id', 'embassy_organisation_id', 'action_type', 'status', 'recorded_by_side', 'created_by', 'action_date',
    'description', 'handling_code', 'responds_to_id', 'created_at', 'updated_at',
  ],
  case_messages: ['id', 'case_id', 'embassy_organisation_id', 'author_id', 'author_side', 'body', 'handling_code', 'created_at'],
  case_events: ['id', 'case_id', 'kind', 'actor_user_id', 'actor_organisation_id', 'embassy_organisation_id', 'occurred_at', 'details'],
  audit_log: ['occurred_at', 'actor_user_id', 'actor_organisation_id', 'actor_role', 'action', 'outcome', 'entity_type', 'entity_id', 'details'],
} as const satisfies Record<string, readonly string[]>;

export type LoadTable = keyof typeof loadTables;
export const loadTableNames = Object.keys(loadTables) as LoadTable[];

export interface LoadUser {
  id: string;
  role: Role;
}

export interface LoadProvince {
  code: string;
  policeOrganisationId: string;
  officers: readonly LoadUser[];
  supervisors: readonly LoadUser[];
}

export interface LoadEmbassy {
  id: string;
  countryCode: string;
  ackDeadlineHours: number;
  detentionAckDeadlineHours: number;
  liaisons: readonly LoadUser[];
  /** For interpreter requests ("Thai interpreter requested …"). */
  language: string;
}

export interface GeneratorContext {
  rng: SeededRandom;
  ids: TimeOrderedIds;
  now: Date;
  window: ReportWindow;
  /** How many cases the whole load generates; case k of them is reported at the k-th share of the window. */
  totalCases: number;
  provinceTable: WeightedTable<string>;
  provinces: ReadonlyMap<string, LoadProvince>;
  embassies: readonly LoadEmbassy[];
  places: ReadonlyMap<string, PlacesByCrime>;
  references: ReferenceNumberAllocator;
  audit: AuditLevel;
}

/**
 * Which audit entries to write: `full` — one for every write that made the data (create, assignment, status
 * changes, notes, acknowledgements, actions, messages: about seven per case); `cases` — the `case.create` entry of
 * each case; `none`. The audit log's hash-chain trigger makes every entry cost far more than any other row.
 */
export type AuditLevel = 'full' | 'cases' | 'none';
export const auditLevels: readonly AuditLevel[] = ['full', 'cases', 'none'];

export type GeneratedBatch = { [table in LoadTable]: string[] };

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;


interface Person {
  id: string;
  role: PersonRole;
  identity: Identity;
  detainedAt: number | null;
  releasedAt: number | null;
  consent: 'yes' | 'no' | 'not_asked';
  consentRecordedAt: number | null;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : isoTimestamp(ms);
}

/**
 * Generates cases `first` … `first + count - 1` of the load with everything that belongs to them, as COPY text
 * lines per table. Pure apart from the random sources and the reference allocator it advances.
 */
export function generateBatch(context: GeneratorContext, first: number, count: number): GeneratedBatch {
  const batch = Object.fromEntries(loadTableNames.map((table) => [table, [] as string[]])) as GeneratedBatch;
  for (let index = first; index < first + count; index += 1) generateCase(context, batch, index);
  return batch;
}

/** A few people turn up again in a later case under the same passport, so possible-match searches find something. */
const recurringPools = new WeakMap<GeneratorContext, Identity[]>();

function generateCase(context: GeneratorContext, batch: GeneratedBatch, caseIndex: number): void {
  const { rng, ids, now } = context;
  const nowMs = now.getTime();
  const reportedMs = Math.floor(reportTimeAt(context.window, (caseIndex + rng.next()) / context.totalCases) / minute) * minute;
  const provinceCode = context.provinceTable.pick(rng.next());
  const province = context.provinces.get(provinceCode);
  if (!province) throw new Error(`No police organisation for province ${provinceCode}`);
  const crimeType = crimeTableOf(provinceCode).pick(rng.next());
  const cast = casts[crimeType];
  const reference = context.references.next(provinceCode, referenceYearOf(new Date(reportedMs)));
  const caseId = ids.next(reportedMs);
  const ageMs = nowMs - reportedMs;

  const statusChanges = planStatusChanges(rng, reportedMs, ageMs);
  const finalChange = statusChanges.at(-1);
  const status: CaseStatus = finalChange?.to ?? 'reported';
  const closedAt = status === 'closed' ? (finalChange?.at ?? null) : null;
  const closure = finalChange?.closureReason ?? null;
  const activeUntil = closedAt ?? nowMs;

  const creator = rng.chance(0.85) || province.supervisors.length === 0 ? rng.pick(province.officers) : rng.pick(province.supervisors);
  const supervisor = province.supervisors.length > 0 ? rng.pick(province.supervisors) : creator;
  const isAssigned = status === 'reported' ? rng.chance(0.3) : rng.chance(0.85);
  const assignee = isAssigned ? (rng.chance(0.7) ? creator : rng.pick(province.officers)) : null;
  const firstMove = statusChanges[0]?.at ?? nowMs;
  const assignedAt = assignee ? reportedMs + Math.floor((firstMove - reportedMs) * rng.between(0.1, 0.9)) : null;
  const caseOfficer = assignee ?? creator;

  const occurredMs =
    reportedMs -
    Math.floor(
      crimeType === 'drug_trafficking'
        ? rng.between(0, 6 * hour)
        : crimeType === 'kidnapping'
          ? rng.between(2 * hour, 5 * day)
          : crimeType === 'other'
            ? rng.between(0, 2 * day)
            : rng.between(hour, 60 * day),
    );

  // People: suspects, victims and sometimes a witness; about three per case over the whole mix.
  const people: Person[] = [];
  const suspectCount = rng.integer(cast.suspects[0], cast.suspects[1]);
  const victimCount = rng.integer(cast.victims[0], cast.victims[1]);
  for (let index = 0; index < suspectCount; index += 1) people.push(planPerson(context, cast, 'suspect', reportedMs, activeUntil, closure));
  for (let index = 0; index < victimCount; index += 1) people.push(planPerson(context, cast, 'victim', reportedMs, activeUntil, closure));
  if (rng.chance(cast.witnessChance)) people.push(planPerson(context, cast, 'witness', reportedMs, activeUntil, closure));

  const place = rng.pick(context.places.get(provinceCode)?.get(crimeType) ?? []);
  const adjectivesOf = (role: PersonRole) =>
    listPhrase([...new Set(people.flatMap((person) => (person.role === role && person.identity.nationality !== 'XX' ? [nationalityAdjectives[person.identity.nationality]] : [])))]);
  const story = rng.pick(demoStories[crimeType])({
    place,
    victimCount,
    suspectCount,
    victimNationalities: adjectivesOf('victim'),
    suspectNationalities: adjectivesOf('suspect'),
    rng,
  });
  const narrativeHandlingCode = rng.weighted<HandlingCode>({ H0: 50, H1: 30, H2: 15, H3: 5 });

  const events = batch.case_events;
  const audit = batch.audit_log;
  const event = <K extends CaseEvent['kind']>(kind: K, at: number, actor: LoadUser, organisationId: string, embassyId: string | null, details: CaseEventDetails<K>) => {
    events.push(copyRow([ids.next(reportedMs), caseId, kind, actor.id, organisationId, embassyId, iso(at), details]));
  };
  const audited = (at: number, actor: LoadUser, organisationId: string, action: string, entityType: string, entityId: string, details: Record<string, unknown>) => {
    if (context.audit === 'full' || (context.audit === 'cases' && action === 'case.create')) audit.push(copyRow([iso(at), actor.id, organisationId, actor.role, action, 'success', entityType, entityId, details]));
  };
  const police = province.policeOrganisationId;

  event('case_created', reportedMs, creator, police, null, { referenceNumber: reference.referenceNumber, people: people.length });
  audited(reportedMs, creator, police, 'case.create', 'case', caseId, { referenceNumber: reference.referenceNumber });
  let lastChange = reportedMs;
  let lastEditor = creator;
  if (assignee && assignedAt !== null) {
    event('case_assigned', assignedAt, supervisor, police, null, { assignedTo: assignee.id });
    audited(assignedAt, supervisor, police, 'case.assign', 'case', caseId, { assignedTo: assignee.id });
    if (assignedAt > lastChange) [lastChange, lastEditor] = [assignedAt, supervisor];
  }
  for (const change of statusChanges) {
    const actor = change.to === 'referred_to_prosecutor' ? supervisor : caseOfficer;
    const details = change.closureReason ? { from: change.from, to: change.to, closureReason: change.closureReason } : { from: change.from, to: change.to };
    event('status_changed', change.at, actor, police, null, details);
    audited(change.at, actor, police, 'case.change_status', 'case', caseId, details);
    if (change.at > lastChange) [lastChange, lastEditor] = [change.at, actor];
  }
  if (status !== 'reported' && ageMs > 3 * day && rng.chance(0.4)) {
    const noteId = ids.next(reportedMs);
    const noteAt = reportedMs + Math.floor((activeUntil - reportedMs) * rng.between(0.1, 0.9));
    batch.case_notes.push(copyRow([noteId, caseId, caseOfficer.id, rng.pick(noteBodies), iso(noteAt)]));
    event('note_added', noteAt, caseOfficer, police, null, { noteId });
    audited(noteAt, caseOfficer, police, 'case.add_note', 'case', caseId, { noteId });
  }

  batch.cases.push(
    copyRow([
      caseId,
      reference.referenceNumber,
      reference.referenceYear,
      reference.referenceSequence,
      provinceCode,
      crimeType,
      status,
      closure,
      place.district,
      place.commune,
      place.description,
      iso(occurredMs),
      iso(reportedMs),
      story.title,
      story.narrative,
      rng.chance(0.45),
      narrativeHandlingCode,
      narrativeHandlingCode === 'H3' ? 'Source protection: do not pass on outside the investigating unit.' : null,
      creator.id,
      assignee?.id ?? null,
      lastEditor.id,
      1 + statusChanges.length + (assignee ? 1 : 0),
      iso(reportedMs),
      iso(lastChange),
      iso(closedAt),
    ]),
  );

  for (const person of people) {
    const { identity } = person;
    const consentRecorded = person.consentRecordedAt !== null;
    batch.case_people.push(
      copyRow([
        person.id,
        caseId,
        provinceCode,
        person.role,
        identity.latinName,
        identity.nativeName,
        identity.sex,
        identity.dateOfBirth,
        identity.approximateAge,
        identity.nationality,
        identity.document?.idDocumentType ?? null,
        identity.document?.idDocumentNumber ?? null,
        person.releasedAt !== null ? 'released' : person.detainedAt !== null ? 'detained' : 'not_detained',
        iso(person.releasedAt ?? person.detainedAt),
        iso(person.detainedAt),
        person.role === 'victim' && ['human_trafficking', 'kidnapping', 'online_scam'].includes(crimeType) && rng.chance(0.35),
        consentRecorded ? person.consent : 'not_asked',
        iso(person.consentRecordedAt),
        consentRecorded ? creator.id : null,
        iso(reportedMs),
        iso(Math.max(reportedMs, person.releasedAt ?? person.detainedAt ?? 0, person.consentRecordedAt ?? 0)),
      ]),
    );
  }

  // Routed on the people as they were at intake, as intake would have; later detentions escalate.
  const atIntake = people.map((person) => ({
    nationality: person.identity.nationality,
    detentionStatus: person.detainedAt !== null && person.detainedAt <= reportedMs ? ('detained' as const) : ('not_detained' as const),
  }));
  for (const route of routeNotifications(atIntake, context.embassies)) {
    const embassy = route.embassy;
    const nationals = people.filter((person) => person.identity.nationality === embassy.countryCode);
    const liaison = rng.pick(embassy.liaisons);
    const notificationId = ids.next(reportedMs);
    let dueAt = notificationDueAt(route.kind, embassy, new Date(reportedMs));
    let kind = route.kind;
    let lastUpdated = reportedMs;
    const update = (updateKind: NotificationUpdateKind, at: number, details: Record<string, unknown>, actor: LoadUser) => {
      const readAt = at + Math.floor(rng.between(hour, 24 * hour));
      const isRead = readAt < nowMs && rng.chance(ageMs > 30 * day ? 0.97 : 0.7);
      batch.notification_updates.push(copyRow([ids.next(reportedMs), notificationId, updateKind, details, iso(at), isRead ? iso(readAt) : null, isRead ? liaison.id : null]));
      // As the app does: a status change is on the timeline once (status_changed), not once per embassy.
      if (updateKind !== 'case_status_changed') event('notification_updated', at, actor, police, embassy.id, { notificationId, update: updateKind });
      if (at > lastUpdated) lastUpdated = at;
    };
    for (const national of nationals) {
      if (national.detainedAt !== null && national.detainedAt > reportedMs) {
        ({ kind, dueAt } = escalateToDetention({ dueAt }, embassy, new Date(national.detainedAt)));
        update('national_detained', national.detainedAt, { personId: national.id }, caseOfficer);
      }
      if (national.releasedAt !== null) update('national_released', national.releasedAt, { personId: national.id }, caseOfficer);
      if (national.consentRecordedAt !== null) update('consent_recorded', national.consentRecordedAt, { personId: national.id, consent: national.consent }, creator);
    }
    for (const change of statusChanges) update('case_status_changed', change.at, { from: change.from, to: change.to }, change.to === 'referred_to_prosecutor' ? supervisor : caseOfficer);

    const ageInDays = ageMs / day;
    const acknowledgeChance = ageInDays > 60 ? 0.97 : ageInDays > 3 ? 0.8 : 0.3;
    const answerWindow = dueAt.getTime() - reportedMs;
    const proposedAck = rng.chance(acknowledgeChance)
      ? rng.chance(0.85)
        ? reportedMs + Math.floor(answerWindow * rng.between(0.05, 0.95))
        : dueAt.getTime() + Math.floor(rng.between(hour, 72 * hour))
      : null;
    const acknowledgedAt = proposedAck !== null && proposedAck < nowMs ? proposedAck : null;
    const proposedOpening =
      acknowledgedAt !== null
        ? reportedMs + Math.floor((acknowledgedAt - reportedMs) * rng.between(0.1, 0.9))
        : rng.chance(0.4)
          ? reportedMs + Math.floor(rng.between(10 * minute, 48 * hour))
          : null;
    const firstOpenedAt = proposedOpening !== null && proposedOpening < nowMs ? proposedOpening : null;
    batch.notifications.push(
      copyRow([
        notificationId,
        caseId,
        embassy.id,
        kind,
        route.reason,
        creator.id,
        iso(reportedMs),
        iso(dueAt.getTime()),
        iso(firstOpenedAt),
        firstOpenedAt !== null ? liaison.id : null,
        iso(acknowledgedAt),
        acknowledgedAt !== null ? liaison.id : null,
        acknowledgedAt !== null && rng.chance(0.5) ? rng.pick(acknowledgementNotes) : null,
        iso(lastUpdated),
        iso(nowMs),
      ]),
    );
    event('notification_sent', reportedMs, creator, police, embassy.id, { notificationId, kind: route.kind, reason: route.reason });
    if (firstOpenedAt !== null) event('notification_opened', firstOpenedAt, liaison, embassy.id, embassy.id, { notificationId });
    if (acknowledgedAt !== null) {
      event('notification_acknowledged', acknowledgedAt, liaison, embassy.id, embassy.id, { notificationId });
      audited(acknowledgedAt, liaison, embassy.id, 'notification.acknowledge', 'notification', notificationId, { caseId });
    }

    // Cooperation: only about people the embassy may hear of (suspects, witnesses, victims who consented).
    const shareable = nationals.filter((person) => person.role !== 'victim' || person.consent === 'yes');
    if (status !== 'reported' && ageInDays > 4 && shareable.length > 0 && rng.chance(0.4)) {
      const person = rng.pick(shareable);
      const isSettled = ageInDays > 21;
      const recordedAt = reportedMs + Math.floor((activeUntil - reportedMs) * rng.between(0.05, 0.5));
      const draft: { actionType: CooperationActionType; side: 'police' | 'embassy'; description: string } =
        person.detainedAt !== null
          ? { actionType: 'consular_visit', side: 'embassy' as const, description: `Consular officer visit to ${person.identity.latinName} at the provincial police commissariat; no complaints about treatment were raised.` }
          : person.role === 'victim'
            ? isSettled
              ? { actionType: 'repatriation', side: 'embassy' as const, description: `Emergency travel document issued for ${person.identity.latinName}; return flight arranged from Phnom Penh.` }
              : { actionType: 'interpreter', side: 'police' as const, description: `${embassy.language} interpreter requested for the interview of ${person.identity.latinName}.` }
            : person.identity.document
              ? { actionType: 'identity_verification', side: 'police' as const, description: `Please confirm that passport ${person.identity.document.idDocumentNumber} was issued to ${person.identity.latinName}.` }
              : { actionType: 'information_request', side: 'police' as const, description: `${person.identity.latinName} carries no documents. Please check your records for the name and age we recorded.` };
      const actionStatus = isSettled ? rng.weighted({ done: 85, declined: 5, in_progress: 10 }) : rng.weighted({ requested: 50, in_progress: 50 });
      const author = draft.side === 'police' ? caseOfficer : liaison;
      const authorOrganisation = draft.side === 'police' ? police : embassy.id;
      const actionId = ids.next(reportedMs);
      batch.cooperation_actions.push(
        copyRow([actionId, caseId, embassy.id, draft.actionType, actionStatus, draft.side, author.id, cambodianDate(recordedAt), draft.description, rng.weighted<HandlingCode>({ H0: 80, H1: 15, H2: 5 }), null, iso(recordedAt), iso(recordedAt)]),
      );
      event('cooperation_action_recorded', recordedAt, author, authorOrganisation, embassy.id, { actionId, actionType: draft.actionType, status: actionStatus });
      audited(recordedAt, author, authorOrganisation, 'cooperation.record', 'cooperation_action', actionId, { caseId });
      const answeredAt = recordedAt + Math.floor(rng.between(6 * hour, 5 * day));
      if (draft.side === 'police' && isSettled && answeredAt < nowMs && rng.chance(0.6)) {
        const answerId = ids.next(reportedMs);
        batch.cooperation_actions.push(
          copyRow([answerId, caseId, embassy.id, 'information_provided', 'done', 'embassy', liaison.id, cambodianDate(answeredAt), `Records checked for ${person.identity.latinName}; details passed on to the investigating officer.`, 'H0', actionId, iso(answeredAt), iso(answeredAt)]),
        );
        event('cooperation_action_recorded', answeredAt, liaison, embassy.id, embassy.id, { actionId: answerId, actionType: 'information_provided', status: 'done' });
        audited(answeredAt, liaison, embassy.id, 'cooperation.record', 'cooperation_action', answerId, { caseId });
      }
    }

    // A message thread on some detention cases.
    if (kind === 'detention' && ageInDays > 2 && rng.chance(0.15)) {
      let postedAt = reportedMs + Math.floor(rng.between(2 * hour, 48 * hour));
      for (const [side, body] of messageScripts.detention) {
        if (postedAt >= nowMs) break;
        const messageId = ids.next(reportedMs);
        const author = side === 'police' ? caseOfficer : liaison;
        const authorOrganisation = side === 'police' ? police : embassy.id;
        batch.case_messages.push(copyRow([messageId, caseId, embassy.id, author.id, side, body, 'H0', iso(postedAt)]));
        event('message_posted', postedAt, author, authorOrganisation, embassy.id, { messageId });
        audited(postedAt, author, authorOrganisation, 'message.post', 'case_message', messageId, { caseId });
        postedAt += Math.floor(rng.between(hour, 36 * hour));
      }
    }
  }
}

function planPerson(
  context: GeneratorContext,
  cast: Cast,
  role: PersonRole,
  reportedMs: number,
  activeUntil: number,
  closure: ClosureReason | null,
): Person {
  const { rng, now } = context;
  const nowMs = now.getTime();
  let identity: Identity;
  let recurringPool = recurringPools.get(context);
  if (!recurringPool) recurringPools.set(context, (recurringPool = []));
  const recurring = role === 'suspect' && recurringPool.length > 0 && rng.chance(0.02) ? rng.pick(recurringPool) : undefined;
  if (recurring) {
    identity = recurring;
  } else {
    const table = role === 'suspect' ? cast.suspectNationalities : role === 'victim' ? cast.victimNationalities : witnessNationalities;
    // A few people whose nationality could not be established, whatever the crime.
    const nationality = role !== 'witness' && rng.chance(0.03) ? 'XX' : table.pick(rng.next());
    identity = newIdentity(rng, nationality, role, cast, reportedMs);
    if (role === 'suspect' && identity.document && rng.chance(0.01)) {
      if (recurringPool.length >= 2000) recurringPool[rng.integer(0, recurringPool.length - 1)] = identity;
      else recurringPool.push(identity);
    }
  }

  let detainedAt: number | null = null;
  let releasedAt: number | null = null;
  if (role === 'suspect') {
    if (rng.chance(cast.detentionAtReport)) {
      detainedAt = reportedMs;
    } else if (rng.chance(0.25)) {
      const arrest = reportedMs + Math.floor(rng.between(2 * hour, 72 * hour));
      if (arrest < activeUntil) detainedAt = arrest;
    }
    // Most people detained years ago have long been released, convicted or deported: the detention ended.
    const ageInDays = (nowMs - reportedMs) / day;
    if (detainedAt !== null && (closure === 'insufficient_evidence' || rng.chance(ageInDays > 365 ? 0.9 : 0.15))) {
      const release = detainedAt + Math.floor((Math.min(activeUntil, detainedAt + 300 * day) - detainedAt) * rng.between(0.2, 0.8));
      if (release > detainedAt && release < nowMs) releasedAt = release;
    }
  }
  const isForeignVictim = role === 'victim' && identity.nationality !== 'KH';
  const consent = isForeignVictim ? rng.weighted({ yes: 45, no: 15, not_asked: 40 }) : 'not_asked';
  const proposedConsent = reportedMs + Math.floor(rng.between(hour, 48 * hour));
  const consentRecordedAt = consent !== 'not_asked' && proposedConsent < nowMs ? proposedConsent : null;
  return { id: context.ids.next(reportedMs), role, identity, detainedAt, releasedAt, consent, consentRecordedAt };
}
