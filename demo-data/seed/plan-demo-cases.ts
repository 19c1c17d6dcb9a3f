import { randomUUID } from 'node:crypto';
import type {
  caseEvents,
  caseMessages,
  caseNotes,
  casePeople,
  cases,
  cooperationActions,
  notifications,
  notificationUpdates,
  officialNotifications,
  organisations,
  CaseStatus,
  ClosureReason,
  CrimeType,
  HandlingCode,
  OfficialNotificationMethod,
  PersonRole,
} from '@/db/schema';
import { competentMission, receivingOrganisationId, type DirectoryMission } from '@/lib/consular/competent-mission';
import { offCaseBridgeDeadlines, planOfficialNotifications } from '@/lib/consular/official-plan';
import { isDisclosedToEmbassy } from '@/lib/disclosure/rule';
import { escalateToDetention, notificationDueAt } from '@/lib/notifications/deadlines';
import { routeNotifications, type NotificationRoute } from '@/lib/notifications/routing';
import type { DemoAccountEmail } from './demo-accounts';
import { cambodianDate, listPhrase, nationalityAdjectives, newIdentity, planStatusChanges, type Identity, type StatusChange } from '@/demo-data/shared/case-lifecycle';
import { acknowledgementNotes, messageScripts, noteBodies, type Side } from '@/demo-data/shared/case-texts';
import { demoDocument, demoName, type DemoNationality, type DemoSex } from '@/demo-data/shared/demo-names';
import type { DemoOrganisationSlug } from '@/demo-data/shared/demo-organisations';
import { demoPlaces, type DemoProvinceCode } from '@/demo-data/shared/demo-places';
import { demoStories } from '@/demo-data/shared/demo-stories';
import { SeededRandom } from '@/demo-data/shared/prng';
import type { CaseEvent, CaseEventDetails } from '@/lib/cases/case-events';
import { planMisroutedCase } from './plan-misrouted-case';

type CaseInsert = typeof cases.$inferInsert;
type PersonInsert = typeof casePeople.$inferInsert;
type EventInsert = typeof caseEvents.$inferInsert;
type NoteInsert = typeof caseNotes.$inferInsert;
type NotificationInsert = typeof notifications.$inferInsert;
type NotificationUpdateInsert = typeof notificationUpdates.$inferInsert;
type CooperationActionInsert = typeof cooperationActions.$inferInsert;
type MessageInsert = typeof caseMessages.$inferInsert;
type OfficialNotificationInsert = typeof officialNotifications.$inferInsert;

type DirectoryOrganisation = Pick<typeof organisations.$inferSelect, 'id' | 'countryCode' | 'ackDeadlineHours' | 'detentionAckDeadlineHours'>;

/** A foreign mission of the directory as the plan routes by it, with the name an officer writes in a task. */
export type DemoDirectoryMission = DirectoryMission & { nameEn: string };

/** The organisations, users and foreign missions the plan refers to, as they are in the database. */
export interface DemoDirectory {
  organisation(slug: DemoOrganisationSlug): DirectoryOrganisation;
  userId(email: DemoAccountEmail): string;
  missions: readonly DemoDirectoryMission[];
}

/** A case ready to insert once the intake transaction has given it a reference number. */
export interface PlannedCase {
  row: Omit<CaseInsert, 'referenceNumber' | 'referenceYear' | 'referenceSequence'> & {
    id: string;
    provinceCode: string;
    reportedAt: Date;
    createdBy: string;
  };
  policeOrganisationId: string;
}

export interface DemoCasePlan {
  /** In the order they were reported, so reference numbers rise with time. */
  cases: PlannedCase[];
  people: PersonInsert[];
  notes: NoteInsert[];
  notifications: NotificationInsert[];
  notificationUpdates: NotificationUpdateInsert[];
  cooperationActions: CooperationActionInsert[];
  messages: MessageInsert[];
  /** The police's tasks for the missions off CaseBridge (lib/consular/official-sync.ts keeps them after intake). */
  officialNotifications: OfficialNotificationInsert[];
  /** Every timeline event except `case_created`, which carries the reference number. */
  events: EventInsert[];
}

export const demoCaseCount = 200;
const demoSeed = 20_240_917;

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const provinceWeights: Record<DemoProvinceCode, number> = { KKG: 45, PSN: 35, PNH: 20 };

const crimeWeights: Record<DemoProvinceCode, Record<CrimeType, number>> = {
  KKG: { online_scam: 30, human_trafficking: 25, drug_trafficking: 20, kidnapping: 8, fraud_extortion: 10, other: 7 },
  PSN: { online_scam: 35, human_trafficking: 20, drug_trafficking: 15, kidnapping: 10, fraud_extortion: 12, other: 8 },
  PNH: { online_scam: 20, human_trafficking: 10, drug_trafficking: 25, kidnapping: 10, fraud_extortion: 20, other: 15 },
};

type NationalityWeights = Partial<Record<DemoNationality, number>>;

interface Cast {
  suspects: readonly [number, number];
  victims: readonly [number, number];
  suspectNationalities: NationalityWeights;
  victimNationalities: NationalityWeights;
  /** Share of suspects taken into custody when the case is reported. */
  detentionAtReport: number;
  /** Share of victims whose documents were with them (scam and trafficking victims often had theirs taken). */
  victimDocumentChance: number;
  femaleVictimShare: number;
}

const casts: Record<CrimeType, Cast> = {
  online_scam: {
    suspects: [1, 2],
    victims: [1, 3],
    suspectNationalities: { CN: 50, KH: 15, VN: 10, MY: 8, TH: 5, XX: 4, ID: 3 },
    victimNationalities: { CN: 15, VN: 20, TH: 15, ID: 15, MM: 10, MY: 8, PH: 8, LA: 5, KH: 4 },
    detentionAtReport: 0.45,
    victimDocumentChance: 0.45,
    femaleVictimShare: 0.45,
  },
  human_trafficking: {
    suspects: [1, 2],
    victims: [1, 3],
    suspectNationalities: { KH: 35, CN: 35, VN: 15, TH: 10, XX: 5 },
    victimNationalities: { VN: 20, TH: 15, MM: 15, ID: 12, LA: 10, KH: 15, CN: 8, PH: 5 },
    detentionAtReport: 0.5,
    victimDocumentChance: 0.4,
    femaleVictimShare: 0.6,
  },
  drug_trafficking: {
    suspects: [1, 3],
    victims: [0, 0],
    suspectNationalities: { KH: 40, TH: 20, VN: 15, LA: 10, CN: 10, MM: 5 },
    victimNationalities: {},
    detentionAtReport: 0.75,
    victimDocumentChance: 0,
    femaleVictimShare: 0,
  },
  kidnapping: {
    suspects: [1, 2],
    victims: [1, 1],
    suspectNationalities: { CN: 55, KH: 25, VN: 10, XX: 10 },
    victimNationalities: { CN: 60, VN: 15, MY: 10, KH: 10, TH: 5 },
    detentionAtReport: 0.6,
    victimDocumentChance: 0.6,
    femaleVictimShare: 0.35,
  },
  fraud_extortion: {
    suspects: [0, 2],
    victims: [1, 1],
    suspectNationalities: { KH: 35, CN: 30, VN: 15, TH: 10, XX: 10 },
    victimNationalities: { KH: 35, CN: 20, VN: 15, TH: 10, MY: 10, PH: 10 },
    detentionAtReport: 0.35,
    victimDocumentChance: 0.8,
    femaleVictimShare: 0.5,
  },
  other: {
    suspects: [1, 1],
    victims: [0, 1],
    suspectNationalities: { KH: 50, CN: 15, VN: 15, TH: 10, XX: 10 },
    victimNationalities: { KH: 50, CN: 15, VN: 15, TH: 10, PH: 10 },
    detentionAtReport: 0.4,
    victimDocumentChance: 0.8,
    femaleVictimShare: 0.4,
  },
};

const witnessNationalities: NationalityWeights = { KH: 80, CN: 10, VN: 10 };

type EmbassySlug = Extract<DemoOrganisationSlug, `embassy-${string}`>;
/** The organisations on CaseBridge of foreign missions: three embassies and Viet Nam's consulate-general. */
const embassySlugs: readonly EmbassySlug[] = ['embassy-cn', 'embassy-vn', 'embassy-th', 'embassy-vn-cg-psn'];

export const liaisonOf: Record<EmbassySlug, DemoAccountEmail> = {
  'embassy-cn': 'li.wei@cn.embassy.demo',
  'embassy-vn': 'nguyen.lan@vn.embassy.demo',
  'embassy-th': 'somchai.prasert@th.embassy.demo',
  'embassy-vn-cg-psn': 'liaison@vn-cg-psn.embassy.demo',
};

const interpreterLanguageOf: Record<EmbassySlug, string> = {
  'embassy-cn': 'Mandarin',
  'embassy-vn': 'Vietnamese',
  'embassy-th': 'Thai',
  'embassy-vn-cg-psn': 'Vietnamese',
};

const policeOrganisationOf: Record<DemoProvinceCode, DemoOrganisationSlug> = {
  KKG: 'police-kkg',
  PSN: 'police-psn',
  PNH: 'police-pnh',
};

/** Bopha Nhem's account is deactivated: she took cases only in the older part of the year. */
const bophaLeftDaysAgo = 200;

function creatorWeights(provinceCode: DemoProvinceCode, ageInDays: number): Partial<Record<DemoAccountEmail, number>> {
  switch (provinceCode) {
    case 'KKG':
      return ageInDays > bophaLeftDaysAgo
        ? { 'sokha.chan@kkg.police.demo': 5, 'dara.meas@kkg.police.demo': 1, 'bopha.nhem@kkg.police.demo': 3 }
        : { 'sokha.chan@kkg.police.demo': 5, 'dara.meas@kkg.police.demo': 1 };
    case 'PSN':
      return { 'vanna.keo@psn.police.demo': 1 };
    case 'PNH':
      return { 'rithy.sok@pnh.police.demo': 1 };
  }
}

const investigatorOf: Record<DemoProvinceCode, DemoAccountEmail> = {
  KKG: 'sokha.chan@kkg.police.demo',
  PSN: 'vanna.keo@psn.police.demo',
  PNH: 'rithy.sok@pnh.police.demo',
};

/** Who signs off referrals and assignments: the supervisor where there is one, the officer elsewhere. */
const supervisorOf: Record<DemoProvinceCode, DemoAccountEmail> = {
  KKG: 'dara.meas@kkg.police.demo',
  PSN: 'vanna.keo@psn.police.demo',
  PNH: 'rithy.sok@pnh.police.demo',
};


function after(start: Date, milliseconds: number): Date {
  return new Date(start.getTime() + milliseconds);
}

function latest(dates: readonly (Date | null | undefined)[]): Date {
  let result: Date | undefined;
  for (const date of dates) if (date && (!result || date.getTime() > result.getTime())) result = date;
  if (!result) throw new Error('latest() needs at least one date');
  return result;
}

interface CaseSkeleton {
  provinceCode: DemoProvinceCode;
  crimeType: CrimeType;
  reportedAt: Date;
}

/** Someone who turns up in two cases under the same passport, so possible-match features have something to find. */
interface RecurringAppearance {
  identity: Identity;
  role: PersonRole;
}

interface PlannedPerson {
  row: PersonInsert & { id: string; nationality: DemoNationality; roleInCase: PersonRole; latinName: string };
  detainedAt: Date | null;
  releasedAt: Date | null;
}

export function planDemoCases(directory: DemoDirectory, now: Date): DemoCasePlan {
  const rng = new SeededRandom(demoSeed);
  const plan: DemoCasePlan = {
    cases: [],
    people: [],
    notes: [],
    notifications: [],
    notificationUpdates: [],
    cooperationActions: [],
    messages: [],
    officialNotifications: [],
    events: [],
  };
  const embassies = embassySlugs.map((slug) => ({ ...directory.organisation(slug), slug }));

  const skeletons: CaseSkeleton[] = Array.from({ length: demoCaseCount }, () => {
    const provinceCode = rng.weighted(provinceWeights);
    const crimeType = rng.weighted(crimeWeights[provinceCode]);
    // A few cases in the last days, so embassies have notifications still within their deadline.
    const ageMs = rng.chance(0.08) ? rng.between(2 * hour, 3 * day) : rng.between(3 * day, 365 * day);
    const reportedAt = new Date(Math.floor((now.getTime() - ageMs) / minute) * minute);
    return { provinceCode, crimeType, reportedAt };
  }).sort((first, second) => first.reportedAt.getTime() - second.reportedAt.getTime());

  const recurringAppearances = planRecurringAppearances(rng, skeletons, now);

  skeletons.forEach((skeleton, index) => {
    planCase(rng, directory, embassies, plan, skeleton, recurringAppearances.get(index), now);
  });
  planMisroutedCase(directory, plan, now);
  return plan;
}

function planRecurringAppearances(rng: SeededRandom, skeletons: readonly CaseSkeleton[], now: Date): Map<number, RecurringAppearance> {
  const recurringNationalities: readonly DemoNationality[] = ['CN', 'CN', 'VN', 'TH', 'CN', 'VN'];
  const eligible = skeletons.flatMap((skeleton, index) =>
    ['online_scam', 'human_trafficking', 'kidnapping'].includes(skeleton.crimeType) ? [index] : [],
  );
  const appearances = new Map<number, RecurringAppearance>();
  recurringNationalities.forEach((nationality, position) => {
    const sex: DemoSex = rng.chance(0.7) ? 'male' : 'female';
    const age = rng.integer(22, 45);
    const identity: Identity = {
      nationality,
      sex,
      ...demoName(rng, nationality, sex),
      dateOfBirth: cambodianDate(now.getTime() - (age * 365 + rng.integer(0, 364)) * day),
      approximateAge: null,
      document: demoDocument(rng, nationality),
    };
    // Spread over the year, the second appearance a few cases after the first.
    const firstSlot = Math.floor((position * eligible.length) / recurringNationalities.length);
    const first = eligible[firstSlot];
    const second = eligible[Math.min(firstSlot + 1 + (position % 3), eligible.length - 1)];
    if (first === undefined || second === undefined || first === second) return;
    // Half of them were victims who later recruited others, a pattern investigators see in scam compounds.
    appearances.set(first, { identity, role: position % 2 === 0 ? 'suspect' : 'victim' });
    appearances.set(second, { identity, role: 'suspect' });
  });
  return appearances;
}

function planCase(
  rng: SeededRandom,
  directory: DemoDirectory,
  embassies: readonly (DirectoryOrganisation & { slug: EmbassySlug })[],
  plan: DemoCasePlan,
  skeleton: CaseSkeleton,
  recurring: RecurringAppearance | undefined,
  now: Date,
): void {
  const { provinceCode, crimeType, reportedAt } = skeleton;
  const caseId = randomUUID();
  const ageMs = now.getTime() - reportedAt.getTime();
  const ageInDays = ageMs / day;
  const policeOrganisationId = directory.organisation(policeOrganisationOf[provinceCode]).id;
  const createdBy = directory.userId(rng.weighted(creatorWeights(provinceCode, ageInDays)));
  const cast = casts[crimeType];

  const statusChanges = planStatusChanges(rng, reportedAt.getTime(), now.getTime() - reportedAt.getTime()).map((change) => ({ ...change, at: new Date(change.at) }));
  const finalChange = statusChanges.at(-1);
  const status = finalChange?.to ?? 'reported';
  const closedAt = status === 'closed' ? (finalChange?.at ?? null) : null;
  const closure = finalChange?.closureReason ?? null;
  const activeUntil = closedAt ?? now;

  const isAssigned = status === 'reported' ? rng.chance(0.3) : rng.chance(0.85);
  const assignedTo = isAssigned
    ? directory.userId(provinceCode === 'KKG' && rng.chance(0.2) ? supervisorOf.KKG : investigatorOf[provinceCode])
    : null;
  // Assigned before anyone moved the case on.
  const firstMove = statusChanges[0]?.at ?? now;
  const assignedAt = isAssigned ? after(reportedAt, Math.floor((firstMove.getTime() - reportedAt.getTime()) * rng.between(0.1, 0.9))) : null;
  const caseOfficer = assignedTo ?? createdBy;
  const supervisor = directory.userId(supervisorOf[provinceCode]);

  const occurredAt = after(
    reportedAt,
    -Math.floor(
      crimeType === 'drug_trafficking'
        ? rng.between(0, 6 * hour)
        : crimeType === 'kidnapping'
          ? rng.between(2 * hour, 5 * day)
          : crimeType === 'other'
            ? rng.between(0, 2 * day)
            : rng.between(hour, 60 * day),
    ),
  );

  const free = recurring ? 4 : 5;
  const suspectCount = Math.min(rng.integer(...cast.suspects), free);
  const victimCount = Math.min(rng.integer(...cast.victims), free - suspectCount);
  const hasWitness = suspectCount + victimCount < free && rng.chance(0.3);
  const appearances: { role: PersonRole; identity: Identity }[] = [];
  for (let index = 0; index < suspectCount; index += 1) {
    appearances.push({ role: 'suspect', identity: newIdentity(rng, rng.weighted(cast.suspectNationalities), 'suspect', cast, reportedAt.getTime()) });
  }
  for (let index = 0; index < victimCount; index += 1) {
    appearances.push({ role: 'victim', identity: newIdentity(rng, rng.weighted(cast.victimNationalities), 'victim', cast, reportedAt.getTime()) });
  }
  if (hasWitness) appearances.push({ role: 'witness', identity: newIdentity(rng, rng.weighted(witnessNationalities), 'witness', cast, reportedAt.getTime()) });
  if (recurring) appearances.push(recurring);
  // A few people whose nationality could not be established, whatever the crime.
  for (const appearance of appearances) {
    if (appearance.identity !== recurring?.identity && appearance.role !== 'witness' && rng.chance(0.03)) {
      appearance.identity = { ...appearance.identity, ...demoName(rng, 'XX', appearance.identity.sex), nationality: 'XX', document: null, dateOfBirth: null };
    }
  }

  const people = appearances.map(({ role, identity }) =>
    planPerson(rng, { caseId, provinceCode, role, identity, crimeType, reportedAt, activeUntil, closure, createdBy, now, cast }),
  );
  plan.people.push(...people.map((person) => person.row));

  const place = rng.pick(demoPlaces[provinceCode].filter((candidate) => candidate.crimeTypes.includes(crimeType)));
  const adjectivesOf = (role: PersonRole) =>
    listPhrase([
      ...new Set(
        people.flatMap((person) => (person.row.roleInCase === role && person.row.nationality !== 'XX' ? [nationalityAdjectives[person.row.nationality]] : [])),
      ),
    ]);
  const story = rng.pick(demoStories[crimeType])({
    place,
    victimCount: people.filter((person) => person.row.roleInCase === 'victim').length,
    suspectCount: people.filter((person) => person.row.roleInCase === 'suspect').length,
    victimNationalities: adjectivesOf('victim'),
    suspectNationalities: adjectivesOf('suspect'),
    rng,
  });
  const narrativeHandlingCode = rng.weighted<HandlingCode>({ H0: 50, H1: 30, H2: 15, H3: 5 });
  plan.cases.push({
    policeOrganisationId,
    row: {
      id: caseId,
      provinceCode,
      crimeType,
      status,
      closureReason: closure,
      district: place.district,
      commune: place.commune,
      placeDescription: place.description,
      occurredAt,
      reportedAt,
      title: story.title,
      narrative: story.narrative,
      isNarrativeShareable: rng.chance(0.45),
      narrativeHandlingCode,
      narrativeHandlingNote: narrativeHandlingCode === 'H3' ? 'Source protection: do not pass on outside the investigating unit.' : null,
      createdBy,
      assignedTo,
      version: 1 + statusChanges.length + (isAssigned ? 1 : 0),
      createdAt: reportedAt,
      updatedAt: latest([reportedAt, assignedAt, finalChange?.at]),
      closedAt,
    },
  });

  const context: CaseContext = {
    rng,
    plan,
    now,
    caseId,
    reportedAt,
    activeUntil,
    ageInDays,
    status,
    statusChanges,
    createdBy,
    caseOfficer,
    policeOrganisationId,
  };
  const policeEvent = <K extends CaseEvent['kind']>(kind: K, occurredAt: Date, actorUserId: string, details: CaseEventDetails<K>): EventInsert => ({
    caseId,
    kind,
    actorUserId,
    actorOrganisationId: policeOrganisationId,
    occurredAt,
    details,
  });
  if (assignedTo && assignedAt) {
    plan.events.push(policeEvent('case_assigned', assignedAt, provinceCode === 'KKG' ? supervisor : assignedTo, { assignedTo }));
  }
  for (const change of statusChanges) {
    const actor = change.to === 'referred_to_prosecutor' ? supervisor : caseOfficer;
    const details = change.closureReason ? { from: change.from, to: change.to, closureReason: change.closureReason } : { from: change.from, to: change.to };
    plan.events.push(policeEvent('status_changed', change.at, actor, details));
  }
  if (status !== 'reported' && ageInDays > 3) {
    const noteCount = rng.chance(0.6) ? rng.integer(1, 2) : 0;
    for (let index = 0; index < noteCount; index += 1) {
      const note: NoteInsert & { id: string; createdAt: Date } = {
        id: randomUUID(),
        caseId,
        authorId: caseOfficer,
        body: rng.pick(noteBodies),
        createdAt: after(reportedAt, Math.floor((activeUntil.getTime() - reportedAt.getTime()) * rng.between(0.1, 0.9))),
      };
      plan.notes.push(note);
      plan.events.push(policeEvent('note_added', note.createdAt, caseOfficer, { noteId: note.id }));
    }
  }

  // Routed on the people as they were at intake, as the intake would have; later detentions escalate.
  const peopleAtIntake = people.map((person) => ({
    nationality: person.row.nationality,
    detentionStatus: person.detainedAt && person.detainedAt.getTime() <= reportedAt.getTime() ? ('detained' as const) : ('not_detained' as const),
  }));
  // Each country's notification goes to the competent mission's organisation: a Vietnamese national in Preah Sihanouk
  // or Koh Kong to the consulate-general, elsewhere to the embassy (lib/consular/competent-mission.ts).
  const receivers = [...new Set(embassies.map((embassy) => embassy.countryCode ?? ''))].flatMap((countryCode) => {
    const organisationId = receivingOrganisationId(directory.missions, countryCode, provinceCode);
    return embassies.filter((embassy) => embassy.id === organisationId);
  });
  for (const route of routeNotifications(peopleAtIntake, receivers)) {
    const embassyContext: EmbassyContext = {
      ...context,
      embassy: route.embassy,
      liaison: directory.userId(liaisonOf[route.embassy.slug]),
      nationals: people.filter((person) => person.row.nationality === route.embassy.countryCode),
    };
    planNotification(embassyContext, route);
    planCooperationActions(embassyContext);
    planMessages(embassyContext);
  }
  planOfficialTasks(context, directory, people, provinceCode, new Set(receivers.map((embassy) => embassy.countryCode ?? '')));
}

const officialMethods: Partial<Record<OfficialNotificationMethod, number>> = { diplomatic_note_via_mfa: 45, email: 25, fax: 15, phone: 10, in_person: 5 };

/**
 * The police's official-notification tasks, as syncOfficialNotifications would have made them at intake (the seed
 * inserts in bulk, so it never runs): one per country off CaseBridge with a national to notify, due by the same
 * rules as a notification, shortened by a later detention while not yet done. Most old tasks are done, some answered.
 */
function planOfficialTasks(context: CaseContext, directory: DemoDirectory, people: readonly PlannedPerson[], provinceCode: string, countriesOnCaseBridge: ReadonlySet<string>): void {
  const { rng, plan, now, caseId, reportedAt, activeUntil } = context;
  const consularPeople = people.map((person) => ({
    nationality: person.row.nationality,
    otherNationalities: [],
    detentionStatus: person.detainedAt && person.detainedAt.getTime() <= reportedAt.getTime() ? ('detained' as const) : ('not_detained' as const),
    notificationWish: null,
    dualNationalDecision: null,
  }));
  // No demo country is marked mandatory: nobody in the demo declined notification either.
  for (const task of planOfficialNotifications(consularPeople, countriesOnCaseBridge, () => false)) {
    const id = randomUUID();
    const mission = competentMission(directory.missions, task.countryCode, provinceCode);
    let kind = task.kind;
    let dueAt = notificationDueAt(kind, offCaseBridgeDeadlines, reportedAt);
    const window = dueAt.getTime() - reportedAt.getTime();
    const ageInDays = (now.getTime() - reportedAt.getTime()) / day;
    const proposedInforming = rng.chance(ageInDays > 30 ? 0.9 : ageInDays > 3 ? 0.6 : 0.2)
      ? after(reportedAt, Math.floor(rng.chance(0.85) ? window * rng.between(0.05, 0.9) : window + rng.between(hour, 48 * hour)))
      : null;
    const informedAt = proposedInforming && proposedInforming.getTime() < Math.min(now.getTime(), activeUntil.getTime()) ? proposedInforming : null;
    for (const national of people) {
      const { detainedAt } = national;
      if (national.row.nationality !== task.countryCode || !detainedAt || detainedAt.getTime() <= reportedAt.getTime()) continue;
      if (informedAt && informedAt.getTime() <= detainedAt.getTime()) continue;
      ({ kind, dueAt } = escalateToDetention({ dueAt }, offCaseBridgeDeadlines, detainedAt));
    }
    const method = informedAt ? rng.weighted(officialMethods) : null;
    const proposedAnswer = informedAt && rng.chance(0.5) ? after(informedAt, Math.floor(rng.between(6 * hour, 6 * day))) : null;
    const answeredAt = proposedAnswer && proposedAnswer.getTime() < now.getTime() ? proposedAnswer : null;
    plan.officialNotifications.push({
      id,
      caseId,
      provinceCode,
      countryCode: task.countryCode,
      missionId: mission?.id ?? null,
      kind,
      createdAt: reportedAt,
      dueAt,
      method,
      informedAt,
      informedWhom: informedAt ? `Consular section, ${mission?.nameEn ?? task.countryCode}` : null,
      reference: method === 'diplomatic_note_via_mfa' ? `MFA/DN/${reportedAt.getUTCFullYear()}/${rng.integer(100, 999)}` : null,
      informedBy: informedAt ? context.caseOfficer : null,
      answer: answeredAt ? rng.pick(officialAnswers) : null,
      answeredAt,
      answeredBy: answeredAt ? context.caseOfficer : null,
      version: 1 + (informedAt ? 1 : 0) + (answeredAt ? 1 : 0),
      updatedAt: latest([reportedAt, informedAt, answeredAt]),
    });
    const policeEvent = <K extends CaseEvent['kind']>(eventKind: K, occurredAt: Date, actorUserId: string, details: CaseEventDetails<K>): EventInsert => ({
      caseId,
      kind: eventKind,
      actorUserId,
      actorOrganisationId: context.policeOrganisationId,
      occurredAt,
      details,
    });
    plan.events.push(policeEvent('official_notification_due', reportedAt, context.createdBy, { officialNotificationId: id, countryCode: task.countryCode, kind: task.kind, dueAt: notificationDueAt(task.kind, offCaseBridgeDeadlines, reportedAt).toISOString() }));
    if (informedAt && method) plan.events.push(policeEvent('official_notification_recorded', informedAt, context.caseOfficer, { officialNotificationId: id, countryCode: task.countryCode, method }));
    if (answeredAt) plan.events.push(policeEvent('official_notification_answered', answeredAt, context.caseOfficer, { officialNotificationId: id, countryCode: task.countryCode }));
  }
}

const officialAnswers = [
  'Nationality confirmed by the consular section; a consular officer will visit.',
  'The embassy has informed the family and asks to be told of any transfer.',
  'Received. The embassy will issue an emergency travel document once identity is confirmed.',
] as const;

interface CaseContext {
  rng: SeededRandom;
  plan: DemoCasePlan;
  now: Date;
  caseId: string;
  reportedAt: Date;
  /** Nothing happens to a closed case after it was closed. */
  activeUntil: Date;
  ageInDays: number;
  status: CaseStatus;
  statusChanges: readonly (Omit<StatusChange, 'at'> & { at: Date })[];
  createdBy: string;
  /** The assigned officer, or the one who took the report. */
  caseOfficer: string;
  policeOrganisationId: string;
}

interface EmbassyContext extends CaseContext {
  embassy: DirectoryOrganisation & { slug: EmbassySlug };
  liaison: string;
  /** The people in the case of the embassy's nationality. */
  nationals: readonly PlannedPerson[];
}

/** An event between the police and one embassy, by the given side's user. */
function embassyThreadEvent<K extends CaseEvent['kind']>(context: EmbassyContext, side: Side, kind: K, occurredAt: Date, details: CaseEventDetails<K>, actorUserId?: string): EventInsert {
  return {
    caseId: context.caseId,
    kind,
    actorUserId: actorUserId ?? (side === 'police' ? context.caseOfficer : context.liaison),
    actorOrganisationId: side === 'police' ? context.policeOrganisationId : context.embassy.id,
    embassyOrganisationId: context.embassy.id,
    occurredAt,
    details,
  };
}

function planNotification(context: EmbassyContext, route: NotificationRoute<EmbassyContext['embassy']>): void {
  const { rng, plan, now, embassy, liaison, reportedAt: createdAt } = context;
  const notificationId = randomUUID();
  let dueAt = notificationDueAt(route.kind, embassy, createdAt);
  let kind = route.kind;

  const updates: (NotificationUpdateInsert & { createdAt: Date })[] = [];
  const addUpdate = (updateKind: NotificationUpdateInsert['kind'], at: Date, details: Record<string, unknown>, actorUserId?: string) => {
    const readAt = after(at, Math.floor(rng.between(hour, 24 * hour)));
    const isRead = rng.chance(0.7) && readAt.getTime() < now.getTime();
    updates.push({
      id: randomUUID(),
      notificationId,
      kind: updateKind,
      details,
      createdAt: at,
      readAt: isRead ? readAt : null,
      readBy: isRead ? liaison : null,
    });
    plan.events.push(embassyThreadEvent(context, 'police', 'notification_updated', at, { notificationId, update: updateKind }, actorUserId));
  };
  for (const national of context.nationals) {
    if (national.detainedAt && national.detainedAt.getTime() > createdAt.getTime()) {
      ({ kind, dueAt } = escalateToDetention({ dueAt }, embassy, national.detainedAt));
      addUpdate('national_detained', national.detainedAt, { personId: national.row.id });
    }
    if (national.releasedAt) addUpdate('national_released', national.releasedAt, { personId: national.row.id });
    if (national.row.consentRecordedAt) {
      addUpdate('consent_recorded', national.row.consentRecordedAt, { personId: national.row.id, consent: national.row.consularConsent }, context.createdBy);
    }
  }
  for (const change of context.statusChanges) addUpdate('case_status_changed', change.at, { from: change.from, to: change.to });

  const ageInDays = (now.getTime() - createdAt.getTime()) / day;
  // Most old notifications were answered long ago; the overdue ones are the few that slipped through.
  const acknowledgeChance = ageInDays > 60 ? 0.95 : ageInDays > 3 ? 0.75 : 0.3;
  const answerWindow = dueAt.getTime() - createdAt.getTime();
  const proposedAcknowledgement = rng.chance(acknowledgeChance)
    ? rng.chance(0.85)
      ? after(createdAt, Math.floor(answerWindow * rng.between(0.05, 0.95)))
      : after(dueAt, Math.floor(rng.between(hour, 72 * hour)))
    : null;
  const acknowledgedAt = proposedAcknowledgement && proposedAcknowledgement.getTime() < now.getTime() ? proposedAcknowledgement : null;
  const proposedOpening = acknowledgedAt
    ? after(createdAt, Math.floor((acknowledgedAt.getTime() - createdAt.getTime()) * rng.between(0.1, 0.9)))
    : rng.chance(0.4)
      ? after(createdAt, Math.floor(rng.between(10 * minute, 48 * hour)))
      : null;
  const firstOpenedAt = proposedOpening && proposedOpening.getTime() < now.getTime() ? proposedOpening : null;

  plan.notifications.push({
    id: notificationId,
    caseId: context.caseId,
    embassyOrganisationId: embassy.id,
    kind,
    reason: route.reason,
    createdBy: context.createdBy,
    createdAt,
    dueAt,
    firstOpenedAt,
    firstOpenedBy: firstOpenedAt ? liaison : null,
    acknowledgedAt,
    acknowledgedBy: acknowledgedAt ? liaison : null,
    acknowledgementNote: acknowledgedAt && rng.chance(0.5) ? rng.pick(acknowledgementNotes) : null,
    lastUpdatedAt: latest([createdAt, ...updates.map((update) => update.createdAt)]),
    // The demo's history happened before its first worker ran: only updates after the seed are e-mailed (lib/mail/notification-updates.ts).
    updatesMailedUntil: now,
  });
  plan.notificationUpdates.push(...updates);
  plan.events.push(
    embassyThreadEvent(context, 'police', 'notification_sent', createdAt, { notificationId, kind: route.kind, reason: route.reason }, context.createdBy),
  );
  if (firstOpenedAt) plan.events.push(embassyThreadEvent(context, 'embassy', 'notification_opened', firstOpenedAt, { notificationId }));
  if (acknowledgedAt) plan.events.push(embassyThreadEvent(context, 'embassy', 'notification_acknowledged', acknowledgedAt, { notificationId }));
}

/** Only about people the embassy may hear of (lib/disclosure/rule.ts). */
function planCooperationActions(context: EmbassyContext): void {
  const { rng, plan, now, embassy, reportedAt, activeUntil } = context;
  const shareable = context.nationals.filter((person) =>
    isDisclosedToEmbassy({ roleInCase: person.row.roleInCase, consularConsent: person.row.consularConsent ?? 'not_asked', disclosureOverrideAt: person.row.disclosureOverrideAt ?? null }),
  );
  if (context.status === 'reported' || context.ageInDays <= 4 || shareable.length === 0 || !rng.chance(0.5)) return;
  for (const draft of draftCooperationActions(rng, shareable, embassy.slug, context.ageInDays)) {
    const actionId = randomUUID();
    const recordedAt = after(reportedAt, Math.floor((activeUntil.getTime() - reportedAt.getTime()) * rng.between(0.05, 0.5)));
    const action: CooperationActionInsert = {
      id: actionId,
      caseId: context.caseId,
      embassyOrganisationId: embassy.id,
      actionType: draft.actionType,
      status: draft.status,
      recordedBySide: draft.side,
      createdBy: draft.side === 'police' ? context.caseOfficer : context.liaison,
      actionDate: cambodianDate(recordedAt.getTime()),
      description: draft.description,
      handlingCode: rng.weighted<HandlingCode>({ H0: 80, H1: 15, H2: 5 }),
      createdAt: recordedAt,
      updatedAt: recordedAt,
    };
    plan.cooperationActions.push(action);
    plan.events.push(
      embassyThreadEvent(context, draft.side, 'cooperation_action_recorded', recordedAt, { actionId, actionType: draft.actionType, status: draft.status }),
    );
    const answeredAt = after(recordedAt, Math.floor(rng.between(6 * hour, 5 * day)));
    if (draft.answer && answeredAt.getTime() < now.getTime()) {
      const answerId = randomUUID();
      plan.cooperationActions.push({
        ...action,
        id: answerId,
        actionType: 'information_provided',
        status: 'done',
        recordedBySide: 'embassy',
        createdBy: context.liaison,
        actionDate: cambodianDate(answeredAt.getTime()),
        description: draft.answer,
        respondsToId: actionId,
        createdAt: answeredAt,
        updatedAt: answeredAt,
      });
      plan.events.push(
        embassyThreadEvent(context, 'embassy', 'cooperation_action_recorded', answeredAt, { actionId: answerId, actionType: 'information_provided', status: 'done' }),
      );
    }
  }
}

function planMessages(context: EmbassyContext): void {
  const { rng, plan, now, nationals } = context;
  if (context.ageInDays <= 2 || !rng.chance(0.3)) return;
  const script = nationals.some((person) => person.detainedAt)
    ? messageScripts.detention
    : nationals.some((person) => !person.row.idDocumentNumber)
      ? messageScripts.identity
      : messageScripts.general;
  let postedAt = after(context.reportedAt, Math.floor(rng.between(2 * hour, 48 * hour)));
  for (const [side, body] of script) {
    if (postedAt.getTime() >= now.getTime()) break;
    const messageId = randomUUID();
    plan.messages.push({
      id: messageId,
      caseId: context.caseId,
      embassyOrganisationId: context.embassy.id,
      authorId: side === 'police' ? context.caseOfficer : context.liaison,
      authorSide: side,
      body,
      createdAt: postedAt,
    });
    plan.events.push(embassyThreadEvent(context, side, 'message_posted', postedAt, { messageId }));
    postedAt = after(postedAt, Math.floor(rng.between(hour, 36 * hour)));
  }
}

interface PersonContext {
  caseId: string;
  provinceCode: string;
  role: PersonRole;
  identity: Identity;
  crimeType: CrimeType;
  reportedAt: Date;
  activeUntil: Date;
  closure: ClosureReason | null;
  createdBy: string;
  now: Date;
  cast: Cast;
}

function planPerson(rng: SeededRandom, context: PersonContext): PlannedPerson {
  const { role, identity, reportedAt, activeUntil, now } = context;
  let detainedAt: Date | null = null;
  let releasedAt: Date | null = null;
  if (role === 'suspect') {
    if (rng.chance(context.cast.detentionAtReport)) {
      detainedAt = reportedAt;
    } else if (rng.chance(0.25)) {
      const arrest = after(reportedAt, Math.floor(rng.between(2 * hour, 72 * hour)));
      if (arrest.getTime() < activeUntil.getTime()) detainedAt = arrest;
    }
    if (detainedAt && (context.closure === 'insufficient_evidence' || rng.chance(0.15))) {
      const release = after(detainedAt, Math.floor((activeUntil.getTime() - detainedAt.getTime()) * rng.between(0.2, 0.8)));
      if (release.getTime() > detainedAt.getTime() && release.getTime() < now.getTime()) releasedAt = release;
    }
  }

  const isForeignVictim = role === 'victim' && identity.nationality !== 'KH';
  const consent = isForeignVictim ? rng.weighted({ yes: 45, no: 15, not_asked: 40 }) : 'not_asked';
  const proposedConsentTime = after(reportedAt, Math.floor(rng.between(hour, 48 * hour)));
  const consentRecordedAt = consent !== 'not_asked' && proposedConsentTime.getTime() < now.getTime() ? proposedConsentTime : null;
  const isSensitiveVictim =
    role === 'victim' && ['human_trafficking', 'kidnapping', 'online_scam'].includes(context.crimeType) && rng.chance(0.35);

  return {
    detainedAt,
    releasedAt,
    row: {
      id: randomUUID(),
      caseId: context.caseId,
      provinceCode: context.provinceCode,
      roleInCase: role,
      latinName: identity.latinName,
      nativeName: identity.nativeName,
      sex: identity.sex,
      dateOfBirth: identity.dateOfBirth,
      approximateAge: identity.approximateAge,
      nationality: identity.nationality,
      idDocumentType: identity.document?.idDocumentType ?? null,
      idDocumentNumber: identity.document?.idDocumentNumber ?? null,
      detentionStatus: releasedAt ? 'released' : detainedAt ? 'detained' : 'not_detained',
      detentionChangedAt: releasedAt ?? detainedAt,
      // Released people keep the time they were detained (the database keeps it for those still detained).
      detainedAt,
      isSensitiveVictim,
      consularConsent: consentRecordedAt ? consent : 'not_asked',
      consentRecordedAt,
      consentRecordedBy: consentRecordedAt ? context.createdBy : null,
      createdAt: reportedAt,
      updatedAt: latest([reportedAt, releasedAt ?? detainedAt, consentRecordedAt]),
    },
  };
}

interface CooperationDraft {
  actionType: CooperationActionInsert['actionType'];
  status: NonNullable<CooperationActionInsert['status']>;
  side: Side;
  description: string;
  /** The embassy's reply to a police request, recorded as an `information_provided` action. */
  answer?: string;
}

function draftCooperationActions(rng: SeededRandom, shareable: readonly PlannedPerson[], embassySlug: EmbassySlug, ageInDays: number): CooperationDraft[] {
  const person = rng.pick(shareable);
  const name = person.row.latinName;
  const isSettled = ageInDays > 21;
  const progress = (): CooperationDraft['status'] => (isSettled ? rng.weighted({ done: 85, declined: 5, in_progress: 10 }) : rng.weighted({ requested: 50, in_progress: 50 }));
  const drafts: CooperationDraft[] = [];
  if (person.detainedAt) {
    drafts.push({
      actionType: 'consular_visit',
      status: progress(),
      side: 'embassy',
      description: `Consular officer visit to ${name} at the provincial police commissariat; no complaints about treatment were raised.`,
    });
  }
  if (person.row.roleInCase === 'victim') {
    drafts.push(
      isSettled
        ? {
            actionType: 'repatriation',
            status: rng.weighted({ done: 70, in_progress: 30 }),
            side: 'embassy',
            description: `Emergency travel document issued for ${name}; return flight arranged from Phnom Penh.`,
          }
        : {
            actionType: 'interpreter',
            status: progress(),
            side: 'police',
            description: `${interpreterLanguageOf[embassySlug]} interpreter requested for the interview of ${name}.`,
          },
    );
  }
  if (drafts.length < 2) {
    const documentNumber = person.row.idDocumentNumber;
    drafts.push(
      documentNumber
        ? {
            actionType: 'identity_verification',
            status: progress(),
            side: 'police',
            description: `Please confirm that passport ${documentNumber} was issued to ${name}.`,
          }
        : {
            actionType: 'information_request',
            status: isSettled ? 'done' : 'requested',
            side: 'police',
            description: `${name} carries no documents. Please check your records for the name and age we recorded, and for a family contact.`,
            ...(isSettled && rng.chance(0.7) ? { answer: `Records found for ${name}; a family contact was passed on by phone.` } : {}),
          },
    );
  }
  return drafts;
}
